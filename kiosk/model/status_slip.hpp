// A dossier's status as the printed status slip shows it: masked, in plain Vietnamese words
// (printed documents are always Vietnamese, whatever language the screen is in).
#pragma once
#include "dossier/status.hpp"
#include "printing/documents.hpp"

namespace kiosk::app {

printing::StatusSlipData status_slip_data(const dossier::DossierStatus& d, dossier::Date today);

}  // namespace kiosk::app

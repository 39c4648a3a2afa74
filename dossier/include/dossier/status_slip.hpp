// A dossier's status as the printed status slip shows it: masked, in plain words.
#pragma once
#include "dossier/status.hpp"
#include "printing/documents.hpp"

namespace kiosk::dossier {

printing::StatusSlipData status_slip_data(const DossierStatus& d, Date today);
Date today_local();

}  // namespace kiosk::dossier

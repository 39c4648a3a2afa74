// Backend adapters: each turns one backend's JSON answer into the internal DossierStatus.
// The generic API is the kiosk's own (docs/dossier-api.md); iGate is VNPT's dossier search.
#pragma once
#include <stdexcept>
#include <string_view>

#include "dossier/status.hpp"

namespace kiosk::dossier {

struct AdapterError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Throws AdapterError (one line) on malformed JSON, a wrong shape, or no dossier in the answer.
DossierStatus parse_generic(std::string_view json);
DossierStatus parse_igate(std::string_view json);

}  // namespace kiosk::dossier

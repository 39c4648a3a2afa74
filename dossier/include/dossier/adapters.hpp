// Backend adapters: each turns one backend's JSON answer into the internal DossierStatus and
// what the typed id is to be checked against. The generic API is the kiosk's own
// (docs/dossier-api.md); iGate is VNPT's dossier search, in every shape its versions answer.
#pragma once
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "common/secret.hpp"
#include "dossier/status.hpp"

namespace kiosk::dossier {

struct AdapterError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// An answer as read, before the owner check. The name is already masked; the ids are secrets,
// overwritten when this is destroyed. Parsing itself keeps no copy (its JSON memory is wiped).
struct BackendAnswer {
  DossierStatus status;
  std::string nation_code;            // iGate's national code, also acceptable as "the code asked"
  std::vector<SecretString> owner_ids;  // the owner's and the authorised person's id numbers
  SecretString secret_code;           // a code printed on the slip, where the backend uses one
  bool owner_checked = false;         // the backend says it checked the id it was sent
};

// Throws AdapterError (one line) on malformed JSON, a wrong shape, or no dossier in the answer.
BackendAnswer parse_generic(std::string_view json);
BackendAnswer parse_igate(std::string_view json);

// iGate's fee list (pa/dossier-fee/--by-dossiers): amounts are JSON decimals ("10000.0"),
// converted to whole đồng; a fraction of a đồng is refused (AdapterError). iGate names no payee:
// the kiosk's configured one is used.
FeesDue parse_igate_fees(std::string_view json, const Payee& payee);

// A whole number of đồng from a JSON number written as an integer or a decimal with no fraction
// (10000, 10000.0); nullopt otherwise.
std::optional<int64_t> whole_dong(double v);

}  // namespace kiosk::dossier

// Looks a dossier up in the one-stop backend through the kiosk's one HTTP client (common/http.hpp:
// its policy, verification, size caps, wiping): short timeouts, retries on idempotent GETs, the
// token never logged. This file holds only the backend's protocol. It fails
// closed: a dossier comes back only when it is the one asked for and its owner was checked — by
// the backend, saying so, where the configuration trusts it to; otherwise by the kiosk against
// an id the answer holds. Every failure is a LookupError kind the app words for the citizen.
#pragma once
#include <chrono>
#include <string>
#include <variant>

#include "common/http.hpp"
#include "common/secret.hpp"
#include "dossier/status.hpp"

namespace kiosk::dossier {

enum class Adapter { Generic, IGate };
Adapter adapter_from_name(const std::string& name);  // "generic" | "igate"; throws std::invalid_argument

struct BackendConfig {
  std::string base_url;  // e.g. https://motcua.example.gov.vn/api/kiosk
  Adapter adapter = Adapter::Generic;
  // The backend checks the owner's id itself and says so (generic API: "owner_checked": true,
  // 404 otherwise). Never assumed of iGate, whose search does not check.
  bool backend_checks_owner = false;
  // Plain http sends the token and the owner's id in clear: refused, unless the policy allows it
  // and the backend is this machine (a stand-in, a local proxy).
  http::Policy policy;
  // Who fees are paid to when the backend does not say (iGate's fee list names no payee).
  Payee payee;
  std::string ca_bundle;     // empty: the system's CA store
  std::string auth_header;   // e.g. "Authorization: Bearer …" or "X-API-Key: …"; never logged
  std::chrono::milliseconds connect_timeout{3000};
  std::chrono::milliseconds total_timeout{8000};  // for the whole lookup, retries included
  int max_attempts = 3;
  size_t max_bytes = 1 << 20;
};

// The HTTP client's options for this backend: its policy, CA, timeouts, retries, size cap.
http::Options http_options(const BackendConfig& cfg);

// The default for each adapter: the generic API checks the owner, iGate does not.
bool checks_owner_by_default(Adapter a);

struct LookupQuery {
  std::string code;         // a dossier code, or
  std::string resolver_id;  // the GUID of a resolver-URL slip (generic API only)
  SecretString owner_id;    // whole id number, its last digits, or the slip's secret code
};

struct LookupError {
  enum class Kind {
    Offline,
    Timeout,
    // Not shown here: an unknown code, an id that does not match, or an owner no one could check.
    // One kind, one message, so nobody can probe which codes exist.
    NotShown,
    Server,
    BadAnswer,  // includes an answer about another dossier than the one asked
    Tls,
    Unsupported,
    Refused,  // by the kiosk's network policy (plain http, another host) or a redirect: never followed
  };
  Kind kind;
  std::string detail;  // for the log (no token, no id number); the app words the kind for citizens
};
const char* kind_name(LookupError::Kind k);

using LookupResult = std::variant<DossierStatus, LookupError>;

struct BackendAnswer;  // adapters.hpp

class StatusClient {
 public:
  // Throws std::invalid_argument for an address it will not use (plain http not allowed).
  explicit StatusClient(BackendConfig cfg);
  // Blocking (call it from a worker).
  LookupResult lookup(const LookupQuery& q) const;
  const BackendConfig& config() const { return cfg_; }

 private:
  LookupResult check(BackendAnswer a, const LookupQuery& q, const std::string& shown) const;
  void add_igate_fees(DossierStatus& d) const;
  http::Options options() const;
  BackendConfig cfg_;
};

}  // namespace kiosk::dossier

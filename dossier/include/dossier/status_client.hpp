// Looks a dossier up in the one-stop backend over HTTPS (libcurl): verification on, short
// timeouts, retries on idempotent GETs, answers size-capped, the token never logged. Every
// failure comes back as a LookupError with a message a citizen can read.
#pragma once
#include <chrono>
#include <string>
#include <variant>

#include "dossier/status.hpp"

namespace kiosk::dossier {

enum class Adapter { Generic, IGate };
Adapter adapter_from_name(const std::string& name);  // "generic" | "igate"; throws std::invalid_argument

struct BackendConfig {
  std::string base_url;  // e.g. https://motcua.example.gov.vn/api/kiosk
  Adapter adapter = Adapter::Generic;
  std::string ca_bundle;     // empty: the system's CA store
  std::string auth_header;   // e.g. "Authorization: Bearer …" or "X-API-Key: …"; never logged
  std::chrono::milliseconds connect_timeout{3000};
  std::chrono::milliseconds total_timeout{8000};  // for the whole lookup, retries included
  int max_attempts = 3;
  size_t max_bytes = 1 << 20;
};

struct LookupQuery {
  std::string code;         // a dossier code, or
  std::string resolver_id;  // the GUID of a resolver-URL slip (generic API only)
  std::string owner_id;     // whole id number or its last digits; may be empty
};

struct LookupError {
  enum class Kind { Offline, Timeout, NotFound, OwnerMismatch, Server, BadAnswer, Tls, Unsupported };
  Kind kind;
  std::string detail;  // for the log (no token, no id number); the app words the kind for citizens
};
const char* kind_name(LookupError::Kind k);

using LookupResult = std::variant<DossierStatus, LookupError>;

class StatusClient {
 public:
  explicit StatusClient(BackendConfig cfg);
  // Blocking (call it from a worker). Returns the dossier only when the owner id given matches
  // (when the backend tells the owner's id).
  LookupResult lookup(const LookupQuery& q) const;
  const BackendConfig& config() const { return cfg_; }

 private:
  BackendConfig cfg_;
};

}  // namespace kiosk::dossier

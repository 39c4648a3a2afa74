#include "model/client_settings.hpp"

#include "common/files.hpp"

namespace kiosk::app {

dossier::BackendConfig backend_config(const KioskConfig& c) {
  dossier::BackendConfig b;
  b.base_url = c.backend_url;
  b.adapter = dossier::adapter_from_name(c.backend_adapter);
  b.backend_checks_owner = c.backend_checks_owner.value_or(dossier::checks_owner_by_default(b.adapter));
  b.policy.allow_http_loopback = c.backend_allow_http;
  b.payee = {c.payee_name, c.payee_bin, c.payee_account};
  b.ca_bundle = c.backend_ca_bundle;
  if (!c.backend_token_file.empty()) b.auth_header = "Authorization: Bearer " + files::read_secret_file(c.backend_token_file);
  return b;
}

queue::ClientSettings queue_settings(const KioskConfig& c) {
  queue::ClientSettings s;
  s.url = c.queue_url;
  s.adapter = c.queue_adapter;
  s.http.policy.allow_http_loopback = c.queue_allow_http;
  s.http.ca_bundle = c.queue_ca_bundle;
  if (s.adapter == "novosga") s.novosga = queue::read_novosga_account(c.queue_credentials_dir, c.queue_unit);
  // A number is taken while the citizen waits at the screen; the hall polls every second.
  s.http.total_timeout = std::chrono::seconds(6);
  return s;
}

}  // namespace kiosk::app

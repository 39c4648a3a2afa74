#include "model/services.hpp"

#include "common/files.hpp"
#include "common/text.hpp"
#include "content/store.hpp"

namespace kiosk::app {

namespace {

void start_printing(Services& s, const KioskConfig& c, Logger& log, std::function<void()> wake) {
  if (!c.printing) return;
  // The state database is the kiosk's own; a kiosk that cannot open it still serves citizens,
  // only without print buttons.
  try {
    s.printer = std::make_unique<printing::PrintService>(
        c.state_db, printing::CupsPrinter(c.printer, 3000, c.cups_server), log, std::move(wake));
  } catch (const std::exception& e) {
    log.error("kiosk", std::string("printing disabled: ") + e.what());
  }
}

void start_dossier(Services& s, const KioskConfig& c, Logger& log, std::function<void()> wake) {
  if (c.backend_url.empty()) return;
  try {
    dossier::BackendConfig b;
    b.base_url = c.backend_url;
    b.adapter = dossier::adapter_from_name(c.backend_adapter);
    b.backend_checks_owner = c.backend_checks_owner.value_or(dossier::checks_owner_by_default(b.adapter));
    if (b.backend_checks_owner && b.adapter == dossier::Adapter::IGate)
      log.warn("kiosk", "backend_checks_owner = yes with iGate: its public search does not check the owner");
    b.allow_http_loopback = c.backend_allow_http;
    b.ca_bundle = c.backend_ca_bundle;
    if (!c.backend_token_file.empty())
      b.auth_header = "Authorization: Bearer " + text::trim(files::read_file(c.backend_token_file));
    dossier::StatusClient probe(b);  // refuses an address it will not use, here rather than per lookup
    s.dossier = make_dossier_worker(std::move(b), std::move(wake));
    log.info("kiosk", "dossier lookup through " + c.backend_url + " (" + c.backend_adapter + ")");
  } catch (const std::exception& e) {
    log.error("kiosk", std::string("dossier lookup disabled: ") + e.what());
  }
}

}  // namespace

void load_content(Services& s, const KioskConfig& c, Logger& log, std::function<void()> wake) {
  s.search.reset();
  s.catalog.reset();
  s.pack_dir.clear();
  try {
    content::ContentStore store(c.store);
    const auto path = store.current_catalog();
    s.catalog.emplace(path);
    s.pack_dir = path.parent_path() / "content";
    s.search = make_search_worker(path, std::move(wake));
    log.info("kiosk", "content pack " + s.catalog->meta("pack_id") + " " + s.catalog->meta("version") + " loaded");
  } catch (const std::exception& e) {
    s.search.reset();
    s.catalog.reset();
    log.error("kiosk", std::string("cannot load content: ") + e.what());
  }
}

Services start_services(const KioskConfig& c, Logger& log, std::function<void()> wake) {
  Services s;
  if (!c.staff_pin_hash.empty()) s.staff_gate = std::make_unique<StaffGate>(c.staff_pin_hash, log);
  s.paper = printing::paper_from_name(c.paper);
  s.owner_id_digits = c.owner_id_digits;
  load_content(s, c, log, wake);
  start_printing(s, c, log, wake);
  start_dossier(s, c, log, wake);
  return s;
}

}  // namespace kiosk::app

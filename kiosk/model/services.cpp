#include "model/services.hpp"

#include "model/fleet_link.hpp"

#include "rating/roster.hpp"

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
    printing::PrintServiceOptions o;
    o.retention_hours = c.print_retention_hours;
    s.printer = std::make_unique<printing::PrintService>(
        c.state_db, printing::CupsPrinter(c.printer, 3000, c.cups_server), log, std::move(wake), o);
  } catch (const std::exception& e) {
    log.error("kiosk", std::string("printing disabled: ") + e.what());
  }
}

void start_dossier(Services& s, const KioskConfig& c, Logger& log, std::function<void()> wake) {
  if (c.backend_url.empty()) return;
  try {
    dossier::BackendConfig b = backend_config(c);
    if (b.backend_checks_owner && b.adapter == dossier::Adapter::IGate)
      log.warn("kiosk", "backend_checks_owner = yes with iGate: its public search does not check the owner");
    dossier::StatusClient probe(b);  // refuses an address it will not use, here rather than per lookup
    s.dossier = make_dossier_worker(std::move(b), std::move(wake));
    log.info("kiosk", "dossier lookup through " + c.backend_url + " (" + c.backend_adapter + ")");
  } catch (const std::exception& e) {
    log.error("kiosk", std::string("dossier lookup disabled: ") + e.what());
  }
}

void start_payment(Services& s, const KioskConfig& c, Logger& log, std::function<void()> wake) {
  if (c.backend_url.empty() || c.payment_gateway == "none" || !c.printing) {
    // Without a printer there is no receipt: fees are paid at the counter.
    if (!c.backend_url.empty() && c.payment_gateway != "none") log.info("kiosk", "fee payment off: this kiosk has no printer for receipts");
    return;
  }
  if (!c.kiosk_number) {
    log.error("kiosk", "fee payment off: kiosk_number is not set in kiosk.conf (receipts would repeat across the fleet)");
    return;
  }
  if (dossier::adapter_from_name(c.backend_adapter) == dossier::Adapter::IGate && (c.payee_bin.empty() || c.payee_account.empty())) {
    // iGate names no payee: without kiosk.conf's, no code's bank could be checked.
    log.error("kiosk", "fee payment off: payee_bin and payee_account are required with the iGate backend");
    return;
  }
  try {
    payment::GatewaySettings g;
    g.ca_bundle = c.backend_ca_bundle;
    g.policy.allow_http_loopback = c.backend_allow_http;
    g.payos_url = c.payos_url;
    g.payos_keys_dir = c.payos_keys_dir.string();
    payment::PaymentServiceOptions o;
    o.kiosk_number = c.kiosk_number;
    o.backend = c.backend_url;
    o.http.ca_bundle = c.backend_ca_bundle;
    o.http.policy.allow_http_loopback = c.backend_allow_http;
    if (!c.backend_token_file.empty()) {
      g.auth_header = "Authorization: Bearer " + files::read_secret_file(c.backend_token_file);
      o.backend_headers.push_back(g.auth_header);
    }
    s.payment = std::make_unique<payment::PaymentService>(c.state_db, payment::make_gateway_factory(g), log, std::move(wake), o);
    s.payment_gateway = c.payment_gateway;
    s.payment_ttl_seconds = c.payment_ttl_minutes * 60;
    s.backend_url = c.backend_url;
    log.info("kiosk", "fee payment through " + c.payment_gateway);
  } catch (const std::exception& e) {
    log.error("kiosk", std::string("fee payment disabled: ") + e.what());
  }
}

void start_rating(Services& s, const KioskConfig& c, Logger& log, std::function<void()> wake) {
  s.rating_survey = c.rating_survey;
  try {
    s.ratings = std::make_unique<rating::RatingLog>(c.state_db, c.kiosk_number.value_or(0),
                                                    rating::BurstRule{c.rating_burst, c.rating_burst_seconds});
  } catch (const std::exception& e) {
    // Without its database the kiosk cannot keep a rating: no rating tile, everything else serves.
    log.error("kiosk", std::string("rating unavailable: ") + e.what());
    return;
  }
  if (c.backend_url.empty()) return;  // kept here until a backend is configured
  rating::UploaderOptions o;
  o.backend = c.backend_url;
  o.http.ca_bundle = c.backend_ca_bundle;
  o.http.policy.allow_http_loopback = c.backend_allow_http;
  try {
    http::check_url(c.backend_url, http::Policy{c.backend_allow_http});
    if (!c.backend_token_file.empty())
      o.headers.push_back("Authorization: Bearer " + files::read_secret_file(c.backend_token_file));
    s.rating_uploader = std::make_unique<rating::Uploader>(c.state_db, o, log);
    s.roster = std::make_unique<RosterWorker>(
        [o](std::stop_token) {
          return [o](const std::string& counter) { return rating::fetch_officers(o.backend, counter, o.headers, o.http); };
        },
        std::move(wake));
  } catch (const std::exception& e) {
    log.error("kiosk", std::string("ratings will not be delivered: ") + e.what());
  }
}

// The pack's roster and the counters that have officers on it.
void load_rating_setup(Services& s) {
  s.rating_setup = s.catalog ? s.catalog->rating_setup() : content::RatingSetup{};
  s.rating_counters.clear();
  if (!s.catalog) return;
  for (const auto& a : s.catalog->agencies())
    for (const auto& counter : a.counters)
      if (!rating::officers_at(s.rating_setup.officers, counter.id).empty())
        s.rating_counters.push_back({counter.id, counter.name, a.name});
}

}  // namespace

void load_content(Services& s, const KioskConfig& c, Logger& log, std::function<void()> wake) {
  s.search.reset();
  s.catalog.reset();
  s.pack_dir.clear();
  s.content_problems.clear();
  try {
    content::ContentStore store(c.store);
    // Only a catalog still as it was installed is opened: a damaged one (bit rot, a failing
    // disk) must not take the kiosk down; the previous pack serves, or search is unavailable
    // while everything else works.
    const auto usable = store.usable();
    if (store.current()) s.content_problems = usable.problems;  // none installed is no problem, just no content yet
    for (const auto& p : s.content_problems) log.error("kiosk", "content: " + p);
    if (!usable.pack) throw std::runtime_error("no content pack this kiosk can use in " + c.store.string());
    if (usable.fell_back) log.warn("kiosk", "content: serving the previous pack until staff install a good one");
    const auto path = usable.pack->dir / "catalog.sqlite";
    s.catalog.emplace(path);
    s.pack_dir = path.parent_path() / "content";
    s.search = make_search_worker(path, std::move(wake));
    log.info("kiosk", "content pack " + s.catalog->meta("pack_id") + " " + s.catalog->meta("version") + " loaded");
  } catch (const std::exception& e) {
    s.search.reset();
    s.catalog.reset();
    s.pack_dir.clear();
    log.error("kiosk", std::string("search unavailable: ") + e.what());
  }
  load_rating_setup(s);
  s.queue_map = s.catalog ? s.catalog->queue_map() : content::QueueMap{};
}

Services start_services(const KioskConfig& c, Logger& log, std::function<void()> wake) {
  Services s;
  if (!c.staff_pin_hash.empty()) {
    s.staff_gate = std::make_unique<StaffGate>(c.staff_pin_hash, log, c.state_db);
    s.health = std::make_unique<HealthWorker>(
        [c](std::stop_token) { return HealthWorker::Job([c](const int&) { return check_health(c); }); }, wake);
  }
  s.paper = printing::paper_from_name(c.paper);
  s.owner_id_digits = c.owner_id_digits;
  s.voice = speech::Voice{c.speech_rate, c.speech_volume / 100.0};
  load_content(s, c, log, wake);
  start_printing(s, c, log, wake);
  start_dossier(s, c, log, wake);
  if (s.dossier) start_payment(s, c, log, wake);
  start_rating(s, c, log, wake);
  if (!c.queue_url.empty()) {
    try {
      s.queue = make_queue_worker(c, log, wake);
      s.queue->request(QueueAsk{});  // its services, for the home tile's list
      log.info("kiosk", "queue numbers from " + c.queue_url + " (" + c.queue_adapter + ")");
    } catch (const std::exception& e) {
      log.error("kiosk", std::string("queue numbers disabled: ") + e.what());
    }
  }
  if (!c.content_channel.empty()) {
    try {
      s.updater = std::make_unique<ContentUpdater>(c, log, wake);
      log.info("content", "updates from " + c.content_channel + " every " + std::to_string(c.content_poll_minutes) + " min while idle");
    } catch (const std::exception& e) {
      log.error("content", std::string("content updates off: ") + e.what());
    }
  }
  s.fleet = start_fleet_link(c, log, wake);
  s.kiosk_name = !c.kiosk_name.empty() ? c.kiosk_name : c.kiosk_number ? "Kiosk " + std::to_string(*c.kiosk_number) : "Kiosk";
  return s;
}

}  // namespace kiosk::app

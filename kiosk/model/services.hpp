// What the kiosk runs for its citizens, started in one place from the configuration: the content
// (catalog and search), dossier lookup, printing. Each member is empty when that capability is
// not configured or could not start; screens ask, never assume. No SDL here.
#pragma once
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "common/log.hpp"
#include "content/catalog.hpp"
#include "model/client_settings.hpp"
#include "model/config.hpp"
#include "model/content_updater.hpp"
#include "fleet/agent.hpp"
#include "model/dossier_lookup.hpp"
#include "model/health.hpp"
#include "model/latest_worker.hpp"
#include "model/queue_worker.hpp"
#include "model/search_worker.hpp"
#include "model/staff_gate.hpp"
#include "payment/payment_service.hpp"
#include "rating/rating_log.hpp"
#include "rating/uploader.hpp"
#include "speech/speaker.hpp"
#include "printing/pdf_layout.hpp"
#include "printing/print_service.hpp"

namespace kiosk::app {

// A counter citizens can rate the officers of, as the pack names it.
struct RatingCounter {
  std::string id, name, agency;
};

// Who the backend says is on duty at a counter (nullopt: it does not say; the pack's roster serves).
using RosterWorker = LatestWorker<std::string, std::optional<std::vector<content::Officer>>>;

// The health report for the staff screen: a few seconds of network and CUPS, off the UI thread.
using HealthWorker = LatestWorker<int, std::vector<HealthCheck>>;

struct Services {
  // The installed content pack: its catalog (read on the UI thread: one indexed row at a time),
  // its files (blank forms, the logo), and a worker searching it. All empty when no pack is
  // installed or it cannot be read: search is then unavailable, everything else still serves.
  std::optional<content::Catalog> catalog;
  std::filesystem::path pack_dir;
  std::vector<std::string> content_problems;  // a damaged pack, a fallback: for the log and staff
  std::unique_ptr<SearchWorker> search;
  std::unique_ptr<DossierWorker> dossier;          // a backend is configured
  std::unique_ptr<printing::PrintService> printer;  // this kiosk has a printer
  std::unique_ptr<payment::PaymentService> payment;  // fees can be paid here (a backend and a gateway)
  std::string payment_gateway;                       // "backend" | "payos", for PayRequests
  std::string backend_url;
  std::string kiosk_name;                            // on receipts

  // Rating: the pack's roster and reasons; the ratings this kiosk took (written on the UI thread:
  // durable before the thank-you); their delivery; the backend's list of who is on duty.
  content::RatingSetup rating_setup;
  std::vector<RatingCounter> rating_counters;  // counters with officers on the roster
  std::unique_ptr<rating::RatingLog> ratings;
  std::unique_ptr<rating::Uploader> rating_uploader;
  std::unique_ptr<RosterWorker> roster;
  bool rating_survey = false;

  // Queue numbers: the queue server's worker (a queue_url is configured), its services as last
  // read, and the pack's map of procedures to them.
  std::unique_ptr<QueueWorker> queue;
  std::optional<queue::ServiceList> queue_services;
  bool queue_list_failed = false;  // the last ask for the list got no list: say so, not "loading"
  content::QueueMap queue_map;

  std::unique_ptr<ContentUpdater> updater;  // a content channel is configured
  // The fleet's broker is configured: presence, health, signed commands and overrides. The
  // announcement is the override's, shown on the attract screen.
  std::unique_ptr<fleet::FleetAgent> fleet;
  std::string announcement;
  std::unique_ptr<StaffGate> staff_gate;  // a staff PIN is configured
  std::unique_ptr<HealthWorker> health;   // with the staff gate: its screen shows the report

  // Reading aloud: made by the platform (sound device, or a log when headless); empty when the
  // configuration turns speech off or the voice cannot start. `voice`: the configured pace and
  // volume every session starts from.
  std::unique_ptr<speech::Speaker> speaker;
  speech::Voice voice;

  // Settings the screens need.
  printing::Paper paper = printing::Paper::Roll80;
  int owner_id_digits = 4;  // 0: the whole id number is asked for
  int payment_ttl_seconds = 15 * 60;

  bool content_ready() const { return catalog.has_value(); }
};

// Starts everything the configuration asks for. Failures are logged and leave that member
// empty; `wake` is called from worker threads when they have something for the UI.
Services start_services(const KioskConfig& config, Logger& log, std::function<void()> wake);

// Reads the installed pack again (staff installed a new one), replacing catalog and search.
void load_content(Services& s, const KioskConfig& config, Logger& log, std::function<void()> wake);

}  // namespace kiosk::app

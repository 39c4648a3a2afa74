#include "model/fleet_link.hpp"

#include "content/store.hpp"
#include "model/health.hpp"

namespace kiosk::app {

using nlohmann::json;

namespace {

std::string installed_version(const KioskConfig& c) {
  try {
    const auto pack = content::ContentStore(c.store).current();
    return pack ? pack->manifest.pack_id + " " + pack->manifest.version : "";
  } catch (const std::exception&) {
    return "";
  }
}

}  // namespace

json fleet_health_report(const std::vector<HealthCheck>& checks, const std::string& content_version,
                         const std::string& kind) {
  json out = {{"kind", kind}, {"kiosk_version", KIOSK_VERSION}, {"content_version", content_version}, {"last_error", ""}};
  json by_id = json::object();
  for (const auto& c : checks) {
    // How much was paid and how often is the center's business, not the broker's.
    by_id[c.id] = {{"level", level_name(c.level)}, {"detail", c.id == "payments" ? "" : c.detail}};
    if (c.id == "content" && !c.lines.empty()) by_id[c.id]["update"] = c.lines.front();
    if (c.id == "problems" && !c.lines.empty()) out["last_error"] = c.lines.front();
  }
  out["checks"] = std::move(by_id);
  return out;
}

std::unique_ptr<fleet::FleetAgent> start_fleet_link(const KioskConfig& c, Logger& log, std::function<void()> wake) {
  if (c.fleet_broker.empty()) return nullptr;
  try {
    fleet::AgentConfig a;
    a.broker = fleet::parse_broker_url(c.fleet_broker);
    a.tls = {c.fleet_ca.string(), c.fleet_cert.string(), c.fleet_cert_key.string()};
    a.center = c.fleet_center;
    a.kiosk_id = kiosk_id_or_hostname(c.kiosk_id);
    if (c.fleet_trust.empty()) throw fleet::FleetError("no fleet_trust key in kiosk.conf");
    a.fleet_keys = content::read_trusted_keys(c.fleet_trust);
    a.state_file = c.state_db.parent_path() / "fleet-last-command";
    a.health_every = std::chrono::minutes(c.fleet_health_minutes);
    const KioskConfig config = c;
    auto agent = std::make_unique<fleet::FleetAgent>(
        a, log, [config] { return fleet_health_report(check_health(config), installed_version(config), config.mode); },
        std::move(wake));
    log.info("fleet", "fleet link to " + c.fleet_broker + " as " + a.kiosk_id + " (center " + a.center + ")");
    return agent;
  } catch (const std::exception& e) {
    log.error("fleet", std::string("fleet link off: ") + e.what());
    return nullptr;
  }
}

}  // namespace kiosk::app

// The kiosk's link to its fleet (fleet/agent.hpp): started from kiosk.conf's fleet_* settings,
// with the staff screen's health report as what it publishes. Payment figures and anything a
// citizen typed never leave in it.
#pragma once
#include <functional>
#include <memory>

#include <nlohmann/json.hpp>

#include "common/log.hpp"
#include "fleet/agent.hpp"
#include "model/config.hpp"
#include "model/health_check.hpp"

namespace kiosk::app {

// The report as published: {"kind" ("kiosk" or "display", kiosk.conf's mode), "kiosk_version",
// "content_version", "checks": {id: {"level", "detail"}}, "last_error"}. The payments check
// gives its level only.
nlohmann::json fleet_health_report(const std::vector<HealthCheck>& checks, const std::string& content_version,
                                   const std::string& kind = "kiosk");

// Null when no broker is configured, or when the link cannot start (logged: the kiosk serves on).
std::unique_ptr<fleet::FleetAgent> start_fleet_link(const KioskConfig& config, Logger& log, std::function<void()> wake);

}  // namespace kiosk::app

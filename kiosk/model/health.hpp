// The kiosk's health at a glance, for staff (the staff screen) and IT (`kioskctl health` over
// SSH): versions and the content's age, the printer, the backend and its latency, network,
// scanners and camera, disk, the clock, what still waits to be delivered. Each check says, in
// Vietnamese, what is wrong and never holds a citizen's data. Slow parts (the backend, CUPS) are
// bounded by short timeouts; the UI runs this off its thread.
#pragma once
#include <chrono>
#include <string>
#include <vector>

#include "model/config.hpp"
#include "model/health_check.hpp"

namespace kiosk::app {


std::vector<HealthCheck> check_health(const KioskConfig& config,
                                      std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

}  // namespace kiosk::app

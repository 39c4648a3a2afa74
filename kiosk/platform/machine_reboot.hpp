// Rebooting the kiosk's PC for staff. The kiosk asks systemd-logind over the system bus; the
// package's polkit rule (installer/polkit/) lets the kiosk's user reboot and do nothing else, so
// the service keeps NoNewPrivileges and no capability.
#pragma once
#include <chrono>
#include <optional>
#include <string>

namespace kiosk::platform {

// Asks logind to reboot now. nullopt when logind took the request (the machine goes down
// shortly); otherwise why not, for the log and the staff screen: no system bus, refused by
// polkit, no answer within `timeout`.
std::optional<std::string> request_reboot(std::chrono::milliseconds timeout = std::chrono::seconds(5));

}  // namespace kiosk::platform

// Telling systemd how the kiosk is (Type=notify): READY once the first frame is on screen, and
// WATCHDOG from the main loop while it turns, so a hung loop is killed and restarted. Outside
// systemd (no NOTIFY_SOCKET) every call does nothing.
#pragma once
#include <chrono>
#include <optional>
#include <string>

namespace kiosk::platform {

class ServiceNotifier {
 public:
  using Clock = std::chrono::steady_clock;
  ServiceNotifier();

  void ready(const std::string& status);
  void stopping();
  // Called by the main loop on every turn: pings the watchdog at half its interval.
  void alive(Clock::time_point now);
  // How long the loop may sleep before it must ping again; nullopt without a watchdog.
  std::optional<std::chrono::milliseconds> until_ping(Clock::time_point now) const;
  bool watchdog() const { return interval_.count() > 0; }

 private:
  std::chrono::microseconds interval_{0};
  Clock::time_point last_ping_{};
};

}  // namespace kiosk::platform

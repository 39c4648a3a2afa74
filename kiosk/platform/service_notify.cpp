#include "platform/service_notify.hpp"

#include <systemd/sd-daemon.h>
#include <unistd.h>

#include <cstdlib>

namespace kiosk::platform {

namespace {

// systemd gives the watchdog to its main process (WATCHDOG_PID). Under the kiosk compositor
// (cage) that is cage, and the kiosk is its child: the loop that must be watched is ours, so the
// watchdog is taken when it was given to us or to our parent (the unit's NotifyAccess=all lets
// our pings count).
std::chrono::microseconds watchdog_interval() {
  const char* usec = std::getenv("WATCHDOG_USEC");
  if (!usec) return std::chrono::microseconds{0};
  if (const char* pid = std::getenv("WATCHDOG_PID")) {
    const long p = std::strtol(pid, nullptr, 10);
    if (p != getpid() && p != getppid()) return std::chrono::microseconds{0};
  }
  const long long v = std::strtoll(usec, nullptr, 10);
  return std::chrono::microseconds{v > 0 ? v : 0};
}

}  // namespace

ServiceNotifier::ServiceNotifier() : interval_(watchdog_interval()) {}

void ServiceNotifier::ready(const std::string& status) {
  sd_notify(0, ("READY=1\nSTATUS=" + status).c_str());
  last_ping_ = Clock::now();
  if (watchdog()) sd_notify(0, "WATCHDOG=1");
}

void ServiceNotifier::stopping() { sd_notify(0, "STOPPING=1"); }

void ServiceNotifier::alive(Clock::time_point now) {
  if (!watchdog() || now - last_ping_ < interval_ / 2) return;
  sd_notify(0, "WATCHDOG=1");
  last_ping_ = now;
}

std::optional<std::chrono::milliseconds> ServiceNotifier::until_ping(Clock::time_point now) const {
  if (!watchdog()) return std::nullopt;
  const auto due = last_ping_ + interval_ / 2;
  return due <= now ? std::chrono::milliseconds{0} : std::chrono::ceil<std::chrono::milliseconds>(due - now);
}

}  // namespace kiosk::platform

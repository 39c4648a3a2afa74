#include "platform/machine_reboot.hpp"

#include <systemd/sd-bus.h>

#include <cstring>
#include <memory>

namespace kiosk::platform {

namespace {

struct BusCloser {
  void operator()(sd_bus* b) const noexcept { sd_bus_flush_close_unref(b); }
};
struct MessageUnref {
  void operator()(sd_bus_message* m) const noexcept { sd_bus_message_unref(m); }
};
// sd_bus_error is a plain struct the library fills; freed whatever happens.
struct BusError {
  sd_bus_error e = SD_BUS_ERROR_NULL;
  BusError() = default;
  BusError(const BusError&) = delete;
  BusError& operator=(const BusError&) = delete;
  ~BusError() { sd_bus_error_free(&e); }
};

}  // namespace

std::optional<std::string> request_reboot(std::chrono::milliseconds timeout) {
  sd_bus* raw = nullptr;
  // sd_bus_open_system follows DBUS_SYSTEM_BUS_ADDRESS, as every D-Bus client does.
  if (const int r = sd_bus_open_system(&raw); r < 0) return std::string("no system bus: ") + std::strerror(-r);
  const std::unique_ptr<sd_bus, BusCloser> bus(raw);
  sd_bus_set_method_call_timeout(bus.get(), static_cast<uint64_t>(timeout.count()) * 1000);
  BusError error;
  sd_bus_message* reply_raw = nullptr;
  // interactive=false: polkit must answer from its rules; nobody at the kiosk can type a password.
  const int r = sd_bus_call_method(bus.get(), "org.freedesktop.login1", "/org/freedesktop/login1", "org.freedesktop.login1.Manager",
                                   "Reboot", &error.e, &reply_raw, "b", 0);
  const std::unique_ptr<sd_bus_message, MessageUnref> reply(reply_raw);
  if (r < 0) {
    if (error.e.name) return std::string(error.e.name) + (error.e.message ? std::string(": ") + error.e.message : std::string());
    return std::string("logind did not answer: ") + std::strerror(-r);
  }
  return std::nullopt;
}

}  // namespace kiosk::platform

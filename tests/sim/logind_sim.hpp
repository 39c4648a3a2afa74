// A stand-in for systemd-logind (which cannot run in this container): a private D-Bus daemon of
// its own and, on it, a process owning org.freedesktop.login1 that answers Manager.Reboot as
// logind does — "done" when polkit allows it, org.freedesktop.DBus.Error.AccessDenied (logind's
// answer when polkit says no) otherwise. Nothing reboots: the calls are counted. Point a client
// at address() through DBUS_SYSTEM_BUS_ADDRESS.
#pragma once
#include <systemd/sd-bus.h>

#include <atomic>
#include <filesystem>
#include <string>
#include <thread>

namespace kiosk::test {

class LogindSim {
 public:
  explicit LogindSim(bool polkit_allows);
  ~LogindSim();
  LogindSim(const LogindSim&) = delete;
  LogindSim& operator=(const LogindSim&) = delete;

  std::string address() const { return "unix:path=" + (dir_ / "bus").string(); }
  int reboots() const { return reboots_; }             // Reboot calls answered "done"
  int refused() const { return refused_; }             // Reboot calls refused
  bool last_interactive() const { return interactive_; }
  // The bus callback's way in (C linkage of sd-bus): logind's answer to Reboot(interactive).
  int answer_reboot(sd_bus_message* m, bool interactive, sd_bus_error* error);

 private:
  void serve();
  std::filesystem::path dir_;
  int daemon_pid_ = -1;
  bool allows_;
  std::atomic<int> reboots_{0}, refused_{0};
  std::atomic<bool> interactive_{false}, stop_{false}, serving_{false};
  std::thread server_;
};

}  // namespace kiosk::test

#include "logind_sim.hpp"

#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <systemd/sd-bus.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <stdexcept>
#include <vector>

extern char** environ;

namespace kiosk::test {

namespace {

struct BusCloser {
  void operator()(sd_bus* b) const noexcept { sd_bus_flush_close_unref(b); }
};
struct SlotUnref {
  void operator()(sd_bus_slot* s) const noexcept { sd_bus_slot_unref(s); }
};

int on_reboot(sd_bus_message* m, void* userdata, sd_bus_error* error) {
  auto* self = static_cast<LogindSim*>(userdata);
  int interactive = 0;
  if (const int r = sd_bus_message_read(m, "b", &interactive); r < 0) return r;
  return self->answer_reboot(m, interactive != 0, error);
}

const sd_bus_vtable kManager[] = {
    SD_BUS_VTABLE_START(0),
    SD_BUS_METHOD("Reboot", "b", "", on_reboot, SD_BUS_VTABLE_UNPRIVILEGED),
    SD_BUS_VTABLE_END,
};

}  // namespace

LogindSim::LogindSim(bool polkit_allows) : allows_(polkit_allows) {
  char tmpl[] = "/tmp/logind-sim-XXXXXX";
  if (!mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
  dir_ = tmpl;
  std::ofstream(dir_ / "bus.conf") << "<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
                                      " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
                                      "<busconfig><type>system</type><listen>unix:path="
                                   << (dir_ / "bus").string()
                                   << "</listen><auth>EXTERNAL</auth><policy context=\"default\">"
                                      "<allow user=\"*\"/><allow own=\"*\"/><allow send_destination=\"*\"/>"
                                      "<allow send_type=\"method_call\"/><allow send_type=\"method_return\"/>"
                                      "<allow send_type=\"error\"/><allow send_type=\"signal\"/>"
                                      "<allow receive_type=\"method_call\"/><allow receive_type=\"method_return\"/>"
                                      "<allow receive_type=\"error\"/><allow receive_type=\"signal\"/>"
                                      "</policy></busconfig>\n";
  const std::string conf = "--config-file=" + (dir_ / "bus.conf").string();
  std::vector<char*> argv{const_cast<char*>("dbus-daemon"), const_cast<char*>(conf.c_str()), const_cast<char*>("--nofork"),
                          const_cast<char*>("--nopidfile"), nullptr};
  if (posix_spawnp(&daemon_pid_, "dbus-daemon", nullptr, nullptr, argv.data(), environ) != 0)
    throw std::runtime_error("cannot start dbus-daemon");
  server_ = std::thread([this] { serve(); });
  for (int i = 0; i < 300 && !serving_; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  if (!serving_) {
    stop_ = true;
    server_.join();
    kill(daemon_pid_, SIGTERM);
    waitpid(daemon_pid_, nullptr, 0);
    throw std::runtime_error("logind stand-in did not start");
  }
}

LogindSim::~LogindSim() {
  stop_ = true;
  if (server_.joinable()) server_.join();
  if (daemon_pid_ > 0) {
    kill(daemon_pid_, SIGTERM);
    waitpid(daemon_pid_, nullptr, 0);
  }
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

int LogindSim::answer_reboot(sd_bus_message* m, bool interactive, sd_bus_error* error) {
  interactive_ = interactive;
  if (!allows_) {
    ++refused_;
    return sd_bus_error_set(error, SD_BUS_ERROR_ACCESS_DENIED, "Access denied");
  }
  ++reboots_;
  return sd_bus_reply_method_return(m, "");
}

void LogindSim::serve() {
  // The daemon makes its socket a moment after it starts.
  std::unique_ptr<sd_bus, BusCloser> bus;
  for (int i = 0; i < 200 && !stop_; ++i) {
    sd_bus* raw = nullptr;
    if (sd_bus_new(&raw) >= 0) {
      std::unique_ptr<sd_bus, BusCloser> b(raw);
      if (sd_bus_set_address(b.get(), address().c_str()) >= 0 && sd_bus_set_bus_client(b.get(), 1) >= 0 && sd_bus_start(b.get()) >= 0) {
        bus = std::move(b);
        break;
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  if (!bus) return;
  sd_bus_slot* slot_raw = nullptr;
  if (sd_bus_add_object_vtable(bus.get(), &slot_raw, "/org/freedesktop/login1", "org.freedesktop.login1.Manager", kManager, this) < 0)
    return;
  const std::unique_ptr<sd_bus_slot, SlotUnref> slot(slot_raw);
  if (sd_bus_request_name(bus.get(), "org.freedesktop.login1", 0) < 0) return;
  serving_ = true;
  while (!stop_) {
    const int r = sd_bus_process(bus.get(), nullptr);
    if (r < 0) break;
    if (r == 0) sd_bus_wait(bus.get(), 50 * 1000);
  }
}

}  // namespace kiosk::test

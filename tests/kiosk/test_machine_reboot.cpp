// The staff "reboot the machine" action asks logind over the system bus: here a stand-in logind
// on a private bus (tests/sim/logind_sim), which the kiosk's code cannot tell from the real one.
#include <catch2/catch.hpp>
#include <cstdlib>

#include "logind_sim.hpp"
#include "platform/machine_reboot.hpp"

using kiosk::platform::request_reboot;
using kiosk::test::LogindSim;

namespace {

// DBUS_SYSTEM_BUS_ADDRESS for the length of a test.
class SystemBus {
 public:
  explicit SystemBus(const std::string& address) {
    if (const char* old = std::getenv("DBUS_SYSTEM_BUS_ADDRESS")) old_ = old;
    setenv("DBUS_SYSTEM_BUS_ADDRESS", address.c_str(), 1);
  }
  ~SystemBus() {
    if (old_.empty()) unsetenv("DBUS_SYSTEM_BUS_ADDRESS");
    else setenv("DBUS_SYSTEM_BUS_ADDRESS", old_.c_str(), 1);
  }

 private:
  std::string old_;
};

}  // namespace

TEST_CASE("reboot: logind is asked once, not interactively, and the request is taken") {
  LogindSim logind(true);
  SystemBus bus(logind.address());
  CHECK_FALSE(request_reboot());
  CHECK(logind.reboots() == 1);
  CHECK(logind.refused() == 0);
  CHECK_FALSE(logind.last_interactive());  // nobody at the kiosk can answer a password prompt
}

TEST_CASE("reboot: polkit refusing is told in words, nothing rebooted") {
  LogindSim logind(false);
  SystemBus bus(logind.address());
  const auto why = request_reboot();
  REQUIRE(why);
  CHECK_THAT(*why, Catch::Contains("AccessDenied"));
  CHECK(logind.reboots() == 0);
  CHECK(logind.refused() == 1);
}

TEST_CASE("reboot: no system bus is a message, not a hang") {
  SystemBus bus("unix:path=/nonexistent/bus");
  const auto why = request_reboot();
  REQUIRE(why);
  CHECK_THAT(*why, Catch::Contains("no system bus"));
}

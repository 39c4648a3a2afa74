// The kiosk under systemd (Type=notify, WatchdogSec): the real kiosk, on SDL's offscreen display,
// tells a notify socket it is ready and pings the watchdog from its loop; when the loop hangs the
// pings stop, which is what makes systemd kill and restart it. The socket is ours, listening as
// systemd's does (a Unix datagram socket named by NOTIFY_SOCKET).
#include <signal.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <string>

#include "common/files.hpp"
#include "notify_socket.hpp"
#include "process.hpp"

namespace {

using kiosk::test::NotifySocket;

size_t count(const std::vector<std::string>& msgs, const std::string& what) {
  size_t n = 0;
  for (const auto& m : msgs) n += m.find(what) != std::string::npos;
  return n;
}

}  // namespace

TEST_CASE("under systemd the kiosk says it is ready, pings the watchdog from its loop, and stops when the loop hangs",
          "[service]") {
  kiosk::files::TempDir tmp;
  NotifySocket sock((tmp.path() / "notify").string());
  setenv("NOTIFY_SOCKET", (tmp.path() / "notify").c_str(), 1);
  setenv("WATCHDOG_USEC", "400000", 1);  // pinged every 200 ms
  unsetenv("WATCHDOG_PID");
  setenv("SDL_VIDEODRIVER", "offscreen", 1);
  setenv("SDL_RENDER_DRIVER", "software", 1);
  const int pid = kiosk::test::spawn_tool(
      "tthc-kiosk", {"--windowed", "--store", (tmp.path() / "store").string(), "--state-db", (tmp.path() / "state.db").string(),
                     "--config", "/dev/null", "--test-hang-after", "3"});
  unsetenv("NOTIFY_SOCKET");
  unsetenv("WATCHDOG_USEC");

  // Ready once the first frame is drawn (an empty store: the "no content" screen), then pinging.
  REQUIRE(sock.wait_for("READY=1\nSTATUS=serving, no content installed", std::chrono::seconds(20)));
  const auto first = sock.receive_for(std::chrono::milliseconds(1500));
  CHECK(count(first, "WATCHDOG=1") >= 3);
  CHECK(count(first, "READY=1") == 0);
  // The loop hangs 3 s after it started: the pings stop (systemd would now kill and restart it).
  sock.receive_for(std::chrono::milliseconds(2000));
  const auto hung = sock.receive_for(std::chrono::milliseconds(1500));
  CHECK(count(hung, "WATCHDOG=1") == 0);
  kill(pid, SIGKILL);
  kiosk::test::wait_exit(pid);
}

TEST_CASE("the watchdog given to the kiosk or to the compositor it runs in is taken, one given to another process is not",
          "[service]") {
  kiosk::files::TempDir tmp;
  NotifySocket sock((tmp.path() / "notify").string());
  setenv("NOTIFY_SOCKET", (tmp.path() / "notify").c_str(), 1);
  setenv("WATCHDOG_USEC", "400000", 1);
  setenv("WATCHDOG_PID", "1", 1);  // neither the kiosk nor its parent (this test)
  setenv("SDL_VIDEODRIVER", "offscreen", 1);
  setenv("SDL_RENDER_DRIVER", "software", 1);
  const int pid = kiosk::test::spawn_tool("tthc-kiosk", {"--windowed", "--store", (tmp.path() / "store").string(), "--state-db",
                                                         (tmp.path() / "state.db").string(), "--config", "/dev/null"});
  REQUIRE(sock.wait_for("READY=1", std::chrono::seconds(20)));
  const auto msgs = sock.receive_for(std::chrono::milliseconds(1500));
  CHECK(count(msgs, "WATCHDOG=1") == 0);
  kill(pid, SIGKILL);
  kiosk::test::wait_exit(pid);

  // The watchdog systemd gave to the kiosk's parent (cage) is taken.
  setenv("WATCHDOG_PID", std::to_string(getpid()).c_str(), 1);
  const int child = kiosk::test::spawn_tool("tthc-kiosk", {"--windowed", "--store", (tmp.path() / "store").string(), "--state-db",
                                                           (tmp.path() / "state2.db").string(), "--config", "/dev/null"});
  REQUIRE(sock.wait_for("READY=1", std::chrono::seconds(20)));
  const auto pinged = sock.receive_for(std::chrono::milliseconds(1500));
  CHECK(count(pinged, "WATCHDOG=1") >= 3);
  kill(child, SIGKILL);
  kiosk::test::wait_exit(child);
  unsetenv("NOTIFY_SOCKET");
  unsetenv("WATCHDOG_USEC");
  unsetenv("WATCHDOG_PID");
}

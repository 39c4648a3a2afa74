// The whole kiosk, headless, with a serial slip scanner on a pseudo-terminal and the backend
// simulator over loopback: a slip scanned on the tty brings the right dossier to the screen.
#include <catch2/catch.hpp>
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <thread>

#include "common/files.hpp"
#include "process.hpp"

namespace fs = std::filesystem;

TEST_CASE("a pty scanner brings the right dossier up on the kiosk's screen", "[kiosk][scanner]") {
  kiosk::files::TempDir tmp;
  kiosk::test::BackgroundTool sim("dossier-sim",
                                  {"--fixtures", (fs::path(KIOSK_SOURCE_DIR) / "tests/sim/dossiers.json").string(), "--port", "0"},
                                  (tmp.path() / "ready").string());
  const int master = posix_openpt(O_RDWR | O_NOCTTY);
  REQUIRE(master >= 0);
  REQUIRE(grantpt(master) == 0);
  REQUIRE(unlockpt(master) == 0);
  const std::string slave = ptsname(master);

  const auto conf = tmp.path() / "kiosk.conf";
  std::ofstream(conf) << "backend_url = http://127.0.0.1:" << sim.ready("http") << "\nbackend_allow_http = true\nscanner_serial = " << slave << "\n";
  const auto script = tmp.path() / "session.script";
  std::ofstream(script) << "tap @960,540\n"
                           "await Kết quả đã được trả\n"
                           "expect Ngô T*** N***\n"
                           "expect-not 001305778899\n"
                           "shot 01-from-serial\n";
  // The scanner sends once the kiosk runs; the script waits up to 30 s for the status.
  std::thread scanner([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    const std::string line = "https://dichvucong.example.vn/portaldvc/tra-cuu?SGT=001305778899&MHS=000.00.12.H04-261119-0010\r\n";
    CHECK(::write(master, line.data(), line.size()) == static_cast<ssize_t>(line.size()));
  });
  const auto r = kiosk::test::run_tool(
      "tthc-kiosk", {"--config", conf.string(), "--store", (fs::path(KIOSK_BIN_DIR) / "../ui-test-store").string(), "--script",
                     script.string(), "--screenshots", (tmp.path() / "shots").string(), "--state-db", (tmp.path() / "state.db").string()});
  scanner.join();
  ::close(master);
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(fs::exists(tmp.path() / "shots/01-from-serial.png"));
}

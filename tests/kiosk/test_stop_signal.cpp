// The kiosk stops when the service manager asks (#32): the real kiosk in kiosk mode (fullscreen,
// SDL's X11 driver under Xvfb, not windowed, not headless), holding an open payment and a queued
// print job, ignores the compositor's close request (a WM_DELETE_WINDOW, as a window manager sends
// it), and on SIGTERM or SIGINT tells systemd it is stopping and exits 0 within 5 s. The journal
// and the print queue are intact, and the next start takes them up: the payment, paid meanwhile,
// is confirmed, and the job prints on the real cupsd of the ctest fixture.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>

#include "common/files.hpp"
#include "eventually.hpp"
#include "notify_socket.hpp"
#include "printing/documents.hpp"
#include "printing/pdf_layout.hpp"
#include "printing/print_queue.hpp"
#include "process.hpp"
#include "sim.hpp"
#include "x_server.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace std::chrono_literals;
using kiosk::test::XServer;

namespace {

// The cupsd and virtual printer of ctest's "cups" fixture (tests/printing/cups_fixture.sh).
std::map<std::string, std::string> cups_fixture() {
  const char* env_file = std::getenv("KIOSK_CUPS_FIXTURE_ENV");
  REQUIRE(env_file);
  std::map<std::string, std::string> kv;
  std::ifstream in(env_file);
  for (std::string line; std::getline(in, line);)
    if (const auto eq = line.find('='); eq != std::string::npos) kv[line.substr(0, eq)] = line.substr(eq + 1);
  REQUIRE(kv.count("CUPS_SERVER"));
  REQUIRE(kv.count("KIOSK_TEST_PRINTER"));
  return kv;
}

// The exit code when the process ends within `limit` (-1: a signal ended it); nullopt if it runs on.
std::optional<int> exit_within(pid_t pid, std::chrono::milliseconds limit) {
  const auto end = std::chrono::steady_clock::now() + limit;
  do {
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::this_thread::sleep_for(20ms);
  } while (std::chrono::steady_clock::now() < end);
  return std::nullopt;
}

struct KioskUnderTest {
  fs::path dir, db, log;
  std::string backend;

  void write_config(const std::string& name, const std::string& cups_server, const std::string& printer) const {
    std::ofstream(dir / name) << "backend_url = " << backend << "\nbackend_allow_http = true\nkiosk_number = 9\n"
                              << "cups_server = " << cups_server << "\nprinter = " << printer << "\nspeech = off\n"
                              << "log_file = " << log.string() << "\nstate_db = " << db.string() << "\n";
  }
  // Started as the service starts it (no --windowed), telling `notify` what systemd would hear.
  pid_t start(const std::string& conf, const XServer& x, const std::string& notify) const {
    setenv("DISPLAY", x.name().c_str(), 1);
    setenv("SDL_VIDEODRIVER", "x11", 1);
    setenv("SDL_RENDER_DRIVER", "software", 1);
    setenv("NOTIFY_SOCKET", notify.c_str(), 1);
    const pid_t pid = kiosk::test::spawn_tool(
        "tthc-kiosk", {"--config", (dir / conf).string(), "--store", (fs::path(KIOSK_TEST_STORE)).string()});
    unsetenv("NOTIFY_SOCKET");
    unsetenv("DISPLAY");
    return pid;
  }
  json journal() const {
    const auto r = kiosk::test::run_tool("kioskctl", {"--json", "payment", "journal", "--state", db.string()});
    REQUIRE(r.exit_code == 0);
    return json::parse(r.out);
  }
  std::string log_text() const { return kiosk::files::read_file(log); }
};

void stops_cleanly(int signal_number) {
  kiosk::files::TempDir tmp;
  kiosk::test::SimServer sim;
  XServer x;
  const auto cups = cups_fixture();
  KioskUnderTest k{tmp.path(), tmp.path() / "state.db", tmp.path() / "kiosk.log", sim.url()};
  kiosk::test::NotifySocket sock((tmp.path() / "notify").string());

  // A citizen's payment open (its code shown, nothing paid yet) and a job waiting for a printer
  // this kiosk cannot reach.
  const auto started = kiosk::test::run_tool(
      "kioskctl", {"--json", "payment", "start", "000.00.12.H04-261115-0006", "--owner-id", "7891", "--state", k.db.string(),
                   "--backend", sim.url(), "--allow-http", "--kiosk-number", "9"});
  INFO(started.out << started.err);
  REQUIRE(started.exit_code == 0);
  const json open = k.journal().at(0);
  REQUIRE(open.at("state") == "requested");
  const int64_t job = kiosk::printing::PrintQueue(k.db).enqueue(
      "test-page", "Trang thử", kiosk::printing::render_pdf_bytes(kiosk::printing::test_page(json::object(), "", std::time(nullptr)), kiosk::printing::Paper::Roll80));
  k.write_config("away.conf", "127.0.0.1:1", cups.at("KIOSK_TEST_PRINTER"));
  k.write_config("back.conf", cups.at("CUPS_SERVER"), cups.at("KIOSK_TEST_PRINTER"));

  const pid_t pid = k.start("away.conf", x, (tmp.path() / "notify").string());
  REQUIRE(sock.wait_for("READY=1", 30s));
  // The compositor's close request is not the service manager's: the kiosk stays.
  REQUIRE(x.ask_windows_to_close() >= 1);
  CHECK_FALSE(exit_within(pid, 1500ms));
  CHECK(k.log_text().find("close request ignored (kiosk mode)") != std::string::npos);

  const auto asked = std::chrono::steady_clock::now();
  kill(pid, signal_number);
  const auto code = exit_within(pid, 5s);
  const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - asked);
  if (!code) {
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
  }
  REQUIRE(code);
  CHECK(*code == 0);
  WARN(strsignal(signal_number) << ": the kiosk exited " << *code << " after " << took.count() << " ms");
  CHECK(sock.wait_for("STOPPING=1", 1s));
  CHECK(k.log_text().find(signal_number == SIGTERM ? "stopping cleanly on SIGTERM" : "stopping cleanly on SIGINT") != std::string::npos);

  // Intact: the payment still open, the job still queued.
  CHECK(k.journal().at(0).at("state") == "requested");
  CHECK(kiosk::printing::PrintQueue(k.db).get(job)->state == "queued");

  // The citizen's transfer arrives while the kiosk is down; the next start, with its printer
  // back, confirms the payment and prints the job.
  sim.call("/_sim/pay", json{{"order_code", open.at("order_code")}, {"amount", open.at("amount")}}.dump());
  const pid_t again = k.start("back.conf", x, (tmp.path() / "notify").string());
  REQUIRE(sock.wait_for("READY=1", 30s));
  const bool paid = kiosk::test::eventually([&] { return k.journal().at(0).at("state") == "paid"; }, 20s);
  const bool printed = kiosk::test::eventually([&] { return kiosk::printing::PrintQueue(k.db).get(job)->state == "completed"; }, 30s);
  kill(again, SIGTERM);
  const auto second = exit_within(again, 5s);
  if (!second) {
    kill(again, SIGKILL);
    waitpid(again, nullptr, 0);
  }
  CHECK(paid);
  CHECK(printed);
  CHECK(second == std::optional<int>(0));
}

}  // namespace

TEST_CASE("SIGTERM stops the kiosk cleanly in kiosk mode, a close request does not, the next start takes up what it held",
          "[service][xvfb]") {
  stops_cleanly(SIGTERM);
}

TEST_CASE("SIGINT stops the kiosk cleanly in kiosk mode, a close request does not, the next start takes up what it held",
          "[service][xvfb]") {
  stops_cleanly(SIGINT);
}

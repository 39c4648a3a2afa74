// The health report (staff screen, `kioskctl health`) against real parts: an installed store and
// an empty one, the backend stand-in and a port nobody listens on, a state database with messages
// waiting, no printer configured.
#include <catch2/catch.hpp>

#include "common/files.hpp"
#include "common/state_db.hpp"
#include "model/health.hpp"
#include "outbox/outbox.hpp"
#include "sim.hpp"

using kiosk::app::HealthCheck;
using Level = HealthCheck::Level;

namespace {

const HealthCheck& find(const std::vector<HealthCheck>& v, const std::string& id) {
  for (const auto& c : v)
    if (c.id == id) return c;
  FAIL("no check " << id);
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("health: an installed pack, the backend answering, messages waiting, no printer", "[health]") {
  kiosk::files::TempDir tmp;
  kiosk::test::SimServer sim;
  kiosk::app::KioskConfig c;
  c.store = KIOSK_TEST_STORE;
  c.state_db = tmp.path() / "state.db";
  c.printing = false;
  c.backend_url = sim.url();
  c.backend_allow_http = true;
  {
    auto db = kiosk::state::open_state_db(c.state_db);
    kiosk::outbox::Outbox box(db);
    box.add("rating", "r1", "/ratings", "{}", 1);
    box.add("rating", "r2", "/ratings", "{}", 1);
  }
  const auto report = kiosk::app::check_health(c);
  CHECK(find(report, "app").detail.find(KIOSK_VERSION) != std::string::npos);
  CHECK(find(report, "content").level == Level::Ok);
  CHECK(find(report, "content").detail.find("sample.tthc") != std::string::npos);
  CHECK(find(report, "printer").level == Level::Off);
  CHECK(find(report, "backend").level == Level::Ok);
  CHECK(find(report, "backend").detail.find(" ms") != std::string::npos);
  CHECK(find(report, "outbox").detail.rfind("2 chờ gửi", 0) == 0);
  CHECK(find(report, "disk").detail.find("GB") != std::string::npos);
  for (const char* id : {"network", "devices", "clock"}) CHECK(!find(report, id).detail.empty());
  // Six months on, the same pack is likely out of date.
  const auto later = kiosk::app::check_health(c, std::chrono::system_clock::now() + std::chrono::hours(24 * 200));
  CHECK(find(later, "content").level == Level::Warn);
}

TEST_CASE("health: nothing installed, the backend down, a printer that cannot be reached", "[health]") {
  kiosk::files::TempDir tmp;
  kiosk::app::KioskConfig c;
  c.store = tmp.path() / "store";
  c.state_db = tmp.path() / "state.db";
  c.printing = true;
  c.printer = "kiosk-test";
  c.cups_server = "127.0.0.1:9";
  c.backend_url = "http://127.0.0.1:9/";
  c.backend_allow_http = true;
  const auto report = kiosk::app::check_health(c);
  CHECK(find(report, "content").level == Level::Fail);
  CHECK(find(report, "content").detail.find("chưa cài") != std::string::npos);
  CHECK(find(report, "backend").level == Level::Fail);
  CHECK(find(report, "printer").level == Level::Fail);
  CHECK(find(report, "outbox").detail == "chưa có dữ liệu");
  // An address the kiosk would never use is said to be unusable, not tried.
  c.backend_url = "http://example.com/";
  CHECK(find(kiosk::app::check_health(c), "backend").detail.find("không dùng được") != std::string::npos);
}

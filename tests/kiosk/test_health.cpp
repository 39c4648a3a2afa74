// The health report (staff screen, `kioskctl health`) against real parts: an installed store and
// an empty one, the backend stand-in and a port nobody listens on, a state database with messages
// waiting, no printer configured.
#include <catch2/catch.hpp>
#include <ctime>
#include <sstream>

#include "common/files.hpp"
#include "common/state_db.hpp"
#include "model/health.hpp"
#include "model/problem_log.hpp"
#include "payment/journal.hpp"
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

TEST_CASE("health: payments to follow and to look at, from the journal", "[health]") {
  using namespace kiosk::payment;
  kiosk::files::TempDir tmp;
  kiosk::app::KioskConfig c;
  c.store = tmp.path() / "store";
  c.state_db = tmp.path() / "state.db";
  c.printing = false;
  const auto at = [](int64_t t) { return std::chrono::system_clock::time_point(std::chrono::seconds(t)); };
  const int64_t t = 1'800'000'000;
  CHECK(find(kiosk::app::check_health(c, at(t)), "payments").detail == "chưa có giao dịch");
  {
    Journal j(c.state_db, 3);
    kiosk::dossier::FeesDue fees;
    fees.items = {{kiosk::dossier::FeeItem::Kind::LePhi, "Lệ phí", 50000}};
    fees.total = 50000;
    fees.payee = {"Kho bạc", "970415", "112233445566"};
    const auto pay = [&](const std::string& d) { return j.create({d, fees, "Thủ tục", "A*** B***", "backend", "http://b"}, t); };
    const auto paid = [&](const std::string& order) {
      GatewayStatus g;
      g.state = GatewayStatus::State::Paid;
      g.order_code = order;
      g.amount = 50000;
      g.amount_paid = 50000;
      g.bank_ref = "FT1";
      g.paid_at = t + 10;
      return g;
    };
    const auto first = pay("D1");
    j.apply(first.order_code, paid(first.order_code), t + 10);  // paid, fine
    pay("D2");                                                   // the citizen is scanning
    const auto gave_up = pay("D3");
    j.close(gave_up.order_code, State::Expired, "", t + 900);
    j.apply(gave_up.order_code, paid(gave_up.order_code), t + 1000);  // money after the kiosk gave up: staff look
  }
  const auto report = kiosk::app::check_health(c, at(t + 1200));
  const auto& p = find(report, "payments");
  CHECK(p.level == Level::Warn);
  CHECK(p.detail.find("2 đã thanh toán trong 24 giờ qua, 1 đang chờ, 1 cần cán bộ xem") == 0);
  // A day later nothing was paid "in the last 24 hours", and the late one still waits for staff.
  CHECK(find(kiosk::app::check_health(c, at(t + 90000)), "payments").detail.find("0 đã thanh toán") == 0);
}

TEST_CASE("health: the last errors the kiosk logged, newest first, repeats counted", "[health]") {
  kiosk::files::TempDir tmp;
  kiosk::app::KioskConfig c;
  c.store = tmp.path() / "store";
  c.state_db = tmp.path() / "state.db";
  c.printing = false;
  CHECK(find(kiosk::app::check_health(c), "problems").detail == "không có lỗi nào trong 24 giờ qua");
  std::ostringstream sink;
  kiosk::Logger log(sink);
  {
    kiosk::app::ProblemLog problems(c.state_db, log);
    log.warn("print", "printer kiosk-test: media-empty");
    log.info("kiosk", "a citizen searched");  // not a problem
    log.error("dossier", "backend answered 502");
    log.error("dossier", "backend answered 502");
    problems.flush(static_cast<int64_t>(std::time(nullptr)));
  }
  const auto report = kiosk::app::check_health(c);
  const auto& p = find(report, "problems");
  CHECK(p.level == Level::Warn);
  CHECK(p.detail == "2 lỗi, 1 cảnh báo trong 24 giờ qua");
  REQUIRE(p.lines.size() == 2);
  CHECK(p.lines[0].find("dossier: backend answered 502 (2 lần)") != std::string::npos);
  CHECK(p.lines[1].find("print: printer kiosk-test: media-empty") != std::string::npos);
  // Warnings alone do not make the report amber.
  kiosk::app::KioskConfig quiet = c;
  quiet.state_db = tmp.path() / "quiet.db";
  {
    kiosk::app::ProblemLog problems(quiet.state_db, log);
    log.warn("print", "no printer");
  }  // flushed when it closes
  CHECK(find(kiosk::app::check_health(quiet), "problems").level == Level::Ok);
  CHECK(find(kiosk::app::check_health(quiet), "problems").lines.size() == 1);
}

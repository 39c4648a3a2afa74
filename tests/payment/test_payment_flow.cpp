// Paying a dossier's fees against the stand-in backend and payOS (tests/sim), over loopback: the
// journal, the gateways and the simulator's ledger must agree, whatever the gateway does.
#include <catch2/catch.hpp>
#include <ctime>
#include <thread>

#include "payment/engine.hpp"
#include "payment/payment_service.hpp"
#include "payment/vietqr.hpp"
#include "sim.hpp"

using namespace kiosk::payment;
using nlohmann::json;

namespace {

const std::string kDossier = "000.00.12.H04-261115-0006";  // owes a phí and a lệ phí: 50.000 ₫

kiosk::dossier::FeesDue fees() {
  kiosk::dossier::FeesDue f;
  f.items = {{kiosk::dossier::FeeItem::Kind::Phi, "Phí thẩm định hồ sơ", 30000},
             {kiosk::dossier::FeeItem::Kind::LePhi, "Lệ phí cấp giấy chứng nhận", 20000}};
  f.total = 50000;
  f.payee = {"Kho bạc Nhà nước tỉnh Mẫu", "970415", "112233445566"};
  return f;
}

int64_t now() { return static_cast<int64_t>(std::time(nullptr)); }

// A kiosk's payment side against the simulator: a journal in a temporary state database.
struct Kiosk {
  kiosk::test::SimServer sim;
  kiosk::files::TempDir tmp, keys;
  std::unique_ptr<Journal> journal;
  std::unique_ptr<Engine> engine;
  std::string gateway;

  explicit Kiosk(std::string gw = "backend") : gateway(std::move(gw)) {
    GatewaySettings s;
    s.policy.allow_http_loopback = true;
    s.payos_url = sim.url();
    for (const auto& [file, value] : {std::pair{"client-id", "sim-client"}, {"api-key", "sim-api-key"}, {"checksum-key", "sim-checksum-key"}}) {
      kiosk::files::write_file_durable(keys.path() / file, value, 0600);
    }
    s.payos_keys_dir = keys.path().string();
    journal = std::make_unique<Journal>(tmp.path() / "state.db", 3);
    engine = std::make_unique<Engine>(*journal, make_gateway_factory(s));
  }
  PayRequest request() const { return {kDossier, fees(), "Đăng ký hộ kinh doanh", "Ngô T*** H***", gateway, sim.url()}; }
  Entry start() {
    auto r = engine->start(request(), now());
    INFO((std::holds_alternative<PayProblem>(r) ? std::get<PayProblem>(r).detail : ""));
    REQUIRE(std::holds_alternative<Entry>(r));
    return std::get<Entry>(r);
  }
  void pay(const std::string& order, int64_t amount) { sim.call("/_sim/pay", json{{"order_code", order}, {"amount", amount}}.dump()); }
  json ledger(const std::string& order) {
    for (const auto& e : sim.call("/_sim/ledger"))
      if (e.at("order_code") == order) return e;
    return json();
  }
};

}  // namespace

TEST_CASE("paying through the backend: a QR for the fees, paid, a receipt number once", "[payment][sim]") {
  Kiosk k;
  const Entry e = k.start();
  CHECK(e.state == State::Requested);
  const auto qr = std::get<VietQr>(decode_vietqr(e.qr));
  CHECK(qr.amount == 50000);
  CHECK(qr.account == "112233445566");
  CHECK(qr.bin == "970415");
  // Asked again before paying (the citizen came back, a retry): the same payment, not a new one.
  CHECK(k.start().order_code == e.order_code);
  CHECK(k.ledger(e.order_code).at("creates") == 1);
  k.pay(e.order_code, 50000);
  const Entry paid = k.engine->refresh(e.order_code, now());
  CHECK(paid.state == State::Paid);
  CHECK(paid.amount_paid == 50000);
  CHECK(paid.receipt_no == std::optional<std::string>("BN0003-" + std::to_string(1900 + [] {
                                                         std::time_t t = std::time(nullptr) + 7 * 3600;
                                                         std::tm tm{};
                                                         gmtime_r(&t, &tm);
                                                         return tm.tm_year;
                                                       }()) + "-000001"));
  CHECK(paid.reported);
  CHECK(paid.receipt_url.find(e.order_code) != std::string::npos);
  // Paid: asking to pay again shows it paid, no new order.
  CHECK(k.start().state == State::Paid);
  CHECK(k.sim.call("/_sim/ledger").size() == 1);
}

TEST_CASE("underpaid: what is left is told, and the rest makes it paid", "[payment][sim]") {
  Kiosk k;
  const Entry e = k.start();
  k.pay(e.order_code, 20000);
  Entry u = k.engine->refresh(e.order_code, now());
  CHECK(u.state == State::Underpaid);
  CHECK(u.amount_paid == 20000);
  CHECK_FALSE(u.receipt_no);
  k.pay(e.order_code, 30000);
  CHECK(k.engine->refresh(e.order_code, now()).state == State::Paid);
}

TEST_CASE("cancelled by the citizen, but the money came meanwhile: paid", "[payment][sim]") {
  Kiosk k;
  const Entry e = k.start();
  k.pay(e.order_code, 50000);
  CHECK(k.engine->cancel(e.order_code, now()).state == State::Paid);
  // Without money, a cancel cancels; money arriving later is recorded as paid, late.
  Kiosk k2;
  const Entry e2 = k2.start();
  CHECK(k2.engine->cancel(e2.order_code, now()).state == State::Cancelled);
  k2.pay(e2.order_code, 50000);
  const auto after = k2.engine->reconcile(now());
  REQUIRE(after.size() == 1);
  CHECK(after[0].state == State::Paid);
  CHECK(after[0].late);
  REQUIRE(k2.journal->exceptions().size() == 1);
}

TEST_CASE("a gateway that cannot be reached: nothing shown, the order waits, never created twice", "[payment][sim]") {
  Kiosk k;
  k.sim.call("/_sim/payfault?mode=down", "{}");
  const auto r = k.engine->start(k.request(), now());
  REQUIRE(std::holds_alternative<PayProblem>(r));
  CHECK(std::get<PayProblem>(r).kind == PayProblem::Kind::Unreachable);
  const auto open = k.journal->open_entries();
  REQUIRE(open.size() == 1);
  CHECK(open[0].state == State::Created);
  k.sim.call("/_sim/payfault?mode=none", "{}");
  // The gateway never got it: the reconcile closes it, and the next start makes a new order.
  CHECK(k.engine->reconcile(now())[0].state == State::Failed);
  const Entry e = k.start();
  CHECK(e.order_code != open[0].order_code);
  for (const auto& l : k.sim.call("/_sim/ledger")) CHECK(l.at("creates") == 1);
}

TEST_CASE("a create that timed out but reached the gateway is followed by its code, never sent again", "[payment][sim]") {
  Kiosk k;
  k.sim.call("/_sim/payfault?mode=slow", "{}");
  const auto r = k.engine->start(k.request(), now());  // the kiosk stops waiting after 8 s
  REQUIRE(std::holds_alternative<PayProblem>(r));
  CHECK(std::get<PayProblem>(r).kind == PayProblem::Kind::Unreachable);
  const std::string first = k.journal->open_entries().at(0).order_code;
  k.sim.call("/_sim/payfault?mode=none", "{}");
  std::this_thread::sleep_for(std::chrono::seconds(3));  // the slow create lands at the bank
  REQUIRE(k.ledger(first).at("creates") == 1);
  // The citizen tries again: the first order is asked about (it exists, without a QR the kiosk
  // ever saw), cancelled, and a new one shown. No code was ever created twice.
  const Entry e = k.start();
  CHECK(e.order_code != first);
  CHECK(e.state == State::Requested);
  CHECK(k.journal->get(first)->state == State::Cancelled);
  CHECK(k.ledger(first).at("status") == "cancelled");
  for (const auto& l : k.sim.call("/_sim/ledger")) CHECK(l.at("creates") == 1);
  CHECK(k.journal->open_entries().size() == 1);
}

TEST_CASE("a gateway failing each request once (5xx, then success): a few tries, one payment", "[payment][sim]") {
  Kiosk k;
  k.sim.call("/_sim/payfault?mode=5xx-once", "{}");
  std::optional<Entry> shown;
  int tries = 0;
  while (!shown && tries < 5) {
    ++tries;
    auto r = k.engine->start(k.request(), now());
    if (auto* e = std::get_if<Entry>(&r)) shown = *e;
    else CHECK(std::get<PayProblem>(r).kind == PayProblem::Kind::Unreachable);
  }
  REQUIRE(shown);
  CHECK(tries <= 3);
  k.pay(shown->order_code, 50000);
  Entry paid = k.engine->refresh(shown->order_code, now());
  if (paid.state != State::Paid) paid = k.engine->refresh(shown->order_code, now());  // its status path fails once too
  CHECK(paid.state == State::Paid);
  for (const auto& l : k.sim.call("/_sim/ledger")) CHECK(l.at("creates") == 1);
  int open_or_paid = 0;
  for (const auto& e : k.journal->all()) open_or_paid += is_open(e.state) || e.state == State::Paid;
  CHECK(open_or_paid == 1);
}

TEST_CASE("a QR that would send the money elsewhere, or ask another amount, is never shown", "[payment][sim][security]") {
  for (const char* fault : {"wrong-qr", "wrong-amount"}) {
    Kiosk k;
    k.sim.call(std::string("/_sim/payfault?mode=") + fault, "{}");
    const auto r = k.engine->start(k.request(), now());
    REQUIRE(std::holds_alternative<PayProblem>(r));
    CHECK(std::get<PayProblem>(r).kind == PayProblem::Kind::QrMismatch);
    CHECK(k.journal->all().at(0).state == State::Failed);
    CHECK(k.journal->all().at(0).last_error.find("QR refused") != std::string::npos);
  }
}

TEST_CASE("paying through payOS: signed both ways, confirmed payments reported to the backend once", "[payment][sim][payos]") {
  Kiosk k("payos");
  const Entry e = k.start();
  CHECK(e.gateway == "payos");
  CHECK(std::get<VietQr>(decode_vietqr(e.qr)).amount == 50000);
  k.pay(e.order_code, 50000);
  const Entry paid = k.engine->refresh(e.order_code, now());
  CHECK(paid.state == State::Paid);
  CHECK_FALSE(paid.reported);  // payOS confirmed it; the backend does not know yet
  CHECK(paid.bank_ref.rfind("FT", 0) == 0);
  kiosk::http::Options o;
  o.policy.allow_http_loopback = true;
  auto d = k.engine->report(k.sim.url(), {}, o, now());
  CHECK(d.delivered.size() == 1);
  CHECK(k.journal->get(e.order_code)->reported);
  d = k.engine->report(k.sim.url(), {}, o, now());
  CHECK(d.delivered.empty());
  const auto confirmations = k.sim.call("/_sim/confirmations");
  REQUIRE(confirmations.size() == 1);
  CHECK(confirmations[0].at("body").at("order_code") == e.order_code);
  CHECK(confirmations[0].at("body").at("amount_paid") == 50000);
}

TEST_CASE("payOS answers with a bad signature are not believed", "[payment][sim][payos][security]") {
  Kiosk k("payos");
  const Entry e = k.start();
  k.pay(e.order_code, 50000);
  k.sim.call("/_sim/payfault?mode=bad-signature", "{}");
  CHECK(k.engine->refresh(e.order_code, now()).state == State::Requested);  // not taken as paid
  k.sim.call("/_sim/payfault?mode=none", "{}");
  CHECK(k.engine->refresh(e.order_code, now()).state == State::Paid);
  // A create whose answer does not verify: refused, nothing shown.
  Kiosk k2("payos");
  k2.sim.call("/_sim/payfault?mode=bad-signature", "{}");
  const auto r = k2.engine->start(k2.request(), now());
  REQUIRE(std::holds_alternative<PayProblem>(r));
  CHECK(std::get<PayProblem>(r).kind == PayProblem::Kind::Refused);
}

TEST_CASE("payOS key files others can read are refused", "[payment][payos][security]") {
  kiosk::files::TempDir keys;
  for (const char* f : {"client-id", "api-key", "checksum-key"}) kiosk::files::write_file_durable(keys.path() / f, "x", 0644);
  GatewaySettings s;
  s.payos_keys_dir = keys.path().string();
  CHECK_THROWS_WITH(make_gateway_factory(s), Catch::Contains("may be read by others"));
}

TEST_CASE("a gateway's signed answer about another order or another amount never makes a fee paid", "[payment][sim][security]") {
  for (const char* gateway : {"backend", "payos"}) {
    for (const char* fault : {"lie-order", "lie-amount"}) {
      INFO(gateway << " " << fault);
      Kiosk k(gateway);
      const Entry e = k.start();
      k.sim.call(std::string("/_sim/payfault?mode=") + fault, "{}");
      const Entry after = k.engine->refresh(e.order_code, now());
      CHECK(after.state == State::Requested);
      CHECK_FALSE(after.receipt_no);
      CHECK_FALSE(after.anomaly.empty());
      // For staff (kioskctl payment exceptions); the screen shows no "paid" and no code.
      const auto ex = k.journal->exceptions();
      REQUIRE(ex.size() == 1);
      CHECK(ex[0].order_code == e.order_code);
      CHECK(view_of(after).phase == PaymentView::Phase::Problem);
      CHECK(view_of(after).problem->kind == PayProblem::Kind::Unconfirmed);
      // A reconcile believes it no more than the screen's follow did.
      for (const auto& r : k.engine->reconcile(now())) CHECK(r.state != State::Paid);
    }
  }
}

TEST_CASE("payOS 231 (the order code exists) adopts nothing the order holds", "[payment][sim][payos][security]") {
  Kiosk k("payos");
  k.sim.call("/_sim/payfault?mode=exists-other", "{}");
  const auto r = k.engine->start(k.request(), now());
  REQUIRE(std::holds_alternative<PayProblem>(r));  // before: "paid", with a receipt, no QR ever shown
  CHECK(std::get<PayProblem>(r).kind == PayProblem::Kind::Unreachable);
  const auto all = k.journal->all();
  REQUIRE(all.size() == 1);
  CHECK(all[0].state == State::Failed);
  CHECK_FALSE(all[0].receipt_no);
  CHECK(all[0].anomaly.find("1000") != std::string::npos);
  CHECK(k.journal->exceptions().size() == 1);
  // A retry makes a fresh code the gateway has never seen.
  k.sim.call("/_sim/payfault?mode=none", "{}");
  const Entry e = k.start();
  CHECK(e.order_code != all[0].order_code);
  CHECK(e.state == State::Requested);
}

TEST_CASE("'paid' is believed only for what was paid: less is underpaid, unsaid is unknown", "[payment][sim][security]") {
  Kiosk k;
  const Entry e = k.start();
  // The backend says "paid" with amount_paid 1.000 of 50.000 ₫.
  k.sim.call("/_sim/payfault?mode=paid-short", "{}");
  const Entry short_paid = k.engine->refresh(e.order_code, now());
  CHECK(short_paid.state == State::Underpaid);
  CHECK(short_paid.amount_paid == 1000);
  CHECK_FALSE(short_paid.receipt_no);
  CHECK(view_of(short_paid).phase == PaymentView::Phase::Underpaid);
  // "paid" without amount_paid: not paid.
  Kiosk k2;
  const Entry e2 = k2.start();
  k2.sim.call("/_sim/payfault?mode=paid-no-amount", "{}");
  const Entry unsaid = k2.engine->refresh(e2.order_code, now());
  CHECK(unsaid.state == State::Requested);
  CHECK_FALSE(unsaid.receipt_no);
  CHECK(unsaid.anomaly.find("without saying how much") != std::string::npos);
}

TEST_CASE("the gateway's expiry is clamped to the kiosk's own limit", "[payment][sim]") {
  for (const char* gateway : {"backend", "payos"}) {
    Kiosk k(gateway);
    k.sim.call("/_sim/payfault?mode=long-expiry", "{}");
    auto req = k.request();
    req.ttl_seconds = 600;
    const int64_t t = now();
    const auto r = k.engine->start(req, t);
    REQUIRE(std::holds_alternative<Entry>(r));
    CHECK(std::get<Entry>(r).expires_at <= t + 600);  // the gateway said 30 days
    CHECK(std::get<Entry>(r).expires_at > t);
  }
}

TEST_CASE("a payee without a bank BIN: the code's bank cannot be checked, so it is never shown", "[payment][sim][security]") {
  Kiosk k;
  auto req = k.request();
  req.fees.payee.bin.clear();
  const auto r = k.engine->start(req, now());
  REQUIRE(std::holds_alternative<PayProblem>(r));
  CHECK(std::get<PayProblem>(r).kind == PayProblem::Kind::QrMismatch);
}

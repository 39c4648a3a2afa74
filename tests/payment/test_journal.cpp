// The payment journal on its own: states, one open payment per fee, receipt numbers, exceptions.
#include <catch2/catch.hpp>

#include "common/files.hpp"
#include "payment/journal.hpp"
#include "process.hpp"

using namespace kiosk::payment;
using kiosk::dossier::FeeItem;

namespace {

kiosk::dossier::FeesDue fees(int64_t phi = 30000, int64_t le_phi = 20000) {
  kiosk::dossier::FeesDue f;
  f.items = {{FeeItem::Kind::Phi, "Phí thẩm định", phi}, {FeeItem::Kind::LePhi, "Lệ phí cấp giấy", le_phi}};
  f.total = phi + le_phi;
  f.payee = {"Kho bạc", "970415", "112233445566"};
  return f;
}

NewPayment payment(const std::string& dossier) { return {dossier, fees(), "Đăng ký hộ kinh doanh", "Lê V*** C***", "backend", "http://b"}; }

GatewayStatus status(GatewayStatus::State s, int64_t paid = 0) {
  GatewayStatus g;
  g.state = s;
  g.amount = 50000;
  g.amount_paid = paid;
  g.bank_ref = paid ? "FT1" : "";
  g.paid_at = paid ? 1'800'000'100 : 0;
  return g;
}

}  // namespace

TEST_CASE("order codes: digits, this kiosk's number first, never the same twice", "[journal]") {
  kiosk::files::TempDir tmp;
  Journal j(tmp.path() / "state.db", 42);
  const int64_t t = 1'800'000'000;
  const auto a = j.create(payment("D1"), t);
  j.close(a.order_code, State::Failed, "test", t);
  const auto b = j.create(payment("D1"), t);  // the same second: still a new code
  CHECK(a.order_code != b.order_code);
  CHECK(a.order_code.rfind("42", 0) == 0);
  CHECK(a.order_code.size() == 13);
  CHECK(a.order_code.find_first_not_of("0123456789") == std::string::npos);
  // A new database (a reinstalled kiosk) does not start again from a low number.
  kiosk::files::TempDir other;
  Journal fresh(other.path() / "state.db", 42);
  CHECK(std::stoll(fresh.create(payment("D2"), t + 1).order_code) > std::stoll(b.order_code));
  CHECK_THROWS(Journal(tmp.path() / "x.db", 0));
}

TEST_CASE("one open payment per dossier fee", "[journal]") {
  kiosk::files::TempDir tmp;
  Journal j(tmp.path() / "state.db", 1);
  const auto a = j.create(payment("D1"), 100);
  CHECK_THROWS(j.create(payment("D1"), 101));
  CHECK(j.open_for_fee(a.fee_key)->order_code == a.order_code);
  j.close(a.order_code, State::Expired, "", 102);
  CHECK_NOTHROW(j.create(payment("D1"), 103));  // the first one closed: a new attempt
  CHECK_NOTHROW(j.create(payment("D2"), 104));
}

TEST_CASE("paid once: one receipt number, gapless per year, late and odd payments listed for staff", "[journal]") {
  kiosk::files::TempDir tmp;
  Journal j(tmp.path() / "state.db", 7);
  const int64_t t = 1'800'000'000;  // 2027
  auto a = j.create(payment("D1"), t);
  j.requested(a.order_code, Offer{a.order_code, 50000, "qr", "", t + 900, ""}, t);
  CHECK(j.get(a.order_code)->state == State::Requested);
  j.apply(a.order_code, status(GatewayStatus::State::Underpaid, 20000), t + 10);
  CHECK(j.get(a.order_code)->state == State::Underpaid);
  CHECK_FALSE(j.get(a.order_code)->receipt_no);
  auto paid = j.apply(a.order_code, status(GatewayStatus::State::Paid, 50000), t + 20);
  CHECK(paid.state == State::Paid);
  REQUIRE(paid.receipt_no);
  CHECK(*paid.receipt_no == "BN0007-2027-000001");
  CHECK(paid.reported);  // the backend's own gateway: it knows
  // Told again (a reconcile, a restart): the same receipt, nothing new.
  CHECK(*j.apply(a.order_code, status(GatewayStatus::State::Paid, 50000), t + 30).receipt_no == "BN0007-2027-000001");
  // A second dossier: the next number.
  auto b = j.create(payment("D2"), t);
  CHECK(*j.apply(b.order_code, status(GatewayStatus::State::Paid, 50000), t + 40).receipt_no == "BN0007-2027-000002");
  CHECK(j.exceptions().empty());
  // Money after the kiosk gave up, and twice: paid, flagged, never dropped.
  auto c = j.create(payment("D3"), t);
  j.close(c.order_code, State::Expired, "", t + 900);
  auto late = j.apply(c.order_code, status(GatewayStatus::State::Paid, 50000), t + 1000);
  CHECK(late.state == State::Paid);
  CHECK(late.late);
  j.apply(b.order_code, status(GatewayStatus::State::Paid, 100000), t + 50);
  const auto ex = j.exceptions();
  REQUIRE(ex.size() == 2);
  CHECK(ex[0].order_code == b.order_code);  // paid twice
  CHECK(ex[0].amount_paid == 100000);
  CHECK(ex[1].order_code == c.order_code);  // paid late
  // A paid payment is never turned back into expired or cancelled.
  CHECK(j.apply(a.order_code, status(GatewayStatus::State::Expired), t + 60).state == State::Paid);
  CHECK(j.close(a.order_code, State::Cancelled, "", t + 60).state == State::Paid);
}

TEST_CASE("kioskctl payment reprint: the same receipt, marked a reprint, under the center's header", "[journal]") {
  kiosk::files::TempDir tmp;
  const auto db = tmp.path() / "state.db";
  std::string receipt_no;
  {
    Journal j(db, 5);
    const int64_t t = 1'800'000'000;
    auto a = j.create(payment("D9"), t);
    receipt_no = *j.apply(a.order_code, status(GatewayStatus::State::Paid, 50000), t + 20).receipt_no;
  }
  const std::string store = (tmp.path() / "store").string();
  const std::string pub = std::string(KIOSK_SOURCE_DIR) + "/content/sample/test-signing.pub";
  REQUIRE(kiosk::test::run_tool("kioskctl", {"content", "install", KIOSK_SAMPLE_PACK, "--store", store, "--trust", pub}).exit_code == 0);
  const auto pdf = tmp.path() / "reprint.pdf";
  const auto r = kiosk::test::run_tool("kioskctl", {"payment", "reprint", receipt_no, "--state", db.string(), "--store", store,
                                                    "--output", pdf.string()});
  REQUIRE(r.exit_code == 0);
  const auto text = kiosk::test::run_program("pdftotext", {"-enc", "UTF-8", pdf.string(), "-"}).out;
  CHECK(text.find(receipt_no) != std::string::npos);
  CHECK(text.find("BẢN IN LẠI") != std::string::npos);
  CHECK(text.find("Trung tâm Phục vụ hành chính công") != std::string::npos);  // the sample pack's center
  // An unknown number is refused.
  CHECK(kiosk::test::run_tool("kioskctl", {"payment", "reprint", "BN9999-2027-000001", "--state", db.string()}).exit_code != 0);
}

// The payment journal on its own: states, one open payment per fee, receipt numbers, exceptions.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "common/files.hpp"
#include "common/state_db.hpp"
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

GatewayStatus status(const Entry& e, GatewayStatus::State s, int64_t paid = 0) {
  GatewayStatus g;
  g.state = s;
  g.order_code = e.order_code;
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
  j.apply(a.order_code, status(a, GatewayStatus::State::Underpaid, 20000), t + 10);
  CHECK(j.get(a.order_code)->state == State::Underpaid);
  CHECK_FALSE(j.get(a.order_code)->receipt_no);
  auto paid = j.apply(a.order_code, status(a, GatewayStatus::State::Paid, 50000), t + 20);
  CHECK(paid.state == State::Paid);
  REQUIRE(paid.receipt_no);
  CHECK(*paid.receipt_no == "BN0007-2027-000001");
  CHECK(paid.reported);  // the backend's own gateway: it knows
  // Told again (a reconcile, a restart): the same receipt, nothing new.
  CHECK(*j.apply(a.order_code, status(a, GatewayStatus::State::Paid, 50000), t + 30).receipt_no == "BN0007-2027-000001");
  // A second dossier: the next number.
  auto b = j.create(payment("D2"), t);
  CHECK(*j.apply(b.order_code, status(b, GatewayStatus::State::Paid, 50000), t + 40).receipt_no == "BN0007-2027-000002");
  CHECK(j.exceptions().empty());
  // Money after the kiosk gave up, and twice: paid, flagged, never dropped.
  auto c = j.create(payment("D3"), t);
  j.close(c.order_code, State::Expired, "", t + 900);
  auto late = j.apply(c.order_code, status(c, GatewayStatus::State::Paid, 50000), t + 1000);
  CHECK(late.state == State::Paid);
  CHECK(late.late);
  j.apply(b.order_code, status(b, GatewayStatus::State::Paid, 100000), t + 50);
  const auto ex = j.exceptions();
  REQUIRE(ex.size() == 2);
  CHECK(ex[0].order_code == b.order_code);  // paid twice
  CHECK(ex[0].amount_paid == 100000);
  CHECK(ex[1].order_code == c.order_code);  // paid late
  // A paid payment is never turned back into expired or cancelled.
  CHECK(j.apply(a.order_code, status(a, GatewayStatus::State::Expired), t + 60).state == State::Paid);
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
    receipt_no = *j.apply(a.order_code, status(a, GatewayStatus::State::Paid, 50000), t + 20).receipt_no;
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

TEST_CASE("a gateway's word moves an entry only when it is about this order and amount and says what arrived",
          "[journal][security]") {
  kiosk::files::TempDir tmp;
  Journal j(tmp.path() / "state.db", 4);
  const int64_t t = 1'800'000'000;
  auto a = j.create(payment("D1"), t);
  j.requested(a.order_code, Offer{a.order_code, 50000, "qr", "", t + 900, ""}, t);
  // "PAID", signed, but about another order: not paid, kept for staff.
  GatewayStatus other = status(a, GatewayStatus::State::Paid, 50000);
  other.order_code = std::to_string(std::stoll(a.order_code) + 1);
  auto after = j.apply(a.order_code, other, t + 5);
  CHECK(after.state == State::Requested);
  CHECK_FALSE(after.receipt_no);
  CHECK(after.anomaly.find("not " + a.order_code) != std::string::npos);
  // "PAID" for another amount (1.000 of 50.000 owed, all of it "paid").
  GatewayStatus cheap = status(a, GatewayStatus::State::Paid, 1000);
  cheap.amount = 1000;
  CHECK(j.apply(a.order_code, cheap, t + 6).state == State::Requested);
  // "PAID" without saying how much arrived: unknown, not paid.
  GatewayStatus silent = status(a, GatewayStatus::State::Paid, 0);
  silent.amount_paid.reset();
  CHECK(j.apply(a.order_code, silent, t + 7).state == State::Requested);
  REQUIRE(j.exceptions().size() == 1);
  CHECK(j.exceptions()[0].anomaly.find("without saying how much") != std::string::npos);

  // "paid" with 1.000 of 50.000: underpaid, no receipt, listed for staff.
  auto b = j.create(payment("D2"), t);
  const auto short_paid = j.apply(b.order_code, status(b, GatewayStatus::State::Paid, 1000), t + 8);
  CHECK(short_paid.state == State::Underpaid);
  CHECK(short_paid.amount_paid == 1000);
  CHECK_FALSE(short_paid.receipt_no);
  CHECK(j.exceptions().size() == 2);
  // The rest arrives, and the answer is about this order: paid, one receipt.
  CHECK(j.apply(b.order_code, status(b, GatewayStatus::State::Paid, 50000), t + 9).receipt_no == std::optional<std::string>("BN0004-2027-000001"));
}

TEST_CASE("a payment settles the fees it was for: a later fee on the same dossier is another key", "[journal]") {
  kiosk::files::TempDir tmp;
  Journal j(tmp.path() / "state.db", 2);
  const int64_t t = 1'800'000'000;
  auto a = j.create(payment("D1"), t);
  j.apply(a.order_code, status(a, GatewayStatus::State::Paid, 50000), t + 1);
  CHECK(j.paid_for_fee(Journal::fee_key("D1", fees()))->order_code == a.order_code);
  // The backend now asks for another 50.000 ₫ (another fee, the same total): not paid yet.
  kiosk::dossier::FeesDue later;
  later.items = {{FeeItem::Kind::Phi, "Phí thẩm định bổ sung", 50000}};
  later.total = 50000;
  later.payee = fees().payee;
  CHECK(Journal::fee_key("D1", later) != Journal::fee_key("D1", fees()));
  CHECK_FALSE(j.paid_for_fee(Journal::fee_key("D1", later)));
  CHECK_NOTHROW(j.create({"D1", later, "Thủ tục", "Lê V*** C***", "backend", "http://b"}, t + 2));
}

TEST_CASE("receipts carry the number of the kiosk that took the payment, never a default", "[journal]") {
  kiosk::files::TempDir tmp;
  const auto db = tmp.path() / "state.db";
  const int64_t t = 1'800'000'000;
  std::string order;
  {
    Journal j(db, 17);
    order = j.create(payment("D1"), t).order_code;
  }
  // A staff tool that does not know which kiosk this is: it creates nothing, and the receipt of
  // what it reconciles still carries kiosk 17's number.
  Journal tool(db, std::nullopt);
  CHECK_THROWS_WITH(tool.create(payment("D2"), t), Catch::Contains("kiosk_number"));
  const auto e = *tool.get(order);
  CHECK(e.kiosk_number == 17);
  CHECK(tool.apply(order, status(e, GatewayStatus::State::Paid, 50000), t + 5).receipt_no == std::optional<std::string>("BN0017-2027-000001"));
}

TEST_CASE("a journal from before schema 7 keeps its payments: kiosk numbers, fee keys and receipt counters carried over",
          "[journal][state]") {
  kiosk::files::TempDir tmp;
  const auto path = tmp.path() / "state.db";
  {
    kiosk::db::Db db(path.string(), kiosk::db::Mode::Create);
    REQUIRE(kiosk::state::migrate(db, kiosk::state::migrations().first(6)) == 6);
    // Kiosk 7's journal as it was: one paid (receipt 3 of 2027), one open under the old fee key.
    db.exec(R"(INSERT INTO payments(order_code,dossier,fee_key,amount,items,payee_name,payee_bin,payee_account,gateway,backend,state,
                 amount_paid,receipt_no,created_at,updated_at) VALUES
      ('700000000001','D1','D1|50000','50000','[{"kind":"phi","name":"Phí thẩm định","amount":30000},{"kind":"le_phi","name":"Lệ phí cấp giấy","amount":20000}]',
       'Kho bạc','970415','112233445566','backend','http://b','paid',50000,'BN0007-2027-000003',1,1),
      ('700000000002','D2','D2|50000','50000','[{"kind":"phi","name":"Phí thẩm định","amount":30000},{"kind":"le_phi","name":"Lệ phí cấp giấy","amount":20000}]',
       'Kho bạc','970415','112233445566','backend','http://b','requested',0,NULL,2,2);
      INSERT INTO receipt_counters VALUES(2027, 3);)");
  }
  Journal j(path, 7);
  // The open payment is still the same fee's: a second tap resumes it rather than paying twice.
  const auto open = j.open_for_fee(Journal::fee_key("D2", fees()));
  REQUIRE(open);
  CHECK(open->order_code == "700000000002");
  CHECK(open->kiosk_number == 7);
  // Numbering goes on after the last receipt issued, not from 1.
  CHECK(j.apply(open->order_code, status(*open, GatewayStatus::State::Paid, 50000), 1'800'000'000).receipt_no ==
        std::optional<std::string>("BN0007-2027-000004"));
}

TEST_CASE("kioskctl payment start takes the kiosk's number from kiosk.conf, and refuses without one", "[journal]") {
  kiosk::files::TempDir tmp;
  const std::string db = (tmp.path() / "state.db").string();
  const std::string conf = (tmp.path() / "kiosk.conf").string();
  kiosk::files::write_file_durable(conf, "backend_url = https://motcua.example.gov.vn\n");
  // Before: it numbered the payment as kiosk 1, as on every other kiosk.
  const auto r = kiosk::test::run_tool("kioskctl", {"payment", "start", "000.00.12.H04-261115-0006", "--owner-id", "1234", "--backend",
                                                    "https://127.0.0.1:9", "--state", db, "--config", conf});
  CHECK(r.exit_code != 0);
  CHECK(r.err.find("kiosk_number") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(db));  // nothing was written
}

TEST_CASE("kioskctl payment reconcile never sends the bearer token over plain http to another host", "[journal][security]") {
  kiosk::files::TempDir tmp;
  const auto db = tmp.path() / "state.db";
  {
    // A payment confirmed at payOS that the backend does not know yet: a reconcile reports it.
    Journal j(db, 6);
    NewPayment p = payment("D1");
    p.gateway = "payos";
    const auto e = j.create(p, 1'800'000'000);
    REQUIRE(j.apply(e.order_code, status(e, GatewayStatus::State::Paid, 50000), 1'800'000'010).state == State::Paid);
  }
  // "Another host" that is really this machine's 127.0.0.2, listening: it must hear nothing.
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(0x7f000002);
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0);
  REQUIRE(::listen(fd, 4) == 0);
  socklen_t len = sizeof a;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
  const std::string token = (tmp.path() / "token").string();
  kiosk::files::write_file_durable(token, "secret-token\n", 0600);
  const auto r = kiosk::test::run_tool("kioskctl", {"payment", "reconcile", "--state", db.string(), "--allow-http", "--token-file", token,
                                                    "--backend", "http://127.0.0.2:" + std::to_string(ntohs(a.sin_port))});
  pollfd pfd{fd, POLLIN, 0};
  CHECK(::poll(&pfd, 1, 200) == 0);  // no connection was ever made
  ::close(fd);
  CHECK(r.out.find("0 confirmations delivered") != std::string::npos);
  CHECK(Journal(db, std::nullopt).exceptions().at(0).reported == false);
}

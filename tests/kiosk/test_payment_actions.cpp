// What the dossier screen asks of the payment worker: a payment made here settles the fees it was
// for, not a later fee the backend asks for on the same dossier.
#include <catch2/catch.hpp>

#include <ctime>
#include <sstream>

#include "common/files.hpp"
#include "model/payment_actions.hpp"
#include "payment/journal.hpp"

using namespace kiosk;
using namespace std::chrono_literals;

namespace {

dossier::FeesDue first_fees() {
  dossier::FeesDue f;
  f.items = {{dossier::FeeItem::Kind::Phi, "Phí thẩm định hồ sơ", 30000}, {dossier::FeeItem::Kind::LePhi, "Lệ phí cấp giấy", 20000}};
  f.total = 50000;
  f.payee = {"Kho bạc", "970415", "112233445566"};
  return f;
}

}  // namespace

TEST_CASE("a later fee on a dossier paid here is not shown as paid", "[payment][kiosk]") {
  files::TempDir tmp;
  const auto db = tmp.path() / "state.db";
  const int64_t t = static_cast<int64_t>(std::time(nullptr));
  {
    // Paid here earlier today.
    payment::Journal j(db, 3);
    const auto e = j.create({"D1", first_fees(), "Thủ tục", "A*** B***", "backend", "http://127.0.0.1:9"}, t);
    payment::GatewayStatus paid;
    paid.state = payment::GatewayStatus::State::Paid;
    paid.order_code = e.order_code;
    paid.amount = 50000;
    paid.amount_paid = 50000;
    paid.paid_at = t;
    REQUIRE(j.apply(e.order_code, paid, t).receipt_no);
  }
  std::ostringstream sink;
  Logger log(sink);
  app::Services svc;
  payment::PaymentServiceOptions o;
  o.kiosk_number = 3;
  svc.payment = std::make_unique<payment::PaymentService>(
      db, [](const std::string&, const std::string&) -> std::unique_ptr<payment::Gateway> { throw std::runtime_error("no gateway here"); },
      log, nullptr, o);
  app::Session s;
  dossier::DossierStatus d;
  d.code = "D1";
  d.status = dossier::Status::NeedsPayment;
  d.fees_due = first_fees();
  s.dossier().result = d;
  // The worker reads the journal when it starts.
  for (int i = 0; i < 200 && !app::paid_here(s, svc); ++i) std::this_thread::sleep_for(10ms);
  REQUIRE(app::paid_here(s, svc));
  CHECK(app::fees_settled(s, svc));
  // The backend now asks for a supplementary fee on the same dossier: not paid, payable.
  dossier::FeesDue later;
  later.items = {{dossier::FeeItem::Kind::Phi, "Phí thẩm định bổ sung", 50000}};
  later.total = 50000;
  later.payee = first_fees().payee;
  s.dossier().result->fees_due = later;
  CHECK_FALSE(app::paid_here(s, svc));
  CHECK_FALSE(app::fees_settled(s, svc));
}

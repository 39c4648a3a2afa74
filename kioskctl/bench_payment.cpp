// `kioskctl bench payment`: what paying costs the kiosk, on this machine's disk.
//   - tap to QR: the journal entry made durable, the gateway asked, its QR checked (against the
//     local simulator with --backend: a loopback round trip, not a bank's);
//   - paid to durable: the gateway's "paid" recorded with its receipt number, durable before the
//     screen may say so (also against the simulator);
//   - reconcile: 1,000 open payments asked about once, with a gateway that answers at once (the
//     journal's own cost; a real gateway's round trips come on top, one per open payment).
#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <sstream>

#include "bench_figures.hpp"
#include "commands.hpp"
#include "common/files.hpp"
#include "dossier/status_client.hpp"
#include "payment/engine.hpp"
#include "payment/payment_service.hpp"
#include "payment/vietqr.hpp"

namespace kioskctl {

using nlohmann::json;
namespace pay = kiosk::payment;
namespace dz = kiosk::dossier;
using Clock = std::chrono::steady_clock;

namespace {

int64_t now() { return static_cast<int64_t>(std::time(nullptr)); }

// A gateway that answers at once: QR codes for what is asked, every payment pending.
class InstantGateway : public pay::Gateway {
 public:
  explicit InstantGateway(dz::Payee payee) : payee_(std::move(payee)) {}
  const char* name() const override { return "backend"; }
  pay::CreateResult create(const pay::CreateRequest& r) override {
    pay::Offer o;
    o.order_code = r.order_code;
    o.amount = r.amount;
    o.qr = pay::build_vietqr({payee_.bin, payee_.account, r.amount, r.description});
    o.expires_at = r.expires_at;
    return o;
  }
  pay::StatusResult status(const std::string&) override {
    pay::GatewayStatus s;
    s.state = pay::GatewayStatus::State::Pending;
    return s;
  }
  pay::StatusResult cancel(const std::string&) override {
    pay::GatewayStatus s;
    s.state = pay::GatewayStatus::State::Cancelled;
    return s;
  }

 private:
  dz::Payee payee_;
};

dz::FeesDue sample_fees() {
  dz::FeesDue f;
  f.items = {{dz::FeeItem::Kind::Phi, "Phí thẩm định hồ sơ", 30000}, {dz::FeeItem::Kind::LePhi, "Lệ phí cấp giấy chứng nhận", 20000}};
  f.total = 50000;
  f.payee = {"Kho bạc Nhà nước tỉnh Mẫu", "970415", "112233445566"};
  return f;
}

// Against the simulator: one fresh journal (and kiosk number) a run, so that order codes never
// meet an earlier run's at the simulated bank.
void against_backend(const std::string& backend, int runs, const std::filesystem::path& dir, json& j, std::ostringstream& t) {
  dz::BackendConfig cfg;
  cfg.base_url = backend;
  cfg.policy.allow_http_loopback = true;  // the benchmark runs against the local stand-in
  cfg.backend_checks_owner = true;
  const auto r = dz::StatusClient(cfg).lookup({"000.00.12.H04-261120-0011", "", kiosk::SecretString("001088123401")});
  const auto* d = std::get_if<dz::DossierStatus>(&r);
  if (!d || !d->fees_due) throw std::runtime_error("the backend at " + backend + " has no fees for 000.00.12.H04-261120-0011");
  kiosk::http::Options http;
  http.policy.allow_http_loopback = true;
  pay::GatewaySettings gs;
  gs.policy.allow_http_loopback = true;
  const auto factory = pay::make_gateway_factory(gs);
  std::vector<double> to_qr, to_durable;
  const int base = 1000 + static_cast<int>(now() % 7000);
  for (int i = 0; i < runs; ++i) {
    kiosk::files::TempDir tmp(dir, "bench-payment-");
    pay::Journal journal(tmp.path() / "state.db", base + i);
    pay::Engine engine(journal, factory);
    const pay::PayRequest req{d->code, *d->fees_due, d->procedure_name, d->owner_masked, "backend", backend, 900};
    auto t0 = Clock::now();
    const auto started = engine.start(req, now());
    to_qr.push_back(ms_since(t0));
    const auto* e = std::get_if<pay::Entry>(&started);
    if (!e) throw std::runtime_error("the simulator did not take the payment: " + std::get<pay::PayProblem>(started).detail);
    // The citizen's bank pays (the simulator's control endpoint).
    kiosk::http::Request pay_req{"POST", backend + "/_sim/pay", {"Content-Type: application/json"}, json{{"order_code", e->order_code}}.dump()};
    kiosk::http::perform(pay_req, http);
    t0 = Clock::now();
    const auto after = engine.refresh(e->order_code, now());
    to_durable.push_back(ms_since(t0));
    if (after.state != pay::State::Paid) throw std::runtime_error("order " + e->order_code + " is " + pay::state_name(after.state) + ", not paid");
  }
  const auto q = spread(to_qr), p = spread(to_durable);
  j["tap_to_qr"] = {{"p50_ms", q.p50}, {"p99_ms", q.p99}, {"max_ms", q.max}, {"runs", runs}, {"backend", backend}};
  j["paid_to_durable"] = {{"p50_ms", p.p50}, {"p99_ms", p.p99}, {"max_ms", p.max}, {"runs", runs}};
  t << "  tap to QR (journal, gateway on " << backend << ", QR checked): p50 " << q.p50 << " ms, p99 " << q.p99 << " ms\n";
  t << "  gateway says paid to journal durable (receipt number given): p50 " << p.p50 << " ms, p99 " << p.p99 << " ms\n";
  // The kiosk asks about the payment on screen every poll_ms: the citizen sees "paid" at most
  // that long after the bank, plus the durable write and a frame.
  const int poll = pay::PaymentServiceOptions{}.poll_ms;
  j["paid_to_screen_worst_ms"] = poll + p.p99 + 17;
  t << "  bank paid to screen, worst case: poll " << poll << " ms + " << p.p99 << " ms + one frame\n";
}

void reconcile_open(int open, const std::filesystem::path& dir, json& j, std::ostringstream& t) {
  kiosk::files::TempDir tmp(dir, "bench-payment-");
  pay::Journal journal(tmp.path() / "state.db", 1);
  const auto fees = sample_fees();
  pay::Engine engine(journal, [&](const std::string&, const std::string&) { return std::make_unique<InstantGateway>(fees.payee); });
  std::vector<double> create_ms;
  for (int i = 0; i < open; ++i) {
    char code[64];
    std::snprintf(code, sizeof code, "000.00.12.H04-261120-%04d", i);
    const auto t0 = Clock::now();
    const auto r = engine.start({code, fees, "Bench", "N*** V*** A***", "backend", "http://127.0.0.1:9", 900}, now());
    create_ms.push_back(ms_since(t0));
    if (!std::holds_alternative<pay::Entry>(r)) throw std::runtime_error("the bench gateway's payment was refused");
  }
  const auto t0 = Clock::now();
  const auto seen = engine.reconcile(now());
  const double total = ms_since(t0);
  const auto c = spread(create_ms);
  j["reconcile"] = {{"open", open}, {"asked", seen.size()}, {"total_ms", total}, {"per_payment_ms", total / std::max(1, open)}};
  j["start_local"] = {{"p50_ms", c.p50}, {"p99_ms", c.p99}, {"runs", open}};
  t << "  start with an instant gateway (two durable writes): p50 " << c.p50 << " ms, p99 " << c.p99 << " ms\n";
  t << "  reconcile " << open << " open payments (instant gateway): " << total << " ms in all, "
    << total / std::max(1, open) << " ms each\n";
}

}  // namespace

void register_payment_bench(CLI::App& bench, Action& action) {
  auto* cmd = bench.add_subcommand("payment", "Tap to QR, paid to durable, reconcile of 1,000 open payments");
  auto runs = std::make_shared<int>(30);
  auto open = std::make_shared<int>(1000);
  auto backend = std::make_shared<std::string>();
  auto dir = std::make_shared<std::string>(std::filesystem::temp_directory_path().string());
  cmd->add_option("--dir", *dir, "Where the state databases are made (the kiosk's disk: /var/lib/tthc-kiosk)");
  cmd->add_option("--runs", *runs, "Payments made against the backend")->check(CLI::Range(1, 1000));
  cmd->add_option("--open", *open, "Open payments to reconcile")->check(CLI::Range(1, 100000));
  cmd->add_option("--backend", *backend, "The local simulator (tests/sim), for tap to QR and paid to durable");
  cmd->fallthrough();
  cmd->callback([&action, runs, open, backend, dir] {
    action = [runs, open, backend, dir] {
      json j = json::object();
      std::ostringstream t;
      t.setf(std::ios::fixed);
      t.precision(2);
      t << "payment benchmark (state databases under " << *dir << ", WAL, synchronous=FULL)\n";
      if (!backend->empty()) against_backend(*backend, *runs, *dir, j, t);
      reconcile_open(*open, *dir, j, t);
      t << "  targets: tap to QR p99 <= 1500 ms on a local gateway; a state change durable p99 <= 50 ms\n";
      return Output{t.str(), j};
    };
  });
}

}  // namespace kioskctl

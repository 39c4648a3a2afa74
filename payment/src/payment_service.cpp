#include "payment/payment_service.hpp"

#include <algorithm>
#include <ctime>

namespace kiosk::payment {

namespace {

int64_t now() { return static_cast<int64_t>(std::time(nullptr)); }

}  // namespace

PaymentView view_of(const Entry& e) {
  PaymentView v;
  v.entry = e;
  if (!e.anomaly.empty() && e.state != State::Paid) {
    // The gateway said something about another order or amount: no QR, no "paid"; the fee
    // counter and staff settle it.
    v.phase = PaymentView::Phase::Problem;
    v.problem = PayProblem{PayProblem::Kind::Unconfirmed, e.anomaly};
    return v;
  }
  switch (e.state) {
    case State::Created: v.phase = PaymentView::Phase::Starting; break;
    case State::Requested: v.phase = PaymentView::Phase::Waiting; break;
    case State::Paid: v.phase = PaymentView::Phase::Paid; break;
    case State::Underpaid: v.phase = PaymentView::Phase::Underpaid; break;
    case State::Expired: v.phase = PaymentView::Phase::Expired; break;
    case State::Cancelled: v.phase = PaymentView::Phase::Cancelled; break;
    case State::Failed:
      v.phase = PaymentView::Phase::Problem;
      v.problem = PayProblem{PayProblem::Kind::Refused, e.last_error};
      break;
  }
  return v;
}

PaymentService::PaymentService(std::filesystem::path state_db, GatewayFactory gateways, Logger& log,
                               std::function<void()> on_change, PaymentServiceOptions options)
    : db_path_(std::move(state_db)), gateways_(std::move(gateways)), log_(log), on_change_(std::move(on_change)), opt_(std::move(options)) {
  worker_ = std::thread([this] { run(); });
}

PaymentService::~PaymentService() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  worker_.join();
}

uint64_t PaymentService::start(PayRequest r) {
  uint64_t t;
  {
    std::lock_guard lock(mu_);
    t = next_ticket_++;
    snap_.tickets[t] = PaymentView{};
    commands_.push_back({Command::Kind::Start, t, std::move(r)});
  }
  cv_.notify_all();
  return t;
}

void PaymentService::cancel(uint64_t ticket) {
  {
    std::lock_guard lock(mu_);
    commands_.push_back({Command::Kind::Cancel, ticket, {}});
  }
  cv_.notify_all();
}

void PaymentService::end_session() {
  std::lock_guard lock(mu_);
  snap_.tickets.clear();
  // A start not begun yet is dropped; one begun is followed by the journal like any other.
  std::erase_if(commands_, [](const Command& c) { return c.kind == Command::Kind::Start; });
}

std::optional<PaymentView> PaymentService::view(uint64_t ticket) const {
  std::lock_guard lock(mu_);
  auto it = snap_.tickets.find(ticket);
  if (it == snap_.tickets.end()) return std::nullopt;
  return it->second;
}

std::optional<Entry> PaymentService::paid_for(const std::string& fee_key) const {
  std::lock_guard lock(mu_);
  auto it = snap_.paid_by_fee.find(fee_key);
  if (it == snap_.paid_by_fee.end()) return std::nullopt;
  return it->second;
}

PaymentService::Health PaymentService::health() const {
  std::lock_guard lock(mu_);
  return snap_.health;
}

void PaymentService::remember_paid(const Entry& e) {
  // Kept for reprints at the screen; older receipts are reprinted by staff (kioskctl).
  const int64_t horizon = now() - int64_t(kPaidMemoryDays) * 24 * 3600;
  if (e.paid_at < horizon) return;
  auto& slot = snap_.paid_by_fee[e.fee_key];
  if (slot.order_code.empty() || slot.paid_at <= e.paid_at) slot = e;
  std::erase_if(snap_.paid_by_fee, [&](const auto& kv) { return kv.second.paid_at < horizon; });
}

std::vector<Entry> PaymentService::recent_receipts(size_t n) const {
  std::vector<Entry> out;
  {
    std::lock_guard lock(mu_);
    for (const auto& [key, e] : snap_.paid_by_fee)
      if (e.receipt_no) out.push_back(e);
  }
  std::sort(out.begin(), out.end(), [](const Entry& a, const Entry& b) { return a.paid_at > b.paid_at; });
  if (out.size() > n) out.resize(n);
  return out;
}

void PaymentService::publish(uint64_t ticket, PaymentView v) {
  {
    std::lock_guard lock(mu_);
    auto it = snap_.tickets.find(ticket);
    if (it == snap_.tickets.end()) return;  // the session was wiped meanwhile
    it->second = std::move(v);
    if (it->second.entry && it->second.entry->state == State::Paid) remember_paid(*it->second.entry);
  }
  if (on_change_) on_change_();
}

// The payments on screen, refreshed; state changes published.
void PaymentService::follow(Engine& engine, Journal& journal) {
  std::map<uint64_t, PaymentView> tickets;
  {
    std::lock_guard lock(mu_);
    tickets = snap_.tickets;
  }
  for (const auto& [t, v] : tickets) {
    if (!v.entry || !is_open(v.entry->state)) continue;
    const Entry after = engine.refresh(v.entry->order_code, now());
    if (after.state != v.entry->state || after.amount_paid != v.entry->amount_paid || after.anomaly != v.entry->anomaly) {
      log_.info("payment", "order " + after.order_code + ": " + state_name(after.state));
      publish(t, view_of(after));
    }
  }
  (void)journal;
}

void PaymentService::run() {
  std::unique_ptr<Journal> journal;
  std::unique_ptr<Engine> engine;
  auto last_reconcile = std::chrono::steady_clock::time_point{};
  auto last_report = std::chrono::steady_clock::time_point{};
  int failures = 0;  // in a row: the state database or the journal failing
  auto last_error_log = std::chrono::steady_clock::time_point{};
  for (;;) {
    {
      std::lock_guard lock(mu_);
      if (stop_) return;
    }
    try {
      if (!journal) {
        journal = std::make_unique<Journal>(db_path_, opt_.kiosk_number);
        engine = std::make_unique<Engine>(*journal, gateways_);
        std::lock_guard lock(mu_);
        for (const auto& e : journal->all())
          if (e.state == State::Paid) remember_paid(e);
        snap_.health.journal_ok = true;
      }
      for (;;) {
        Command c;
        {
          std::lock_guard lock(mu_);
          if (commands_.empty() || stop_) break;
          c = std::move(commands_.front());
          commands_.pop_front();
        }
        if (c.kind == Command::Kind::Start) {
          auto r = engine->start(c.request, now());
          if (const auto* p = std::get_if<PayProblem>(&r)) {
            log_.warn("payment", std::string("dossier ") + c.request.dossier + ": " + kind_name(p->kind) + ": " + p->detail);
            PaymentView v;
            v.phase = PaymentView::Phase::Problem;
            v.problem = *p;
            publish(c.ticket, v);
          } else {
            const auto& e = std::get<Entry>(r);
            log_.info("payment", "order " + e.order_code + " for " + e.dossier + ": " + state_name(e.state));
            publish(c.ticket, view_of(e));
          }
        } else {
          std::optional<std::string> order;
          {
            std::lock_guard lock(mu_);
            auto it = snap_.tickets.find(c.ticket);
            if (it != snap_.tickets.end() && it->second.entry) order = it->second.entry->order_code;
          }
          if (order) publish(c.ticket, view_of(engine->cancel(*order, now())));
        }
      }
      follow(*engine, *journal);
      const auto t = std::chrono::steady_clock::now();
      if (t - last_reconcile >= std::chrono::seconds(opt_.reconcile_seconds)) {
        last_reconcile = t;
        for (const auto& e : engine->reconcile(now()))
          if (e.state == State::Paid) {
            std::lock_guard lock(mu_);
            remember_paid(e);
          }
      }
      if (t - last_report >= std::chrono::seconds(opt_.report_seconds) && !opt_.backend.empty()) {
        last_report = t;
        const auto d = engine->report(opt_.backend, opt_.backend_headers, opt_.http, now());
        if (d.failed) log_.warn("payment", "confirmations not delivered yet: " + d.last_error);
      }
      std::lock_guard lock(mu_);
      snap_.health.open = static_cast<int>(journal->open_entries().size());
      snap_.health.exceptions = static_cast<int>(journal->exceptions().size());
      failures = 0;
    } catch (const std::exception& e) {
      // The state database or a gateway answer the journal cannot take: try again later, said
      // in the log once a minute rather than at every try.
      const auto t = std::chrono::steady_clock::now();
      if (failures++ == 0 || t - last_error_log >= std::chrono::minutes(1)) {
        log_.error("payment", std::string("payment worker: ") + e.what());
        last_error_log = t;
      }
      engine.reset();
      journal.reset();
      {
        std::lock_guard lock(mu_);
        snap_.health.journal_ok = false;
      }
      if (on_change_) on_change_();
    }
    std::unique_lock lock(mu_);
    if (failures > 0) {
      // Waiting commands do not cut this short: they would fail the same way at once.
      const auto backoff = std::chrono::milliseconds(std::min(30000, 250 << std::min(failures, 7)));
      cv_.wait_for(lock, backoff, [this] { return stop_; });
      continue;
    }
    bool watching = false;
    for (const auto& [t, v] : snap_.tickets) watching = watching || (v.entry && is_open(v.entry->state));
    cv_.wait_for(lock, std::chrono::milliseconds(watching ? opt_.poll_ms : opt_.reconcile_seconds * 1000 / 3 + 1),
                 [this] { return stop_ || !commands_.empty(); });
  }
}

}  // namespace kiosk::payment

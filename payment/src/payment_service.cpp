#include "payment/payment_service.hpp"

#include <ctime>

namespace kiosk::payment {

namespace {

int64_t now() { return static_cast<int64_t>(std::time(nullptr)); }

}  // namespace

PaymentView view_of(const Entry& e) {
  PaymentView v;
  v.entry = e;
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

PaymentService::Snapshot PaymentService::snapshot() const {
  std::lock_guard lock(mu_);
  return snap_;
}

void PaymentService::publish(uint64_t ticket, PaymentView v) {
  {
    std::lock_guard lock(mu_);
    auto it = snap_.tickets.find(ticket);
    if (it == snap_.tickets.end()) return;  // the session was wiped meanwhile
    it->second = std::move(v);
    if (it->second.entry && it->second.entry->state == State::Paid) snap_.paid_by_dossier[it->second.entry->dossier] = *it->second.entry;
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
    if (after.state != v.entry->state || after.amount_paid != v.entry->amount_paid) {
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
          if (e.state == State::Paid) snap_.paid_by_dossier[e.dossier] = e;
        snap_.journal_ok = true;
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
            snap_.paid_by_dossier[e.dossier] = e;
          }
      }
      if (t - last_report >= std::chrono::seconds(opt_.report_seconds) && !opt_.backend.empty()) {
        last_report = t;
        const auto d = engine->report(opt_.backend, opt_.backend_headers, opt_.http, now());
        if (d.failed) log_.warn("payment", "confirmations not delivered yet: " + d.last_error);
      }
      std::lock_guard lock(mu_);
      snap_.open = static_cast<int>(journal->open_entries().size());
      snap_.exceptions = static_cast<int>(journal->exceptions().size());
    } catch (const std::exception& e) {
      // The state database or a gateway answer the journal cannot take: try again later.
      log_.error("payment", std::string("payment worker: ") + e.what());
      engine.reset();
      journal.reset();
      std::lock_guard lock(mu_);
      snap_.journal_ok = false;
    }
    std::unique_lock lock(mu_);
    bool watching = false;
    for (const auto& [t, v] : snap_.tickets) watching = watching || (v.entry && is_open(v.entry->state));
    cv_.wait_for(lock, std::chrono::milliseconds(watching ? opt_.poll_ms : opt_.reconcile_seconds * 1000 / 3 + 1),
                 [this] { return stop_ || !commands_.empty(); });
  }
}

}  // namespace kiosk::payment

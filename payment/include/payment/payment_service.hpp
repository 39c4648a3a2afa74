// The kiosk's payment worker: starts and cancels payments for the citizen at the screen, follows
// the one shown every couple of seconds, reconciles every open payment in the journal (also
// those whose citizen has gone) and reports gateway-confirmed payments to the backend. The UI
// only calls start/cancel/snapshot, which never wait on the network or the disk.
#pragma once
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include "common/log.hpp"
#include "payment/engine.hpp"

namespace kiosk::payment {

struct PaymentView {
  enum class Phase { Starting, Waiting, Paid, Underpaid, Expired, Cancelled, Problem };
  Phase phase = Phase::Starting;
  std::optional<Entry> entry;
  std::optional<PayProblem> problem;
};

struct PaymentServiceOptions {
  std::optional<int> kiosk_number;  // unset: payments are followed, none is started
  std::string backend;  // where confirmations are reported
  std::vector<std::string> backend_headers;
  http::Options http;
  int poll_ms = 2000;          // the payment on screen
  int reconcile_seconds = 15;  // every open payment
  int report_seconds = 30;     // confirmations to the backend
};

class PaymentService {
 public:
  PaymentService(std::filesystem::path state_db, GatewayFactory gateways, Logger& log, std::function<void()> on_change,
                 PaymentServiceOptions options);
  ~PaymentService();
  PaymentService(const PaymentService&) = delete;
  PaymentService& operator=(const PaymentService&) = delete;

  uint64_t start(PayRequest r);  // a ticket at once
  void cancel(uint64_t ticket);
  void end_session();  // the citizen left: tickets forgotten, the journal keeps following them

  // What the screen shows of a ticket (nullopt: unknown, or forgotten by end_session).
  std::optional<PaymentView> view(uint64_t ticket) const;
  // This kiosk's latest paid entry for a dossier fee (Journal::fee_key), paid within the last
  // `kPaidMemoryDays` days. A later fee on the same dossier is another key: not paid here.
  std::optional<Entry> paid_for(const std::string& fee_key) const;
  // The latest paid entries with a receipt number, newest first (staff reprints from the screen).
  std::vector<Entry> recent_receipts(size_t n) const;
  struct Health {
    int open = 0, exceptions = 0;
    bool journal_ok = true;
  };
  Health health() const;
  static constexpr int kPaidMemoryDays = 90;

 private:
  struct Command {
    enum class Kind { Start, Cancel } kind;
    uint64_t ticket;
    PayRequest request;
  };
  void run();
  void publish(uint64_t ticket, PaymentView v);
  void follow(Engine& e, Journal& j);

  std::filesystem::path db_path_;
  GatewayFactory gateways_;
  Logger& log_;
  std::function<void()> on_change_;
  PaymentServiceOptions opt_;

  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  uint64_t next_ticket_ = 1;
  std::deque<Command> commands_;
  struct Snapshot {
    std::map<uint64_t, PaymentView> tickets;
    std::map<std::string, Entry> paid_by_fee;  // the latest paid entry of each dossier fee
    Health health;
  };
  void remember_paid(const Entry& e);  // mu_ held
  Snapshot snap_;
  std::thread worker_;
};

PaymentView view_of(const Entry& e);

}  // namespace kiosk::payment

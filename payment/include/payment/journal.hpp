// The payment journal, in the kiosk's state database (WAL, full sync): every payment attempt,
// each state change durable before the screen shows it.
//
//   created ──► requested ──► paid ◄───────────────┐
//      │            ├──► underpaid ──► paid         │ money after the kiosk gave up:
//      │            ├──► expired ──────────────────►┤ paid, flagged "late" for staff
//      │            ├──► cancelled ────────────────►┘
//      └────────────┴──► failed
//
// An order code is written here before any network call; at most one payment per dossier fee is
// open (created, requested, underpaid); a receipt number (per kiosk and year, gapless) is given
// once, in the transaction that records the payment as paid, numbered by the kiosk that created
// the entry (kept with it), never by a default. A gateway's word moves an entry only when it is
// about this order and this amount and says how much arrived; anything else is an anomaly kept
// for staff (exceptions()), and "paid" with less than owed is underpaid.
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "common/sqlite.hpp"
#include "dossier/status.hpp"
#include "payment/gateway.hpp"

namespace kiosk::payment {

enum class State { Created, Requested, Paid, Underpaid, Expired, Cancelled, Failed };
const char* state_name(State s);
bool is_open(State s);

struct Entry {
  std::string order_code, dossier, fee_key;
  int64_t amount = 0;
  std::vector<dossier::FeeItem> items;
  dossier::Payee payee;
  std::string procedure, payer_masked;
  std::string gateway, backend;  // which gateway, at which address: a reconcile goes back there
  State state = State::Created;
  std::string qr, pay_url;
  int64_t expires_at = 0;
  int64_t amount_paid = 0;
  std::string bank_ref;
  int64_t paid_at = 0;
  std::string receipt_url;
  std::optional<std::string> receipt_no;
  bool reported = false;  // the backend knows it was paid
  bool late = false;      // paid after the kiosk had given up on it
  std::optional<int> kiosk_number;  // the kiosk that created it: its receipts carry this number
  std::string anomaly;    // why the gateway's word was not believed; staff look at it
  std::string last_error;
  int64_t created_at = 0, updated_at = 0;
};

struct NewPayment {
  std::string dossier;
  dossier::FeesDue fees;
  std::string procedure, payer_masked;
  std::string gateway, backend;
};

class Journal {
 public:
  // `kiosk_number` (1-9999) makes order codes and receipt numbers unique across the fleet; a
  // journal opened without one (a staff tool on a kiosk whose number is not configured) follows
  // and reconciles payments but creates none.
  Journal(const std::filesystem::path& state_db, std::optional<int> kiosk_number);

  // One dossier fee: the dossier and what it asks, item by item. A later fee on the same dossier
  // is another key, so a payment settles the fees it was for and nothing else.
  static std::string fee_key(const std::string& dossier, const dossier::FeesDue& fees);

  // A new entry in state "created", with a fresh order code: durable when it returns. Throws
  // db::Error when the fee already has an open payment or this journal has no kiosk number.
  Entry create(const NewPayment& p, int64_t now);
  // The offer shown, with the expiry the caller settled on.
  void requested(const std::string& order_code, const Offer& o, int64_t now);
  // What the gateway says now, if it is about this entry (see the top). Returns the entry after.
  Entry apply(const std::string& order_code, const GatewayStatus& s, int64_t now);
  // The kiosk gives up on an open entry: expired, cancelled or failed (why, for staff).
  Entry close(const std::string& order_code, State s, const std::string& why, int64_t now);
  void mark_reported(const std::string& order_code, int64_t now);

  std::optional<Entry> get(const std::string& order_code);
  std::optional<Entry> open_for_fee(const std::string& fee_key);
  std::optional<Entry> paid_for_fee(const std::string& fee_key);
  std::vector<Entry> all();
  std::vector<Entry> open_entries();
  // Given up by the kiosk (expired, cancelled) since `since`: money may still come for them.
  std::vector<Entry> recently_closed(int64_t since);
  // For staff: paid late, paid more or less than owed, paid but not reported to the backend,
  // underpaid, or an answer the journal did not believe.
  std::vector<Entry> exceptions();

  db::Db& db() { return db_; }
  std::optional<int> kiosk_number() const { return kiosk_; }

 private:
  std::string next_order_code(int64_t now);
  std::optional<std::string> allocate_receipt(std::optional<int> kiosk, int64_t now);
  void note_anomaly(const std::string& order_code, const std::string& why, int64_t now);
  void rekey_old_entries();
  db::Db db_;
  std::optional<int> kiosk_;
};

// Why a gateway's answer is not about this entry (another order, another amount), or says money
// arrived without saying how much; nullopt when it may be believed.
std::optional<std::string> disagreement(const Entry& e, const GatewayStatus& s);

}  // namespace kiosk::payment

// Every tap that asks for a number, in the kiosk's state database (table queue_taps): the tap
// and its idempotency key are written before any request, and every try of that tap (a retry, a
// timeout, the kiosk killed and started again) sends the same key, so one tap is at most one
// ticket. The ticket the server gives is kept with its tap only when it is the one asked for
// (this service, this center); anything else is refused and kept as that, for staff.
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "common/sqlite.hpp"
#include "queue/answers.hpp"
#include "queue/client.hpp"

namespace kiosk::queue {

struct Tap {
  enum class State { Asked, Issued, Refused };
  std::string key;
  std::string service, procedure, kiosk;  // service: empty for a check-in (the booking's)
  std::string booking;                     // a check-in: the booking's id (its code is not kept)
  Priority priority = Priority::None;
  int64_t asked_at = 0;
  State state = State::Asked;
  std::optional<Ticket> ticket;  // when issued
  std::string error;             // the last failure, or why the answer was refused
};
const char* tap_state_id(Tap::State s);

// The generic protocol's ticket object, for storing and for `--json`.
std::string ticket_json(const Ticket& t);

class TicketBook {
 public:
  explicit TicketBook(const std::filesystem::path& state_db);

  // A new tap, durable before it returns.
  Tap open_tap(const std::string& service, const std::string& procedure, Priority priority, const std::string& kiosk,
               int64_t now);
  // A check-in of a booking (its QR): a tap like any other, fetched and resumed the same way.
  Tap open_checkin(const BookingRef& booking, const std::string& kiosk, int64_t now);
  // Asks for the tap's ticket with its key (a check-in: the booking's). `center`: the center the
  // server named in its services (empty: not checked). A tap already issued is answered from here, never asked again.
  Result<Ticket> fetch(QueueClient& client, const std::string& key, const std::string& center, int64_t now);

  std::optional<Tap> get(const std::string& key);
  std::vector<Tap> unanswered();  // asked and never answered: to be fetched again, with their key
  std::vector<Tap> recent(int limit);

 private:
  void record_failure(const std::string& key, const std::string& why, int64_t now);
  db::Db db_;
};

}  // namespace kiosk::queue

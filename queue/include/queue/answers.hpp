// The queue server's answers read strictly: anything not as documented (docs/queue.md) is a
// BadAnswer, never a ticket. Texts from outside pass the printable filter; numbers are bounded.
#pragma once
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "queue/ticket.hpp"

namespace kiosk::queue {

struct BadAnswer : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// What a printed ticket's QR holds: "TTHCQ1|<center>|<ticket id>|<hash>" (docs/queue.md). A
// scanner at the rating screen or the counter reads it back; anything else is nullopt.
struct TicketRef {
  std::string center, id, hash;
};
std::string ticket_qr_payload(const Ticket& t);
std::optional<TicketRef> parse_ticket_qr(std::string_view payload);

// What an online booking's confirmation QR holds: "TTHCB1|<center>|<booking id>|<check code>"
// (docs/queue.md, "Check-in"). Scanned at the kiosk, it gives that booking's ticket.
struct BookingRef {
  std::string center, booking, code;
};
std::string booking_qr_payload(const BookingRef& b);
std::optional<BookingRef> parse_booking_qr(std::string_view payload);
// "2026-12-07T08:31:00+07:00" as a citizen reads it: "08:31 07/12/2026" (the text as given
// when it is not that shape).
std::string issued_at_words(const std::string& iso);

// Our generic protocol.
ServiceList parse_services(std::string_view body);
Ticket parse_ticket(std::string_view body);  // {"ticket": {...}}
std::vector<ServiceStatus> parse_status(std::string_view body);
std::vector<Call> parse_calls(std::string_view body);  // {"calls": [...]}, oldest first

}  // namespace kiosk::queue

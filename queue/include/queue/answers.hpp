// The queue server's answers read strictly: anything not as documented (docs/queue.md) is a
// BadAnswer, never a ticket. Texts from outside pass the printable filter; numbers are bounded.
#pragma once
#include <stdexcept>
#include <string_view>
#include <vector>

#include "queue/ticket.hpp"

namespace kiosk::queue {

struct BadAnswer : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Our generic protocol.
ServiceList parse_services(std::string_view body);
Ticket parse_ticket(std::string_view body);  // {"ticket": {...}}
std::vector<ServiceStatus> parse_status(std::string_view body);

}  // namespace kiosk::queue

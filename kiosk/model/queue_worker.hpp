// The queue server, off the UI thread: its services (read at start and when the home tile is
// tapped), and numbers taken, one tap at a time. A tap is written to the state database with its
// key before the server is asked (queue/ticket_book.hpp); a retry after a failure sends that key
// again, so the citizen gets at most one number for a tap whatever fails.
#pragma once
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "common/log.hpp"
#include "model/client_settings.hpp"
#include "model/config.hpp"
#include "model/latest_worker.hpp"
#include "queue/answers.hpp"
#include "queue/client.hpp"

namespace kiosk::app {

struct QueueAsk {
  // Services: the server's list. Take: a number for a service. CheckIn: a booking's ticket (its
  // QR). Lookup: a ticket as it is now (its QR), checked against the hash printed with it.
  enum class Kind { Services, Take, CheckIn, Lookup } kind = Kind::Services;
  std::string service, procedure;
  queue::Priority priority = queue::Priority::None;
  std::string tap;  // Take, CheckIn: the tap to ask again for; empty: a new tap
  queue::BookingRef booking;
  queue::TicketRef ticket;
};

struct QueueAnswer {
  std::optional<queue::ServiceList> services;  // the server's list, when it answered one
  std::optional<queue::Ticket> ticket;
  std::optional<queue::QueueError> error;
  std::string tap;  // the tap a Take was for (asked again with it on a retry)
};

using QueueWorker = LatestWorker<QueueAsk, QueueAnswer>;

// Throws std::invalid_argument for an address the network policy refuses or an unknown adapter.
std::unique_ptr<QueueWorker> make_queue_worker(const KioskConfig& c, Logger& log, std::function<void()> wake);

}  // namespace kiosk::app

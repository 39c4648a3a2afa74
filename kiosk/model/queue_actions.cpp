#include "model/queue_actions.hpp"

#include "model/rating_actions.hpp"

namespace kiosk::app {

bool can_take_numbers(const Services& svc) { return svc.queue != nullptr; }

std::optional<std::string> queue_service_for(const Services& svc, const content::Procedure& p) {
  if (!svc.queue) return std::nullopt;
  return svc.queue_map.service_for(p);
}

const queue::Service* queue_service(const Services& svc, const std::string& id) {
  if (!svc.queue_services) return nullptr;
  for (const auto& s : svc.queue_services->services)
    if (s.id == id) return &s;
  return nullptr;
}

bool ticket_printer_ready(const Services& svc) {
  return svc.printer && svc.printer->snapshot().ready();
}

namespace {

// A new number: the print banner of the last one (same screen) is not about it.
void forget_last_print(Session& s) {
  if (s.print().pressed_on == Screen::Queue) {
    s.print().last_key.clear();
    s.print().pressed_on.reset();
    s.print().refused.reset();
  }
}

// Onto the queue screen, then the server asked, only if the printer can print what it gives:
// a number the citizen cannot take away is worse than none (they are told where to get one).
void ask_if_printable(Session& s, Services& svc, const QueueAsk& ask) {
  auto& q = s.queue();
  forget_last_print(s);
  s.go(Screen::Queue);
  if (!ticket_printer_ready(svc)) {
    q.stage = QueueSlice::Stage::Failed;
    q.no_printer = true;
    return;
  }
  q.stage = QueueSlice::Stage::Taking;
  q.asked = svc.queue->request(ask);
}

}  // namespace

void open_queue(Session& s) {
  s.queue() = {};
  forget_last_print(s);
  s.go(Screen::Queue);
}

void take_number(Session& s, Services& svc, const std::string& service, const content::Procedure* for_procedure) {
  if (!svc.queue) return;
  auto& q = s.queue();
  if (q.stage == QueueSlice::Stage::Taking) return;  // one tap, one request
  const queue::Priority priority = q.priority;
  q = {};
  q.service = service;
  q.priority = priority;
  if (for_procedure) {
    q.procedure_code = for_procedure->code;
    q.procedure_name = for_procedure->name;
  }
  ask_if_printable(s, svc, QueueAsk{QueueAsk::Kind::Take, service, q.procedure_code, priority, {}, {}, {}});
}

void check_in(Session& s, Services& svc, const queue::BookingRef& booking) {
  if (!svc.queue) return;
  auto& q = s.queue();
  q = {};
  q.origin = QueueSlice::Origin::CheckIn;
  q.booking = booking;
  ask_if_printable(s, svc, QueueAsk{QueueAsk::Kind::CheckIn, {}, {}, queue::Priority::None, {}, booking, {}});
}

void look_up_ticket(Session& s, Services& svc, const queue::TicketRef& ticket) {
  if (!svc.queue) return;
  auto& q = s.queue();
  q = {};
  q.origin = QueueSlice::Origin::Lookup;
  q.scanned = ticket;
  q.printed = true;  // the citizen holds it: shown, not printed again unless asked
  forget_last_print(s);
  s.go(Screen::Queue);
  q.stage = QueueSlice::Stage::Taking;
  q.asked = svc.queue->request(QueueAsk{QueueAsk::Kind::Lookup, {}, {}, queue::Priority::None, {}, {}, ticket});
}

void retry_number(Session& s, Services& svc) {
  auto& q = s.queue();
  if (!svc.queue || q.stage != QueueSlice::Stage::Failed) return;
  if (q.origin == QueueSlice::Origin::Lookup) {
    look_up_ticket(s, svc, queue::TicketRef(q.scanned));
    return;
  }
  if (q.origin == QueueSlice::Origin::Tap && q.service.empty()) return;
  if (!ticket_printer_ready(svc)) {
    q.no_printer = true;
    return;
  }
  q.no_printer = false;
  q.failure.reset();
  q.printed = false;
  q.stage = QueueSlice::Stage::Taking;
  const auto kind = q.origin == QueueSlice::Origin::CheckIn ? QueueAsk::Kind::CheckIn : QueueAsk::Kind::Take;
  q.asked = svc.queue->request(QueueAsk{kind, q.service, q.procedure_code, q.priority, q.tap, q.booking, {}});
}

bool collect_queue(Session& s, Services& svc) {
  if (!svc.queue) return false;
  bool changed = false;
  while (auto a = svc.queue->take()) {
    if (a->result.services) {
      svc.queue_services = std::move(a->result.services);
      svc.queue_list_failed = false;
      changed = true;
    } else if (a->request.kind == QueueAsk::Kind::Services) {
      svc.queue_list_failed = true;
      changed = true;
    }
    auto& q = s.queue();
    // An answer for a wiped session's tap is dropped: the tap stays in the book, for staff.
    if (a->request.kind == QueueAsk::Kind::Services || a->id != q.asked || q.stage != QueueSlice::Stage::Taking) continue;
    if (!a->result.tap.empty()) q.tap = a->result.tap;
    if (a->result.ticket) {
      q.ticket = std::move(a->result.ticket);
      q.service = q.ticket->service;
      q.stage = QueueSlice::Stage::Ticket;
      // Served or called by an officer: the citizen scanned it to rate them.
      if (q.origin == QueueSlice::Origin::Lookup && q.ticket->officer && q.ticket->state != queue::Ticket::State::Waiting)
        start_rating_for_ticket(s, svc, *q.ticket);
    } else {
      q.failure = a->result.error ? a->result.error->kind : queue::QueueError::Kind::Unreachable;
      q.stage = QueueSlice::Stage::Failed;
    }
    changed = true;
  }
  return changed;
}

}  // namespace kiosk::app

// Queue numbers at the kiosk: what the home tile, the procedure screen and the queue screen ask
// of the queue worker, and what the loop takes from it before a frame.
#pragma once
#include <optional>
#include <string>

#include "model/services.hpp"
#include "model/session.hpp"

namespace kiosk::app {

// The queue server is configured (the tile shows; its list may still be on its way).
bool can_take_numbers(const Services& svc);
// The queue service the pack maps this procedure to, when numbers can be taken for it.
std::optional<std::string> queue_service_for(const Services& svc, const content::Procedure& p);
// The service's entry in the server's list, if the list has it.
const queue::Service* queue_service(const Services& svc, const std::string& id);
// The printer can print a ticket now (checked before a number is asked for: no paper, no number).
bool ticket_printer_ready(const Services& svc);

// The home tile: the list of services (the screen asks the server for it as it opens).
void open_queue(Session& s);
// One tap: a number for `service` (from the list or for the procedure on screen).
void take_number(Session& s, Services& svc, const std::string& service, const content::Procedure* for_procedure);
// A booking's QR scanned: its ticket, printed like a number taken (no printer, no ticket).
void check_in(Session& s, Services& svc, const queue::BookingRef& booking);
// A ticket's QR scanned: the ticket as it is now. Called by an officer the roster knows (or
// names), it opens the rating of that officer; otherwise it shows where the ticket stands.
void look_up_ticket(Session& s, Services& svc, const queue::TicketRef& ticket);
// The same tap again after a failure: the same key, so never a second number.
void retry_number(Session& s, Services& svc);

// Takes the worker's answers; returns true when what is shown changed.
bool collect_queue(Session& s, Services& svc);

}  // namespace kiosk::app

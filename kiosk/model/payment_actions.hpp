// Paying a dossier's fees at the kiosk: what the dossier and payment screens ask of the payment
// worker, and what the loop takes from it before a frame. The worker never blocks these calls.
#pragma once
#include <optional>

#include "model/services.hpp"
#include "model/session.hpp"

namespace kiosk::app {

// The dossier on screen owes fees this kiosk can take (a gateway, a printer for the receipt,
// and nothing paid for it yet, here or at the counter).
bool can_pay_here(const Session& s, const Services& svc);
// This kiosk's paid entry for the fees the dossier on screen owes now (for "Đã thanh toán" and
// reprints).
std::optional<payment::Entry> paid_here(const Session& s, const Services& svc);

// The shown dossier's fees are paid: the backend says so, or this kiosk's journal does.
bool fees_settled(const Session& s, const Services& svc);

// Starts paying the shown dossier's fees and opens the payment screen.
void start_payment(Session& s, Services& svc);
// A new code after the last one expired or could not be made.
void restart_payment(Session& s, Services& svc);
void cancel_payment(Session& s, Services& svc);

// The payment on screen as the worker last saw it; nullopt when none was started.
std::optional<payment::PaymentView> shown_payment(const Session& s, const Services& svc);

// Keeps the idle prompt away until the code on screen expires (the citizen is at their phone).
// Returns true when what is shown changed.
bool follow_payment(Session& s, const Services& svc, Clock::time_point now);

}  // namespace kiosk::app

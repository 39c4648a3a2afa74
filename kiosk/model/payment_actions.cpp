#include "model/payment_actions.hpp"

#include <ctime>

namespace kiosk::app {

namespace {

payment::PayRequest request_for(const dossier::DossierStatus& st, const Services& svc) {
  payment::PayRequest r;
  r.dossier = st.code;
  r.fees = *st.fees_due;
  r.procedure = st.procedure_name;
  r.payer_masked = st.owner_masked;
  r.gateway = svc.payment_gateway;
  r.backend = svc.backend_url;
  r.ttl_seconds = svc.payment_ttl_seconds;
  return r;
}

}  // namespace

std::optional<payment::Entry> paid_here(const Session& s, const Services& svc) {
  const auto& d = s.dossier();
  if (!svc.payment || !d.result || !d.result->fees_due) return std::nullopt;
  // The fees the backend asks for now: a payment made here for an earlier fee does not settle them.
  return svc.payment->paid_for(payment::Journal::fee_key(d.result->code, *d.result->fees_due));
}

bool fees_settled(const Session& s, const Services& svc) {
  const auto& d = s.dossier();
  if (!d.result || !d.result->fees_due) return false;
  return d.result->fees_due->paid || paid_here(s, svc).has_value();
}

bool can_pay_here(const Session& s, const Services& svc) {
  const auto& d = s.dossier();
  if (!svc.payment || !svc.printer || !d.result || !d.result->fees_due) return false;
  // A kiosk that takes money gives a receipt: not with a printer known to be unable.
  if (!svc.printer->snapshot().ready()) return false;
  const auto& fees = *d.result->fees_due;
  return !fees.paid && fees.total > 0 && !paid_here(s, svc);
}

void start_payment(Session& s, Services& svc) {
  if (!can_pay_here(s, svc)) return;
  auto& p = s.payment();
  p = {};
  p.dossier = s.dossier().result->code;
  p.ticket = svc.payment->start(request_for(*s.dossier().result, svc));
  s.go(Screen::Payment);
}

void restart_payment(Session& s, Services& svc) {
  const auto& d = s.dossier();
  if (!svc.payment || !d.result || !d.result->fees_due || d.result->code != s.payment().dossier) return;
  auto& p = s.payment();
  p.ticket = svc.payment->start(request_for(*d.result, svc));
  p.receipt_requested = false;
  p.hold_until.reset();
}

void cancel_payment(Session& s, Services& svc) {
  if (svc.payment && s.payment().ticket) svc.payment->cancel(s.payment().ticket);
}

std::optional<payment::PaymentView> shown_payment(const Session& s, const Services& svc) {
  if (!svc.payment || !s.payment().ticket) return std::nullopt;
  return svc.payment->view(s.payment().ticket);
}

bool follow_payment(Session& s, const Services& svc, Clock::time_point now) {
  auto& hold = s.payment().hold_until;
  std::optional<Clock::time_point> want;
  if (s.screen() == Screen::Payment) {
    const auto v = shown_payment(s, svc);
    if (v && v->phase == payment::PaymentView::Phase::Waiting && v->entry) {
      const auto left = std::chrono::seconds(v->entry->expires_at - static_cast<int64_t>(std::time(nullptr)));
      if (left.count() > 0) want = now + left;
    }
  }
  // Moved only when it changes by more than a second: the wall clock and the steady clock drift.
  const bool changed = want.has_value() != hold.has_value() ||
                       (want && (*want > *hold + std::chrono::seconds(1) || *want < *hold - std::chrono::seconds(1)));
  if (changed) hold = want;
  return changed;
}

}  // namespace kiosk::app

#include "model/actions.hpp"

#include "model/queue_actions.hpp"

namespace kiosk::app {

void request_search(Session& s, Services& svc) {
  if (!svc.search) return;
  SearchRequest want{s.query(), s.filters()};
  auto& slice = s.search();
  if (slice.asked && same_request(*slice.asked, want)) return;
  slice.asked_id = svc.search->request(want);
  if (slice.first_asked == 0) slice.first_asked = slice.asked_id;
  slice.asked = std::move(want);
}

void start_lookup(Session& s, Services& svc) {
  if (!svc.dossier) return;
  auto& d = s.dossier();
  d.stage = DossierLookup::Stage::Looking;
  d.request = svc.dossier->request(d.query);
}

void open_scanned(Session& s, Services& svc, const std::string& payload) {
  // Queue papers first: a booking to check in, a ticket to see or to rate its officer by.
  if (can_take_numbers(svc)) {
    if (const auto b = queue::parse_booking_qr(payload)) return check_in(s, svc, *b);
    if (const auto t = queue::parse_ticket_qr(payload)) return look_up_ticket(s, svc, *t);
  }
  if (!svc.dossier) return;
  s.dossier() = {};
  s.go(Screen::Dossier);
  if (s.dossier().accept_payload(payload, true)) start_lookup(s, svc);
}

bool collect_answers(Session& s, Services& svc, Logger& log) {
  bool changed = false;
  if (svc.health) {
    while (auto a = svc.health->take()) {
      if (a->id != s.staff().health_asked) continue;  // asked before a wipe, or superseded
      s.staff().health = std::move(a->result);
      changed = true;
    }
  }
  if (svc.search) {
    while (auto a = svc.search->take()) {
      if (!a->result.error.empty()) log.error("search", a->result.error);
      // An answer to a wiped session's query is dropped; an older one of this session still
      // shows while the newest is on its way.
      if (a->id < s.search().first_asked || a->id > s.search().asked_id) continue;
      s.set_results(a->request.query, std::move(a->result.hits), !a->result.error.empty());
      changed = true;
    }
  }
  if (svc.dossier) {
    while (auto a = svc.dossier->take()) {
      if (const auto* e = std::get_if<dossier::LookupError>(&a->result))
        log.warn("dossier", std::string(dossier::kind_name(e->kind)) + ": " + e->detail);
      s.dossier().accept_answer(a->id, std::move(a->result));
      changed = true;
    }
  }
  return changed;
}

bool work_pending(const Services& svc) {
  return (svc.search && svc.search->busy()) || (svc.dossier && svc.dossier->busy());
}

}  // namespace kiosk::app

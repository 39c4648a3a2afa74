#include "model/rating_actions.hpp"

#include <algorithm>
#include <ctime>

#include "rating/roster.hpp"

namespace kiosk::app {

namespace {

// Who an officer is for the one-rating-per-officer-per-session rule.
std::string officer_key(const content::Officer& o) { return o.id.empty() ? "name:" + o.name : o.id; }

void thanks(Session& s, Clock::time_point now) {
  auto& r = s.rating();
  r.stage = RatingSlice::Stage::Thanks;
  r.home_at = now + kThanksShown;
}

// Writes the rating (durable when it returns); the survey, when enabled, follows.
void record(Session& s, Services& svc, Clock::time_point now) {
  auto& r = s.rating();
  if (!svc.ratings || !r.officer || !r.level) return;
  rating::Rating out;
  out.officer_id = r.officer->id;
  out.officer_name = r.officer->name;
  out.counter = r.counter_name;
  out.agency = r.agency;
  out.level = *r.level;
  out.reason = r.reason;
  out.comment = r.comment.text();
  out.dossier = r.dossier;
  const auto res = svc.ratings->record(out, static_cast<int64_t>(std::time(nullptr)));
  if (const auto* no = std::get_if<rating::Refusal>(&res)) {
    r.refusal = no->kind;
    r.stage = RatingSlice::Stage::Refused;
    return;
  }
  r.rated.push_back(officer_key(*r.officer));
  r.last_id = std::get<rating::Rating>(res).id;
  if (svc.rating_uploader) svc.rating_uploader->poke();
  if (svc.rating_survey && !svc.rating_setup.survey.empty()) {
    r.stage = RatingSlice::Stage::Survey;
    r.survey_step = 0;
    return;
  }
  thanks(s, now);
}

}  // namespace

bool can_rate(const Services& svc) { return svc.ratings && !svc.rating_setup.empty(); }

std::optional<content::Officer> dossier_officer(const Session& s, const Services& svc) {
  const auto& d = s.dossier();
  if (!d.result || !d.result->received_by) return std::nullopt;
  const auto& by = *d.result->received_by;
  if (auto o = rating::match_officer(svc.rating_setup.officers, by.id, by.name)) return o;
  // Not on the roster (iGate names officers only by name): rated under that name and the
  // dossier's counter, for staff to attribute.
  return content::Officer{"", by.name, "", "", ""};
}

void start_rating_from_home(Session& s) {
  auto rated = std::move(s.rating().rated);
  s.rating() = {};
  s.rating().rated = std::move(rated);
  s.go(Screen::Rating);
}

void start_rating_for_dossier(Session& s, Services& svc) {
  const auto officer = dossier_officer(s, svc);
  if (!officer || !can_rate(svc)) return;
  start_rating_from_home(s);
  auto& r = s.rating();
  const auto& st = *s.dossier().result;
  r.dossier = st.code;
  r.officer = officer;
  r.counter_name = st.counter;
  for (const auto& c : svc.rating_counters)
    if (c.id == officer->counter) {
      r.counter_name = c.name;
      r.agency = c.agency;
    }
  // One rating per dossier: said at once, not after the citizen has chosen.
  if (svc.ratings->dossier_rated(st.code)) {
    r.refusal = rating::Refusal::Kind::DossierRated;
    r.stage = RatingSlice::Stage::Refused;
    return;
  }
  r.stage = RatingSlice::Stage::Level;
}

void start_rating_for_ticket(Session& s, Services& svc, const queue::Ticket& t) {
  if (!can_rate(svc)) return;
  std::optional<content::Officer> officer;
  if (t.officer) {
    officer = rating::match_officer(svc.rating_setup.officers, t.officer->id, t.officer->name);
    if (!officer && !t.officer->name.empty()) officer = content::Officer{"", t.officer->name, "", "", ""};
  }
  start_rating_from_home(s);
  if (!officer) return;
  auto& r = s.rating();
  r.officer = officer;
  r.counter_name = t.called_counter.empty() ? std::string() : "Quầy " + t.called_counter;
  for (const auto& c : svc.rating_counters)
    if (c.id == officer->counter) {
      r.counter_name = c.name;
      r.agency = c.agency;
    }
  r.stage = RatingSlice::Stage::Level;
}

void pick_counter(Session& s, Services& svc, const RatingCounter& c) {
  auto& r = s.rating();
  r.counter = c.id;
  r.counter_name = c.name;
  r.agency = c.agency;
  r.on_duty.reset();
  r.stage = RatingSlice::Stage::Officer;
  if (svc.roster) r.roster_asked = svc.roster->request(c.id);
}

std::vector<content::Officer> officers_to_show(const Session& s, const Services& svc) {
  const auto& r = s.rating();
  if (r.on_duty) return *r.on_duty;
  return rating::officers_at(svc.rating_setup.officers, r.counter);
}

void pick_officer(Session& s, const Services&, const content::Officer& o) {
  auto& r = s.rating();
  r.officer = o;
  // Without a dossier, one rating per officer per session.
  if (std::find(r.rated.begin(), r.rated.end(), officer_key(o)) != r.rated.end()) {
    r.refusal = rating::Refusal::Kind::DossierRated;  // worded as "already rated" for an officer too
    r.stage = RatingSlice::Stage::Refused;
    return;
  }
  r.stage = RatingSlice::Stage::Level;
}

void choose_level(Session& s, Services& svc, rating::Level level, Clock::time_point now) {
  auto& r = s.rating();
  r.level = level;
  if (level == rating::Level::KhongHaiLong) {
    r.stage = RatingSlice::Stage::Reason;
    return;
  }
  r.reason.clear();
  record(s, svc, now);
}

void submit_with_reason(Session& s, Services& svc, Clock::time_point now) {
  if (s.rating().reason.empty()) return;
  record(s, svc, now);
}

void answer_survey(Session& s, Services& svc, const std::string& option, Clock::time_point now) {
  auto& r = s.rating();
  const auto& survey = svc.rating_setup.survey;
  if (r.survey_step >= survey.size()) return;
  if (!option.empty()) r.survey.emplace_back(survey[r.survey_step].id, option);
  if (++r.survey_step < survey.size()) return;
  if (svc.ratings && !r.last_id.empty()) svc.ratings->add_survey(r.last_id, r.survey, static_cast<int64_t>(std::time(nullptr)));
  if (svc.rating_uploader) svc.rating_uploader->poke();
  thanks(s, now);
}

bool collect_roster(Session& s, Services& svc) {
  if (!svc.roster) return false;
  bool changed = false;
  while (auto a = svc.roster->take()) {
    auto& r = s.rating();
    if (a->id != r.roster_asked || r.roster_asked == 0) continue;  // for another counter, or a wiped session
    if (a->result) {
      // The backend says who is on duty; the pack's photo of the same officer still shows.
      for (auto& o : *a->result)
        for (const auto& known : svc.rating_setup.officers)
          if (o.photo.empty() && !o.id.empty() && known.id == o.id) o.photo = known.photo;
      r.on_duty = std::move(*a->result);
    }
    changed = true;
  }
  return changed;
}

}  // namespace kiosk::app

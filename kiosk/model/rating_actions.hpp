// Rating an officer at the kiosk: what the home tile, the dossier screen and the rating screen
// ask, in one place. Recording is synchronous and durable (a SQLite transaction, a few
// milliseconds): the thank-you shows only after it.
#pragma once
#include <optional>
#include <vector>

#include "model/services.hpp"
#include "model/session.hpp"

namespace kiosk::app {

bool can_rate(const Services& svc);  // the pack has a roster and the kiosk can keep ratings

// The officer who received the shown dossier, as the roster knows them; or only by the name the
// backend gave (no id), at the dossier's counter. Nothing when the backend names nobody.
std::optional<content::Officer> dossier_officer(const Session& s, const Services& svc);

void start_rating_from_home(Session& s);
void start_rating_for_dossier(Session& s, Services& svc);
// The officer who called a queue ticket (its QR scanned): the roster's by id or name, else by the
// name the queue server gave; nobody known opens the counters as from home.
void start_rating_for_ticket(Session& s, Services& svc, const queue::Ticket& t);
void pick_counter(Session& s, Services& svc, const RatingCounter& c);
// Who can be rated at the picked counter: the backend's list when it answered, else the pack's.
std::vector<content::Officer> officers_to_show(const Session& s, const Services& svc);
void pick_officer(Session& s, const Services& svc, const content::Officer& o);
void choose_level(Session& s, Services& svc, rating::Level level, Clock::time_point now);
void submit_with_reason(Session& s, Services& svc, Clock::time_point now);
// One survey answer (empty option: skipped); after the last, the thank-you.
void answer_survey(Session& s, Services& svc, const std::string& option, Clock::time_point now);

// The backend's answer about who is on duty, taken before a frame. True when it changed.
bool collect_roster(Session& s, Services& svc);

inline constexpr auto kThanksShown = std::chrono::seconds(6);

}  // namespace kiosk::app

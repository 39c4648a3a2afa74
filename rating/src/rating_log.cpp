#include "rating/rating_log.hpp"

#include <ctime>

#include "common/state_db.hpp"
#include "common/text.hpp"
#include "dossier/status.hpp"

namespace kiosk::rating {

namespace {

constexpr const char* kOutboxKind = "rating";

// Midnight in Vietnam (UTC+7, no daylight saving) on the day of `now`.
int64_t vietnam_midnight(int64_t now) {
  constexpr int64_t kOffset = 7 * 3600, kDay = 24 * 3600;
  return (now + kOffset) / kDay * kDay - kOffset;
}

std::vector<Rating> read(db::Stmt& s) {
  std::vector<Rating> out;
  while (s.step()) out.push_back(rating_from_json(nlohmann::json::parse(s.text(0))));
  return out;
}

}  // namespace

const char* kind_name(Refusal::Kind k) {
  switch (k) {
    case Refusal::Kind::DossierRated: return "dossier-rated";
    case Refusal::Kind::ReasonRequired: return "reason-required";
    case Refusal::Kind::NoOfficer: return "no-officer";
    case Refusal::Kind::CommentTooLong: return "comment-too-long";
  }
  return "refused";
}

RatingLog::RatingLog(const std::filesystem::path& state_db, int kiosk_number, BurstRule burst)
    : db_(state::open_state_db(state_db)), kiosk_(kiosk_number), burst_(burst) {}

std::variant<Rating, Refusal> RatingLog::record(Rating r, int64_t now) {
  // Every text that came from outside (the backend's roster and dossier answers, a staff
  // member's typing) through the same filter before it is kept, reported or shown on a terminal.
  for (std::string* t : {&r.officer_id, &r.officer_name, &r.counter, &r.agency, &r.reason, &r.comment, &r.dossier})
    *t = text::printable(text::trim(*t));
  if (r.source != "paper") r.source = "kiosk";
  const std::string dossier_key = dossier::normalize_code(r.dossier);
  if (r.officer_id.empty() && r.officer_name.empty()) return Refusal{Refusal::Kind::NoOfficer, "no officer named"};
  if (r.level == Level::KhongHaiLong && r.reason.empty())
    return Refusal{Refusal::Kind::ReasonRequired, "KHÔNG HÀI LÒNG needs a reason"};
  if (r.comment.size() > kMaxComment || !text::is_valid_utf8(r.comment))
    return Refusal{Refusal::Kind::CommentTooLong, "the comment is longer than " + std::to_string(kMaxComment) + " bytes"};
  if (r.level != Level::KhongHaiLong) r.reason.clear();
  if (r.id.empty()) r.id = new_rating_id();
  r.at = now;
  r.kiosk = kiosk_;

  db::Transaction tx(db_);
  if (!r.dossier.empty() && dossier_rated(r.dossier))
    return Refusal{Refusal::Kind::DossierRated, "dossier " + r.dossier + " was rated already"};
  if (r.source == "kiosk") {
    // A burst on the screen (someone tapping on and on, or a test of the kiosk): kept, but
    // counted apart. Paper sheets keyed in by staff come in runs by nature: never a burst, and
    // never counted towards one.
    auto s = db_.prepare("SELECT count(*) FROM ratings WHERE at > ? AND source='kiosk'");
    s.bind(1, now - burst_.window_seconds);
    s.step();
    r.flagged = r.flagged || s.int64(0) >= burst_.max;
  }
  const std::string doc = to_json(r).dump();
  auto s = db_.prepare(
      "INSERT INTO ratings(id,at,officer_id,officer_name,counter,level,dossier,flagged,doc,source,dossier_key) "
      "VALUES(?,?,?,?,?,?,?,?,?,?,?)");
  s.bind(1, r.id).bind(2, r.at).bind(3, r.officer_id).bind(4, r.officer_name).bind(5, r.counter).bind(6, level_id(r.level));
  if (r.dossier.empty()) s.bind_null(7);
  else s.bind(7, r.dossier);
  s.bind(8, r.flagged ? 1 : 0).bind(9, doc).bind(10, r.source);
  if (dossier_key.empty()) s.bind_null(11);
  else s.bind(11, dossier_key);
  s.run();
  outbox::Outbox(db_).add(kOutboxKind, "rating:" + r.id, "/ratings", doc, now);
  tx.commit();
  return r;
}

bool RatingLog::add_survey(const std::string& rating_id, const std::vector<std::pair<std::string, std::string>>& answers, int64_t now) {
  if (answers.empty()) return true;
  db::Transaction tx(db_);
  auto q = db_.prepare("SELECT doc FROM ratings WHERE id=?");
  q.bind(1, rating_id);
  if (!q.step()) return false;
  Rating r = rating_from_json(nlohmann::json::parse(q.text(0)));
  r.survey = answers;
  const nlohmann::json doc = to_json(r);
  db_.prepare("UPDATE ratings SET doc=? WHERE id=?").bind(1, doc.dump()).bind(2, rating_id).run();
  outbox::Outbox(db_).add(kOutboxKind, "rating-survey:" + rating_id, "/ratings/" + rating_id + "/survey",
                          nlohmann::json{{"id", rating_id}, {"survey", doc["survey"]}}.dump(), now);
  tx.commit();
  return true;
}

bool RatingLog::dossier_rated(const std::string& dossier) {
  // However it is spelt ("000.00.12.h04-…", without its dots), or as older kiosks kept it.
  auto s = db_.prepare("SELECT 1 FROM ratings WHERE dossier_key=? OR dossier=?");
  s.bind(1, dossier::normalize_code(dossier)).bind(2, text::trim(dossier));
  return s.step();
}

std::vector<Rating> RatingLog::between(int64_t from, int64_t to) {
  auto s = db_.prepare("SELECT doc FROM ratings WHERE at >= ? AND at < ? ORDER BY at, id");
  s.bind(1, from).bind(2, to);
  return read(s);
}

std::vector<Rating> RatingLog::all() {
  auto s = db_.prepare("SELECT doc FROM ratings ORDER BY at, id");
  return read(s);
}

DayCounts RatingLog::today(int64_t now) {
  DayCounts c;
  auto s = db_.prepare("SELECT level, flagged, count(*) FROM ratings WHERE at >= ? GROUP BY level, flagged");
  s.bind(1, vietnam_midnight(now));
  while (s.step()) {
    const int n = static_cast<int>(s.int64(2));
    if (s.int64(1)) {
      c.flagged += n;
      continue;
    }
    switch (level_from_id(s.text(0)).value_or(Level::HaiLong)) {
      case Level::RatHaiLong: c.rat_hai_long += n; break;
      case Level::HaiLong: c.hai_long += n; break;
      case Level::KhongHaiLong: c.khong_hai_long += n; break;
    }
  }
  return c;
}

size_t RatingLog::backlog() { return outbox::Outbox(db_).pending(kOutboxKind).size(); }

outbox::Delivery RatingLog::upload(const std::string& backend, const std::vector<std::string>& headers, const http::Options& o,
                                   int64_t now, bool now_regardless) {
  return outbox::Outbox(db_).deliver(backend, headers, o, now, 200, now_regardless, kOutboxKind);
}

}  // namespace kiosk::rating

// The ratings this kiosk took, in its state database (WAL, full sync): each durable, and queued
// for the backend in the same transaction, before the citizen is thanked. The rules hold here
// whoever records (the kiosk's screen or staff typing in paper sheets): one rating per dossier
// however its code is spelt, a reason for KHÔNG HÀI LÒNG, every outside text filtered to what is
// printable; a burst on the kiosk's screen recorded but flagged (paper sheets are never a burst).
#pragma once
#include <filesystem>
#include <variant>
#include <vector>

#include "common/http.hpp"
#include "common/sqlite.hpp"
#include "outbox/outbox.hpp"
#include "rating/rating.hpp"

namespace kiosk::rating {

struct Refusal {
  enum class Kind {
    DossierRated,    // this dossier was rated already
    ReasonRequired,  // KHÔNG HÀI LÒNG without a reason
    NoOfficer,       // nobody to rate
    CommentTooLong,
  };
  Kind kind;
  std::string detail;
};
const char* kind_name(Refusal::Kind k);

// More than `max` ratings from this kiosk within `window_seconds`: the next ones are flagged.
struct BurstRule {
  int max = 3;
  int window_seconds = 60;
};

struct DayCounts {
  int rat_hai_long = 0, hai_long = 0, khong_hai_long = 0, flagged = 0;
  int total() const { return rat_hai_long + hai_long + khong_hai_long; }
};

class RatingLog {
 public:
  RatingLog(const std::filesystem::path& state_db, int kiosk_number, BurstRule burst = {});

  // Fills in id, time and kiosk, applies the rules, and writes the rating with its outbox
  // message in one transaction: durable when it returns.
  std::variant<Rating, Refusal> record(Rating r, int64_t now);

  // The fuller survey's answers, given after the rating was recorded (so that a citizen who
  // leaves mid-survey loses nothing of the rating): kept with it and sent to the backend
  // (POST /ratings/<id>/survey). False when there is no such rating.
  bool add_survey(const std::string& rating_id, const std::vector<std::pair<std::string, std::string>>& answers, int64_t now);

  bool dossier_rated(const std::string& dossier);
  std::vector<Rating> between(int64_t from, int64_t to);  // [from, to)
  std::vector<Rating> all();
  DayCounts today(int64_t now);  // the day in Vietnam
  size_t backlog();              // not yet delivered to the backend

  // One delivery pass of the ratings waiting (POST <backend>/ratings, the id as idempotency key).
  outbox::Delivery upload(const std::string& backend, const std::vector<std::string>& headers, const http::Options& o,
                          int64_t now, bool now_regardless = false);

  db::Db& db() { return db_; }

 private:
  db::Db db_;
  int kiosk_;
  BurstRule burst_;
};

}  // namespace kiosk::rating

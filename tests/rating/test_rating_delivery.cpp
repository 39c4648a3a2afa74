// Ratings delivered to the stand-in backend (tests/sim) over loopback: at least once, kept once
// by the receiver whatever the network does; the backend's list of officers on duty.
#include <catch2/catch.hpp>
#include <ctime>
#include <set>

#include "rating/rating_log.hpp"
#include "rating/roster.hpp"
#include "sim.hpp"

using namespace kiosk;
using nlohmann::json;

namespace {

int64_t now() { return static_cast<int64_t>(std::time(nullptr)); }

http::Options loopback() {
  http::Options o;
  o.policy.allow_http_loopback = true;
  o.total_timeout = std::chrono::milliseconds(3000);
  return o;
}

rating::Rating some_rating(rating::Level level) {
  rating::Rating r;
  r.officer_id = "MAU-CB06";
  r.officer_name = "Vũ Văn Giả Định";
  r.counter = "Quầy 11–12";
  r.level = level;
  if (level == rating::Level::KhongHaiLong) r.reason = "thai-do";
  return r;
}

std::set<std::string> ids_at(const test::SimServer& sim) {
  std::set<std::string> ids;
  for (const auto& r : sim.call("/_sim/ratings")) ids.insert(r.at("id").get<std::string>());
  return ids;
}

}  // namespace

TEST_CASE("ratings reach the backend once, whatever fails on the way", "[rating][sim]") {
  test::SimServer sim;
  files::TempDir tmp;
  rating::RatingLog log(tmp.path() / "state.db", 3);
  std::set<std::string> recorded;
  for (auto level : {rating::Level::RatHaiLong, rating::Level::HaiLong, rating::Level::KhongHaiLong})
    recorded.insert(std::get<rating::Rating>(log.record(some_rating(level), now())).id);

  // The backend keeps each but its answer is lost (500 after storing): sent again, kept once.
  sim.call("/_sim/fault?mode=http500", "{}");
  auto d = log.upload(sim.url(), {}, loopback(), now(), true);
  CHECK(d.failed >= 1);
  CHECK(log.backlog() == 3);
  // Offline: nothing lost, nothing marked delivered.
  sim.call("/_sim/fault?mode=none", "{}");
  CHECK(log.upload("http://127.0.0.1:9", {}, loopback(), now(), true).delivered.empty());
  CHECK(log.backlog() == 3);
  d = log.upload(sim.url(), {}, loopback(), now(), true);
  CHECK(d.delivered.size() == 3);
  CHECK(log.backlog() == 0);
  CHECK(ids_at(sim) == recorded);
  const auto posts = sim.call("/_sim/rating-posts");
  CHECK(posts["stored"] == 3);
  CHECK(posts["posts"].get<int>() > 3);  // repeats happened, and were deduplicated
  // What the backend holds is the rating as recorded: no personal data of the citizen.
  for (const auto& r : sim.call("/_sim/ratings")) {
    CHECK(r.at("officer").at("id") == "MAU-CB06");
    CHECK(r.at("kiosk") == 3);
    CHECK_FALSE(r.contains("owner"));
  }
}

TEST_CASE("the backend's list of officers on duty overrides the pack's, when it has one", "[rating][sim]") {
  test::SimServer sim;
  const auto q1 = rating::fetch_officers(sim.url(), "Q1", {}, loopback());
  REQUIRE(q1);
  REQUIRE(q1->size() == 2);
  CHECK((*q1)[1].name == "Lý Thị Thay Ca");
  CHECK((*q1)[1].counter == "Q1");
  CHECK_FALSE(rating::fetch_officers(sim.url(), "Q5", {}, loopback()));           // no list: the pack's serves
  CHECK_FALSE(rating::fetch_officers("http://127.0.0.1:9", "Q1", {}, loopback()));  // offline: the pack's serves
  CHECK_FALSE(rating::fetch_officers(sim.url(), "../payments", {}, loopback()));    // no path tricks through an id
}

#include "rating_sim.hpp"

#include <map>
#include <mutex>
#include <set>

namespace sim {

using nlohmann::json;

struct RatingSim::State {
  json counter_officers;
  Answer answer;
  std::mutex mu;
  std::map<std::string, json> ratings;  // by id: what the backend keeps
  std::vector<std::string> order;       // ids in the order first received
  long posts = 0;                       // every POST, repeats included
};

RatingSim::RatingSim(json counter_officers, Answer answer) : s_(std::make_unique<State>()) {
  s_->counter_officers = counter_officers.is_object() ? std::move(counter_officers) : json::object();
  s_->answer = std::move(answer);
}
RatingSim::~RatingSim() = default;

void RatingSim::routes(httplib::Server& srv) {
  State& s = *s_;
  srv.Post("/ratings", [&s](const httplib::Request& req, httplib::Response& res) {
    const json body = json::parse(req.body, nullptr, false);
    static const std::set<std::string> kLevels = {"rat-hai-long", "hai-long", "khong-hai-long"};
    if (!body.is_object() || !body.contains("id") || !body["id"].is_string() || body["id"].get<std::string>().empty() ||
        !kLevels.count(body.value("level", "")))
      return s.answer(res, 400, {{"error", "a rating needs an id and a level"}});
    const std::string id = body["id"];
    if (req.get_header_value("Idempotency-Key") != "rating:" + id)
      return s.answer(res, 400, {{"error", "Idempotency-Key must name the rating"}});
    bool repeat;
    {
      std::lock_guard lock(s.mu);
      ++s.posts;
      repeat = s.ratings.count(id) > 0;
      if (!repeat) {
        s.ratings[id] = body;
        s.order.push_back(id);
      }
    }
    // Stored before the answer: a fault below loses the answer, not the rating (the kiosk sends
    // it again, and it is kept once).
    s.answer(res, 200, {{"id", id}, {"duplicate", repeat}});
  });
  srv.Post(R"(/ratings/([0-9a-f]+)/survey)", [&s](const httplib::Request& req, httplib::Response& res) {
    const json body = json::parse(req.body, nullptr, false);
    const std::string id = req.matches[1];
    if (!body.is_object() || !body.contains("survey") || !body["survey"].is_object())
      return s.answer(res, 400, {{"error", "a survey is an object of answers"}});
    {
      std::lock_guard lock(s.mu);
      ++s.posts;
      auto it = s.ratings.find(id);
      if (it == s.ratings.end()) return s.answer(res, 404, {{"error", "no such rating"}});
      it->second["survey"] = body["survey"];
    }
    s.answer(res, 200, {{"id", id}});
  });
  srv.Get(R"(/counters/([A-Za-z0-9._-]+)/officers)", [&s](const httplib::Request& req, httplib::Response& res) {
    const std::string counter = req.matches[1];
    if (!s.counter_officers.contains(counter)) return s.answer(res, 404, {{"error", "no roster for this counter"}});
    s.answer(res, 200, {{"officers", s.counter_officers[counter]}});
  });
  srv.Get("/_sim/ratings", [&s](const httplib::Request&, httplib::Response& res) {
    std::lock_guard lock(s.mu);
    json out = json::array();
    for (const auto& id : s.order) out.push_back(s.ratings[id]);
    res.set_content(out.dump(), "application/json");
  });
  srv.Get("/_sim/rating-posts", [&s](const httplib::Request&, httplib::Response& res) {
    std::lock_guard lock(s.mu);
    res.set_content(json{{"posts", s.posts}, {"stored", s.ratings.size()}}.dump(), "application/json");
  });
}

}  // namespace sim

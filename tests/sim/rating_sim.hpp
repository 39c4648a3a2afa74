// The simulator's rating side (docs/rating.md): the backend's POST /ratings, deduplicated by the
// rating's id as a real receiver must, the officers on duty at a counter, and what it stored as
// a control call. Answers go through the simulator's fault switches (/_sim/fault).
#pragma once
#include <httplib.h>

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>

namespace sim {

using Answer = std::function<void(httplib::Response&, int, const nlohmann::json&)>;

class RatingSim {
 public:
  // `counter_officers`: counter id -> [{"id", "name", "title"}], the backend's roster override.
  RatingSim(nlohmann::json counter_officers, Answer answer);
  ~RatingSim();
  void routes(httplib::Server& srv);

 private:
  struct State;
  std::unique_ptr<State> s_;
};

}  // namespace sim

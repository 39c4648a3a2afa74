// What a pack says about rating officers (rating.json): the roster of officers on duty at the
// counters, the reasons a citizen may give for KHÔNG HÀI LÒNG, and the fuller survey's criteria.
// Officers are shown with photo, name and title only; nothing else about them is kept.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace kiosk::content {

struct Agency;

struct Officer {
  std::string id, name, title;
  std::string counter;  // a counter id of agencies.json
  std::string photo;    // a file of the pack (assets/...), or empty
  bool operator==(const Officer&) const = default;
};

struct RatingReason {
  std::string id, text;  // "thai-do", "Thái độ chưa đúng mực"
};

struct SurveyOption {
  std::string id, text;
  int points = 0;
};

struct SurveyCriterion {
  std::string id, title;
  std::vector<SurveyOption> options;
};

struct RatingSetup {
  std::vector<Officer> officers;
  std::vector<RatingReason> reasons;
  std::vector<SurveyCriterion> survey;
  bool sample = false;  // invented officers (the bundled sample)
  bool empty() const { return officers.empty(); }
};

// Parses and checks rating.json: ids unique, every officer at a counter the pack has (when
// `agencies` lists any), photos plain paths inside the pack, a reason "khac" (other) present when
// reasons are given. Throws PackError naming the problem.
RatingSetup parse_rating_setup(std::string_view json_text, const std::vector<Agency>& agencies);
nlohmann::json to_json(const RatingSetup& s);

}  // namespace kiosk::content

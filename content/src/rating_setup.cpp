#include "content/rating_setup.hpp"

#include <set>

#include "common/text.hpp"
#include "content/pack.hpp"
#include "content/pack_content.hpp"
#include "pack_paths.hpp"

namespace kiosk::content {

using nlohmann::json;

namespace {

constexpr size_t kMaxOfficers = 5000;
constexpr size_t kMaxText = 2000;

std::string text_of(const json& j, const char* key, const std::string& where, bool required) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) {
    if (required) throw PackError("rating.json: " + where + " lacks '" + key + "'");
    return {};
  }
  if (!it->is_string()) throw PackError("rating.json: " + where + ": '" + key + "' is not text");
  std::string s = text::to_nfc(text::trim(it->get<std::string>()));
  if (required && s.empty()) throw PackError("rating.json: " + where + ": '" + key + "' is empty");
  if (s.size() > kMaxText) throw PackError("rating.json: " + where + ": '" + key + "' is too long");
  return s;
}

const json& array_of(const json& j, const char* key) {
  static const json kEmpty = json::array();
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return kEmpty;
  if (!it->is_array()) throw PackError(std::string("rating.json: '") + key + "' is not a list");
  return *it;
}

}  // namespace

RatingSetup parse_rating_setup(std::string_view json_text, const std::vector<Agency>& agencies) {
  if (!text::is_valid_utf8(json_text)) throw PackError("rating.json is not valid UTF-8");
  const json j = json::parse(json_text, nullptr, false);
  if (!j.is_object()) throw PackError("rating.json is not a JSON object");
  RatingSetup s;
  if (auto it = j.find("sample"); it != j.end() && it->is_boolean()) s.sample = it->get<bool>();

  std::set<std::string> counters;
  for (const auto& a : agencies)
    for (const auto& c : a.counters) counters.insert(c.id);
  const json& officers = array_of(j, "officers");
  if (officers.size() > kMaxOfficers) throw PackError("rating.json: more officers than a center has");
  std::set<std::string> ids;
  for (size_t i = 0; i < officers.size(); ++i) {
    const json& o = officers[i];
    const std::string where = "officer " + std::to_string(i + 1);
    if (!o.is_object()) throw PackError("rating.json: " + where + " is not an object");
    Officer off{text_of(o, "id", where, true), text_of(o, "name", where, true), text_of(o, "title", where, false),
                text_of(o, "counter", where, true), text_of(o, "photo", where, false)};
    if (!ids.insert(off.id).second) throw PackError("rating.json: officer id " + off.id + " is listed twice");
    if (!counters.empty() && !counters.count(off.counter))
      throw PackError("rating.json: officer " + off.id + " is at counter " + off.counter + ", which the pack does not have");
    if (!off.photo.empty())
      if (auto why = detail::unsafe_path_reason(off.photo)) throw PackError("rating.json: officer " + off.id + "'s photo: " + *why);
    s.officers.push_back(std::move(off));
  }

  std::set<std::string> reason_ids;
  for (const auto& r : array_of(j, "reasons")) {
    if (!r.is_object()) throw PackError("rating.json: a reason is not an object");
    RatingReason reason{text_of(r, "id", "a reason", true), text_of(r, "text", "a reason", true)};
    if (!reason_ids.insert(reason.id).second) throw PackError("rating.json: reason " + reason.id + " is listed twice");
    s.reasons.push_back(std::move(reason));
  }
  // "Other" lets a citizen say what the list does not; staff's paper sheets file their free text there.
  if (!s.reasons.empty() && !reason_ids.count("khac")) throw PackError("rating.json: the reasons lack 'khac' (other)");

  std::set<std::string> criteria;
  for (const auto& c : array_of(j, "survey")) {
    if (!c.is_object()) throw PackError("rating.json: a survey criterion is not an object");
    SurveyCriterion crit{text_of(c, "id", "a survey criterion", true), text_of(c, "title", "a survey criterion", true), {}};
    if (!criteria.insert(crit.id).second) throw PackError("rating.json: survey criterion " + crit.id + " is listed twice");
    for (const auto& o : array_of(c, "options")) {
      if (!o.is_object()) throw PackError("rating.json: criterion " + crit.id + ": an option is not an object");
      SurveyOption opt{text_of(o, "id", "criterion " + crit.id, true), text_of(o, "text", "criterion " + crit.id, true), 0};
      auto p = o.find("points");
      if (p == o.end() || !p->is_number_integer() || p->get<int64_t>() < 0 || p->get<int64_t>() > 100)
        throw PackError("rating.json: criterion " + crit.id + ": option " + opt.id + " needs whole points from 0 to 100");
      opt.points = static_cast<int>(p->get<int64_t>());
      crit.options.push_back(std::move(opt));
    }
    if (crit.options.size() < 2) throw PackError("rating.json: criterion " + crit.id + " needs at least two options");
    s.survey.push_back(std::move(crit));
  }
  return s;
}

json to_json(const RatingSetup& s) {
  json officers = json::array(), reasons = json::array(), survey = json::array();
  for (const auto& o : s.officers)
    officers.push_back({{"id", o.id}, {"name", o.name}, {"title", o.title}, {"counter", o.counter}, {"photo", o.photo}});
  for (const auto& r : s.reasons) reasons.push_back({{"id", r.id}, {"text", r.text}});
  for (const auto& c : s.survey) {
    json options = json::array();
    for (const auto& o : c.options) options.push_back({{"id", o.id}, {"text", o.text}, {"points", o.points}});
    survey.push_back({{"id", c.id}, {"title", c.title}, {"options", options}});
  }
  return {{"sample", s.sample}, {"officers", officers}, {"reasons", reasons}, {"survey", survey}};
}

}  // namespace kiosk::content

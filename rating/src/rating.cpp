#include "rating/rating.hpp"

#include <sodium.h>

#include <stdexcept>

namespace kiosk::rating {

using nlohmann::json;

const char* level_id(Level l) {
  switch (l) {
    case Level::RatHaiLong: return "rat-hai-long";
    case Level::HaiLong: return "hai-long";
    case Level::KhongHaiLong: return "khong-hai-long";
  }
  return "hai-long";
}

std::optional<Level> level_from_id(std::string_view id) {
  for (Level l : {Level::RatHaiLong, Level::HaiLong, Level::KhongHaiLong})
    if (id == level_id(l)) return l;
  return std::nullopt;
}

json to_json(const Rating& r) {
  json survey = json::object();
  for (const auto& [criterion, option] : r.survey) survey[criterion] = option;
  return {{"id", r.id},
          {"at", r.at},
          {"kiosk", r.kiosk},
          {"officer", {{"id", r.officer_id}, {"name", r.officer_name}}},
          {"counter", r.counter},
          {"agency", r.agency},
          {"level", level_id(r.level)},
          {"reason", r.reason},
          {"comment", r.comment},
          {"dossier", r.dossier},
          {"source", r.source},
          {"flagged", r.flagged},
          {"survey", survey}};
}

Rating rating_from_json(const json& j) {
  if (!j.is_object()) throw std::runtime_error("a rating is not a JSON object");
  Rating r;
  r.id = j.value("id", "");
  if (r.id.empty()) throw std::runtime_error("a rating without an id");
  r.at = j.value("at", int64_t{0});
  r.kiosk = j.value("kiosk", 1);
  const json officer = j.value("officer", json::object());
  r.officer_id = officer.value("id", "");
  r.officer_name = officer.value("name", "");
  r.counter = j.value("counter", "");
  r.agency = j.value("agency", "");
  const auto level = level_from_id(j.value("level", ""));
  if (!level) throw std::runtime_error("rating " + r.id + " has no known level");
  r.level = *level;
  r.reason = j.value("reason", "");
  r.comment = j.value("comment", "");
  r.dossier = j.value("dossier", "");
  r.source = j.value("source", "kiosk");
  r.flagged = j.value("flagged", false);
  if (auto s = j.find("survey"); s != j.end() && s->is_object())
    for (const auto& [criterion, option] : s->items())
      if (option.is_string()) r.survey.emplace_back(criterion, option.get<std::string>());
  return r;
}

std::string new_rating_id() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  unsigned char bytes[16];
  randombytes_buf(bytes, sizeof bytes);
  char hex[sizeof bytes * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  return hex;
}

}  // namespace kiosk::rating

// One citizen's rating of an officer: the level (the three the centers report), a reason when
// not satisfied, and what identifies the officer. It holds no personal data of the citizen: the
// dossier code at most.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace kiosk::rating {

enum class Level { RatHaiLong, HaiLong, KhongHaiLong };
const char* level_id(Level l);  // "rat-hai-long" | "hai-long" | "khong-hai-long"
std::optional<Level> level_from_id(std::string_view id);

struct Rating {
  std::string id;  // 32 hex digits, random: the backend's idempotency key
  int64_t at = 0;  // unix seconds
  int kiosk = 1;
  std::string officer_id;  // the roster's id; empty for an officer the backend named only by name
  std::string officer_name, counter, agency;
  Level level = Level::HaiLong;
  std::string reason;   // a reason id of the pack, for KHÔNG HÀI LÒNG
  std::string comment;  // typed on the kiosk, or a paper sheet's words
  std::string dossier;  // the dossier rated through, or empty
  std::string source = "kiosk";  // kiosk | paper
  bool flagged = false;  // recorded in a burst: counted apart in the report
  std::vector<std::pair<std::string, std::string>> survey;  // criterion id, option id
};

nlohmann::json to_json(const Rating& r);
// Throws std::runtime_error when a stored or received rating lacks what every rating has.
Rating rating_from_json(const nlohmann::json& j);

// A fresh rating id (libsodium's random bytes).
std::string new_rating_id();

inline constexpr size_t kMaxComment = 500;  // bytes of UTF-8

}  // namespace kiosk::rating

// One line of the kiosk's health report (health.hpp), as the staff screen keeps it.
#pragma once
#include <string>
#include <utility>
#include <vector>

namespace kiosk::app {

struct HealthCheck {
  enum class Level { Ok, Warn, Fail, Off };  // Off: not configured on this kiosk
  HealthCheck() = default;
  HealthCheck(std::string id_, std::string label_, Level level_, std::string detail_)
      : id(std::move(id_)), label(std::move(label_)), level(level_), detail(std::move(detail_)) {}
  std::string id;      // "content", "printer", ... (JSON key)
  std::string label;   // "Nội dung", "Máy in", ...
  Level level = Level::Ok;
  std::string detail;  // what it is, or what is wrong
  std::vector<std::string> lines;  // more, a line each (the last errors)
};

const char* level_name(HealthCheck::Level l);  // "ok", "warn", "fail", "off"

}  // namespace kiosk::app

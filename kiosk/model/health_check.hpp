// One line of the kiosk's health report (health.hpp), as the staff screen keeps it.
#pragma once
#include <string>

namespace kiosk::app {

struct HealthCheck {
  enum class Level { Ok, Warn, Fail, Off };  // Off: not configured on this kiosk
  std::string id;      // "content", "printer", ... (JSON key)
  std::string label;   // "Nội dung", "Máy in", ...
  Level level = Level::Ok;
  std::string detail;  // what it is, or what is wrong
};

const char* level_name(HealthCheck::Level l);  // "ok", "warn", "fail", "off"

}  // namespace kiosk::app

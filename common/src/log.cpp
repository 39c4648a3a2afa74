#include "common/log.hpp"

#include <chrono>
#include <ctime>

#include "common/text.hpp"

namespace kiosk {

void Logger::log(LogLevel level, std::string_view component, std::string_view message) {
  if (level < min_) return;
  static constexpr const char* names[] = {"DEBUG", "INFO", "WARN", "ERROR"};
  std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
  std::lock_guard lock(mutex_);
  // One line per entry, whatever the message quotes (a pack's names, a backend's answer).
  const std::string line = text::printable(message);
  out_ << stamp << ' ' << names[static_cast<int>(level)] << ' ' << component << ": " << line << '\n';
  out_.flush();
}

}  // namespace kiosk

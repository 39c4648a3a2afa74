// A small leveled logger. Passed by reference to whoever logs; there is no global logger.
#pragma once
#include <mutex>
#include <ostream>
#include <string_view>

namespace kiosk {

enum class LogLevel { Debug, Info, Warn, Error };

class Logger {
 public:
  explicit Logger(std::ostream& out, LogLevel min = LogLevel::Info) : out_(out), min_(min) {}
  void log(LogLevel level, std::string_view component, std::string_view message);
  void info(std::string_view c, std::string_view m) { log(LogLevel::Info, c, m); }
  void warn(std::string_view c, std::string_view m) { log(LogLevel::Warn, c, m); }
  void error(std::string_view c, std::string_view m) { log(LogLevel::Error, c, m); }

 private:
  std::ostream& out_;
  LogLevel min_;
  std::mutex mutex_;
};

}  // namespace kiosk

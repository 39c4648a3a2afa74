#include "common/log.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>

#include "common/text.hpp"

namespace kiosk {

bool stderr_goes_to_journal() {
  const char* stream = std::getenv("JOURNAL_STREAM");
  if (!stream) return false;
  unsigned long long dev = 0, ino = 0;
  if (std::sscanf(stream, "%llu:%llu", &dev, &ino) != 2) return false;
  struct stat st{};
  if (fstat(STDERR_FILENO, &st) != 0) return false;
  return static_cast<unsigned long long>(st.st_dev) == dev && static_cast<unsigned long long>(st.st_ino) == ino;
}

void Logger::set_problem_sink(Sink sink) {
  std::lock_guard lock(mutex_);
  sink_ = std::move(sink);
}

void Logger::log(LogLevel level, std::string_view component, std::string_view message) {
  if (level >= LogLevel::Warn) {
    std::lock_guard lock(mutex_);
    if (sink_) sink_(level, component, text::printable(message));
  }
  if (level < min_) return;
  if (journal_) {
    // sd-daemon's priorities: debug 7, info 6, warning 4, error 3.
    static constexpr const char* priorities[] = {"<7>", "<6>", "<4>", "<3>"};
    std::lock_guard lock(mutex_);
    out_ << priorities[static_cast<int>(level)] << component << ": " << text::printable(message) << '\n';
    out_.flush();
    return;
  }
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

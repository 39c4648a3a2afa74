// A small leveled logger. Passed by reference to whoever logs; there is no global logger.
#pragma once
#include <functional>
#include <mutex>
#include <ostream>
#include <string_view>

namespace kiosk {

enum class LogLevel { Debug, Info, Warn, Error };

class Logger {
 public:
  // `journal`: lines go to systemd's journal through stderr, which stamps them itself and takes
  // each line's priority from a "<N>" prefix (sd-daemon(3)).
  explicit Logger(std::ostream& out, LogLevel min = LogLevel::Info, bool journal = false)
      : out_(out), min_(min), journal_(journal) {}
  void log(LogLevel level, std::string_view component, std::string_view message);
  void info(std::string_view c, std::string_view m) { log(LogLevel::Info, c, m); }
  void warn(std::string_view c, std::string_view m) { log(LogLevel::Warn, c, m); }
  void error(std::string_view c, std::string_view m) { log(LogLevel::Error, c, m); }
  // Warnings and errors are also handed to `sink` (one line, as written), from whichever thread
  // logs them; an empty function removes it. For the staff's "last errors".
  using Sink = std::function<void(LogLevel, std::string_view component, std::string_view line)>;
  void set_problem_sink(Sink sink);

 private:
  std::ostream& out_;
  LogLevel min_;
  bool journal_;
  std::mutex mutex_;
  Sink sink_;
};

// True when this process's stderr is connected to the journal (systemd sets JOURNAL_STREAM to
// its device and inode for a service's standard error).
bool stderr_goes_to_journal();

}  // namespace kiosk

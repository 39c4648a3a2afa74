// The kiosk's latest warnings and errors, kept in its state database so staff see them on the
// health report (the staff screen, `kioskctl health`) after a restart too. Logged lines never
// hold a citizen's data (the log's own rule), so neither does this.
#pragma once
#include <cstdint>
#include <deque>
#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

#include "common/log.hpp"
#include "common/sqlite.hpp"

namespace kiosk::app {

struct Problem {
  int64_t first_at = 0, last_at = 0;  // unix seconds
  bool error = false;                 // else a warning
  std::string component, message;
  int repeats = 1;
};

class ProblemLog {
 public:
  // Opens (creating) the state database; `log` hands its warnings and errors here until this
  // is destroyed. Throws db::Error when the database cannot be opened.
  ProblemLog(const std::filesystem::path& state_db, Logger& log);
  ~ProblemLog();
  ProblemLog(const ProblemLog&) = delete;
  ProblemLog& operator=(const ProblemLog&) = delete;

  // Writes what was logged since the last call (the UI loop calls it: no thread waits on the
  // disk while it logs). The same line again within the hour adds to its row's count.
  void flush(int64_t now);

  static constexpr size_t kKeep = 300;      // rows kept in the database
  static constexpr size_t kQueueMax = 200;  // lines waiting for a flush; more are dropped

 private:
  void record(LogLevel level, std::string_view component, std::string_view line);
  db::Db db_;
  Logger& log_;
  std::mutex mu_;
  std::deque<Problem> queue_;
  size_t dropped_ = 0;
};

// The newest problems logged at or after `since`, newest first (read-only: for the health report
// and kioskctl). Empty when the database has none, or is missing.
std::vector<Problem> recent_problems(const std::filesystem::path& state_db, int64_t since, size_t n);

}  // namespace kiosk::app

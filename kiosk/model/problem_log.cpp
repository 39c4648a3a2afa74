#include "model/problem_log.hpp"

#include <ctime>
#include <system_error>

#include "common/state_db.hpp"

namespace kiosk::app {

ProblemLog::ProblemLog(const std::filesystem::path& state_db, Logger& log) : db_(state::open_state_db(state_db)), log_(log) {
  log_.set_problem_sink([this](LogLevel level, std::string_view component, std::string_view line) { record(level, component, line); });
}

ProblemLog::~ProblemLog() {
  log_.set_problem_sink({});
  try {
    flush(static_cast<int64_t>(std::time(nullptr)));
  } catch (const std::exception&) {
    // Shutting down with the disk gone: the journal still has them.
  }
}

void ProblemLog::record(LogLevel level, std::string_view component, std::string_view line) {
  const auto now = static_cast<int64_t>(std::time(nullptr));
  std::lock_guard lock(mu_);
  if (queue_.size() >= kQueueMax) {
    ++dropped_;
    return;
  }
  queue_.push_back({now, now, level == LogLevel::Error, std::string(component), std::string(line), 1});
}

void ProblemLog::flush(int64_t now) {
  std::deque<Problem> batch;
  size_t dropped = 0;
  {
    std::lock_guard lock(mu_);
    batch.swap(queue_);
    std::swap(dropped, dropped_);
  }
  if (batch.empty() && dropped == 0) return;
  if (dropped) {
    const int64_t at = batch.empty() ? now : batch.back().last_at;
    batch.push_back({at, at, false, "kiosk", std::to_string(dropped) + " more problems were logged than kept", 1});
  }
  db_.exec("BEGIN IMMEDIATE");
  try {
    auto same = db_.prepare("UPDATE problems SET last_at=?1, repeats=repeats+1 WHERE id=(SELECT id FROM problems "
                            "WHERE component=?2 AND message=?3 AND level=?4 AND last_at>=?5 ORDER BY id DESC LIMIT 1)");
    auto add = db_.prepare("INSERT INTO problems(first_at, last_at, level, component, message) VALUES(?1, ?1, ?2, ?3, ?4)");
    for (const auto& p : batch) {
      const char* level = p.error ? "error" : "warn";
      same.bind(1, p.last_at).bind(2, p.component).bind(3, p.message).bind(4, level).bind(5, p.last_at - 3600).run();
      if (db_.changes() == 0) add.bind(1, p.first_at).bind(2, level).bind(3, p.component).bind(4, p.message).run();
    }
    db_.prepare("DELETE FROM problems WHERE id <= (SELECT id FROM problems ORDER BY id DESC LIMIT 1 OFFSET ?1)")
        .bind(1, static_cast<int64_t>(kKeep))
        .run();
    db_.exec("COMMIT");
  } catch (...) {
    db_.exec("ROLLBACK");
    throw;
  }
}

std::vector<Problem> recent_problems(const std::filesystem::path& state_db, int64_t since, size_t n) {
  std::vector<Problem> out;
  std::error_code ec;
  if (!std::filesystem::exists(state_db, ec)) return out;
  try {
    db::Db db(state_db.string(), db::Mode::ReadOnly);
    auto s = db.prepare("SELECT first_at, last_at, level, component, message, repeats FROM problems WHERE last_at>=?1 "
                        "ORDER BY last_at DESC, id DESC LIMIT ?2");
    s.bind(1, since).bind(2, static_cast<int64_t>(n));
    while (s.step())
      out.push_back({s.int64(0), s.int64(1), s.text(2) == "error", s.text(3), s.text(4), static_cast<int>(s.int64(5))});
  } catch (const db::Error&) {
    // An older database without the table, or none readable: nothing to report.
  }
  return out;
}

}  // namespace kiosk::app

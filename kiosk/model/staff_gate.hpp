// The staff door's lock: the PIN is checked against its hash, every wrong PIN is logged, and
// after five in a row each further try waits longer (30 s, doubling, up to an hour). The count
// is the kiosk's, not a citizen's: the session wipe does not reset it; the right PIN does. It is
// kept in the state database (failures, and the lock's end in wall-clock time), so pulling the
// plug gives no fresh tries.
#pragma once
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>

#include "common/log.hpp"
#include "common/sqlite.hpp"

namespace kiosk::app {

class StaffGate {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr int kFreeTries = 5;

  // `state_db` empty: kept in memory only (a kiosk whose state database cannot be opened).
  StaffGate(std::string pin_hash, Logger& log, const std::filesystem::path& state_db = {});

  enum class Outcome { Open, Wrong, Locked };
  Outcome try_pin(const std::string& pin, Clock::time_point now);
  // Seconds until the next try is allowed (0: now).
  int locked_seconds(Clock::time_point now) const;
  int failures() const { return failures_; }
  bool configured() const { return !hash_.empty(); }

 private:
  void keep(Clock::time_point now);
  std::string hash_;
  Logger& log_;
  std::optional<db::Db> db_;
  int failures_ = 0;
  Clock::time_point locked_until_{};
};

}  // namespace kiosk::app

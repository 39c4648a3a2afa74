// The staff door's lock: the PIN is checked against its hash, every wrong PIN is logged, and
// after five in a row each further try waits longer (30 s, doubling, up to an hour). The count
// is the kiosk's, not a citizen's: the session wipe does not reset it; the right PIN does.
#pragma once
#include <chrono>
#include <string>

#include "common/log.hpp"

namespace kiosk::app {

class StaffGate {
 public:
  using Clock = std::chrono::steady_clock;
  static constexpr int kFreeTries = 5;

  StaffGate(std::string pin_hash, Logger& log) : hash_(std::move(pin_hash)), log_(log) {}

  enum class Outcome { Open, Wrong, Locked };
  Outcome try_pin(const std::string& pin, Clock::time_point now);
  // Seconds until the next try is allowed (0: now).
  int locked_seconds(Clock::time_point now) const;
  int failures() const { return failures_; }
  bool configured() const { return !hash_.empty(); }

 private:
  std::string hash_;
  Logger& log_;
  int failures_ = 0;
  Clock::time_point locked_until_{};
};

}  // namespace kiosk::app

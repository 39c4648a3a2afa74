#include "model/staff_gate.hpp"

#include <algorithm>

#include "common/pin_hash.hpp"
#include "common/state_db.hpp"

namespace kiosk::app {

namespace {

constexpr std::chrono::seconds kLongestLock = std::chrono::hours(1);

int64_t wall_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

StaffGate::StaffGate(std::string pin_hash, Logger& log, const std::filesystem::path& state_db) : hash_(std::move(pin_hash)), log_(log) {
  if (state_db.empty()) return;
  try {
    db_.emplace(state::open_state_db(state_db));
    auto s = db_->prepare("SELECT failures, locked_until FROM staff_lockout WHERE id=1");
    if (s.step()) {
      failures_ = static_cast<int>(s.int64(0));
      // The lock's end was kept in wall-clock time; what is left of it counts from now. A clock
      // set back cannot make it longer than the longest lock.
      const int64_t left = std::clamp<int64_t>(s.int64(1) - wall_seconds(), 0, kLongestLock.count());
      locked_until_ = Clock::now() + std::chrono::seconds(left);
      if (failures_ > 0) log_.warn("staff", std::to_string(failures_) + " wrong PINs in a row before this start; " + std::to_string(left) + " s of lock left");
    }
  } catch (const std::exception& e) {
    db_.reset();
    log_.error("staff", std::string("wrong PINs are counted in memory only (state database): ") + e.what());
  }
}

void StaffGate::keep(Clock::time_point now) {
  if (!db_) return;
  try {
    const int64_t left = locked_seconds(now);
    auto s = db_->prepare(
        "INSERT INTO staff_lockout(id, failures, locked_until) VALUES(1, ?, ?) "
        "ON CONFLICT(id) DO UPDATE SET failures=excluded.failures, locked_until=excluded.locked_until");
    s.bind(1, failures_).bind(2, left > 0 ? wall_seconds() + left : 0).run();
  } catch (const std::exception& e) {
    log_.error("staff", std::string("wrong PINs not kept: ") + e.what());
  }
}

StaffGate::Outcome StaffGate::try_pin(const std::string& pin, Clock::time_point now) {
  if (locked_seconds(now) > 0) {
    log_.warn("staff", "PIN entered while locked after " + std::to_string(failures_) + " wrong PINs; not checked");
    return Outcome::Locked;
  }
  if (!hash_.empty() && pin::verify_pin(hash_, pin)) {
    if (failures_ > 0) log_.info("staff", "staff screen opened after " + std::to_string(failures_) + " wrong PINs");
    else log_.info("staff", "staff screen opened");
    failures_ = 0;
    keep(now);
    return Outcome::Open;
  }
  ++failures_;
  std::string msg = "wrong staff PIN (" + std::to_string(failures_) + " in a row)";
  if (failures_ >= kFreeTries) {
    const int doublings = std::min(failures_ - kFreeTries, 7);  // 30 s · 2^7 > 1 hour: capped below
    const auto wait = std::min<std::chrono::seconds>(std::chrono::seconds(30) * (1 << doublings), kLongestLock);
    locked_until_ = now + wait;
    msg += "; locked for " + std::to_string(wait.count()) + " s";
  }
  keep(now);  // before the next try can be made: a restart now gives nothing back
  log_.warn("staff", msg);
  return Outcome::Wrong;
}

int StaffGate::locked_seconds(Clock::time_point now) const {
  if (now >= locked_until_) return 0;
  return static_cast<int>(std::chrono::ceil<std::chrono::seconds>(locked_until_ - now).count());
}

}  // namespace kiosk::app

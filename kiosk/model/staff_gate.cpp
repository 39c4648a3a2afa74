#include "model/staff_gate.hpp"

#include <algorithm>

#include "common/pin_hash.hpp"

namespace kiosk::app {

StaffGate::Outcome StaffGate::try_pin(const std::string& pin, Clock::time_point now) {
  if (locked_seconds(now) > 0) {
    log_.warn("staff", "PIN entered while locked after " + std::to_string(failures_) + " wrong PINs; not checked");
    return Outcome::Locked;
  }
  if (!hash_.empty() && pin::verify_pin(hash_, pin)) {
    if (failures_ > 0) log_.info("staff", "staff screen opened after " + std::to_string(failures_) + " wrong PINs");
    else log_.info("staff", "staff screen opened");
    failures_ = 0;
    return Outcome::Open;
  }
  ++failures_;
  std::string msg = "wrong staff PIN (" + std::to_string(failures_) + " in a row)";
  if (failures_ >= kFreeTries) {
    const int doublings = std::min(failures_ - kFreeTries, 7);  // 30 s · 2^7 > 1 hour: capped below
    const auto wait = std::min<std::chrono::seconds>(std::chrono::seconds(30) * (1 << doublings), std::chrono::hours(1));
    locked_until_ = now + wait;
    msg += "; locked for " + std::to_string(wait.count()) + " s";
  }
  log_.warn("staff", msg);
  return Outcome::Wrong;
}

int StaffGate::locked_seconds(Clock::time_point now) const {
  if (now >= locked_until_) return 0;
  return static_cast<int>(std::chrono::ceil<std::chrono::seconds>(locked_until_ - now).count());
}

}  // namespace kiosk::app

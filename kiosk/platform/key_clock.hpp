// When keys were really pressed, from the X server's own time stamps (SDL's system window
// events carry each XKeyEvent), so that a key read late, after the loop drew a long frame, is not
// taken to have come late: a wedge scanner's burst must not look split by the kiosk's own
// drawing. Server milliseconds are mapped to the steady clock by the smallest difference seen
// (a key is never read before it was pressed). Other video drivers give no times: nullopt.
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>

union SDL_Event;

namespace kiosk::platform {

class KeyClock {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;
  // Asks SDL for the system window events it can read key times from (X11 only).
  static void enable(bool x11);
  // A system window event: a key press's time is kept for the key events SDL makes of it.
  void observe(const SDL_Event& e, TimePoint read_at);
  // The time of the press the next key or text event came from.
  std::optional<TimePoint> last_press() const { return last_; }

 private:
  std::optional<int64_t> offset_ms_;  // steady - server, the smallest seen
  uint32_t last_server_ = 0;
  int64_t wraps_ = 0;  // the server's 32-bit millisecond clock wraps every 49 days
  std::optional<TimePoint> last_;
};

}  // namespace kiosk::platform

// How long a citizen's session lasts untouched: kiosk.conf sets it, the session obeys it. Apart
// from session.hpp so the session-free core (config) does not carry the session.
#pragma once
#include <chrono>

namespace kiosk::app {

struct SessionTimeouts {
  std::chrono::seconds idle{60};       // untouched this long: ask "are you still there?"
  std::chrono::seconds countdown{10};  // then this long before everything is wiped
  std::chrono::seconds attract{120};   // idle on Home this long: show the attract screen
};

}  // namespace kiosk::app

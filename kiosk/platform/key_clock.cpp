#include "platform/key_clock.hpp"

#include <SDL.h>
#include <SDL_syswm.h>

#include <algorithm>

namespace kiosk::platform {

void KeyClock::enable(bool x11) { SDL_EventState(SDL_SYSWMEVENT, x11 ? SDL_ENABLE : SDL_DISABLE); }

void KeyClock::observe(const SDL_Event& e, TimePoint read_at) {
#if defined(SDL_VIDEO_DRIVER_X11)
  if (e.type != SDL_SYSWMEVENT || !e.syswm.msg || e.syswm.msg->subsystem != SDL_SYSWM_X11) return;
  const XEvent& x = e.syswm.msg->msg.x11.event;
  if (x.type != KeyPress) return;
  const uint32_t server = static_cast<uint32_t>(x.xkey.time);
  if (server < last_server_ && last_server_ - server > 0x80000000u) ++wraps_;
  last_server_ = server;
  const int64_t server_ms = wraps_ * (int64_t{1} << 32) + server;
  const int64_t read_ms = std::chrono::duration_cast<std::chrono::milliseconds>(read_at.time_since_epoch()).count();
  offset_ms_ = offset_ms_ ? std::min(*offset_ms_, read_ms - server_ms) : read_ms - server_ms;
  last_ = TimePoint(std::chrono::milliseconds(server_ms + *offset_ms_));
#else
  (void)e;
  (void)read_at;
#endif
}

}  // namespace kiosk::platform

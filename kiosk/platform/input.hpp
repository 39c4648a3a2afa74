// Input as the kiosk understands it, whatever produced it (SDL, a scripted session).
#pragma once
#include <imgui.h>

#include <string>
#include <variant>

namespace kiosk::platform {

struct PointerEvent {
  bool down;  // press or release
  ImVec2 pos;
};
struct MotionEvent {
  ImVec2 pos;
};
struct TextEvent {
  std::string utf8;  // composed text, possibly several characters
};
struct KeyEvent {
  enum class Key { Enter, Backspace, Other } key;
};
struct QuitEvent {};
struct WakeEvent {};  // a worker has something for the UI

using InputEvent = std::variant<PointerEvent, MotionEvent, TextEvent, KeyEvent, QuitEvent, WakeEvent>;

}  // namespace kiosk::platform

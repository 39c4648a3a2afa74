// Input as the kiosk understands it, whatever produced it (SDL, a scripted session).
#pragma once
#include <imgui.h>

#include <chrono>
#include <optional>
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
// When a key was pressed, on the steady clock, where the platform knows it (the X server stamps
// every key): the loop may read it much later, after drawing a frame.
using KeyTime = std::optional<std::chrono::steady_clock::time_point>;

struct TextEvent {
  std::string utf8;  // composed text, possibly several characters
  KeyTime at = std::nullopt;
};
struct KeyEvent {
  enum class Key { Enter, Backspace, Other } key;
  KeyTime at = std::nullopt;
};
struct QuitEvent {};
struct WakeEvent {};  // a worker has something for the UI

using InputEvent = std::variant<PointerEvent, MotionEvent, TextEvent, KeyEvent, QuitEvent, WakeEvent>;

}  // namespace kiosk::platform

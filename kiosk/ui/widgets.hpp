// Touch widgets: flat buttons, wrapped and highlighted text, finger-scrolled areas. Every widget
// records what it shows in VisibleItems.
#pragma once
#include <imgui.h>

#include <string>
#include <utility>
#include <vector>

#include "ui/visible_items.hpp"

namespace kiosk::ui {

struct ButtonLook {
  ImU32 bg, fg;
  ImFont* font;
  bool centered = false;
  ImU32 border = 0;
};

// A left-aligned label starts this far in (and wraps as far from the right edge).
inline constexpr float kButtonTextPad = 20.0f;

// A tap on it returns true; a drag that starts on it (scrolling) does not.
bool button(VisibleItems& items, const char* id, const std::string& label, ImVec2 size, const ButtonLook& look,
            bool is_key = false);

// Wrapped text at the cursor, `wrap` pixels wide.
void text(VisibleItems& items, const std::string& s, ImFont* font, ImU32 color, float wrap);

// Text with byte ranges drawn on a highlight background (matched words), wrapped.
void rich_text(VisibleItems& items, const std::string& s, const std::vector<std::pair<size_t, size_t>>& marks,
               ImFont* font, ImU32 fg, ImU32 mark_bg, float wrap);

// Height `rich_text`/`text` will take, for laying out cards before drawing them.
float text_height(const std::string& s, ImFont* font, float wrap);
float text_width(const std::string& s, ImFont* font);

// Finger scrolling for the current child window: drag moves the content, release keeps it
// gliding and slowing down. One per scrolling region, kept across frames.
class TouchScroll {
 public:
  void update();
  bool animating() const { return dragging_ || velocity_ != 0.0f; }
  void reset() { velocity_ = 0; dragging_ = false; }

 private:
  float velocity_ = 0;  // px per second
  bool dragging_ = false;
};

// A scrolling region: a child window with finger scrolling that goes back to the top whenever
// what it shows changes (`content_key`: the procedure's code, the query...).
class ScrollArea {
 public:
  void begin(const char* id, ImVec2 size, const std::string& content_key);
  void end() { ImGui::EndChild(); }
  bool animating() const { return touch_.animating(); }

 private:
  TouchScroll touch_;
  std::string key_;
};

}  // namespace kiosk::ui

// Touch widgets: flat buttons, wrapped and highlighted text, drag scrolling with inertia.
// Every widget records what it shows in VisibleItems.
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

}  // namespace kiosk::ui

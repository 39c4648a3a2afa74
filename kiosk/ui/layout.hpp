// The kiosk's sizes, named once and derived from the window's shape: 1920×1080 landscape is the
// reference (scale 1); 1366×768 scales down; portrait (1080×1920, floor-standing kiosks) stacks
// the header and gives results the height. Screens place things only through these.
#pragma once
#include <imgui.h>

namespace kiosk::ui {

struct Layout {
  ImVec2 size;            // the window
  float s = 1;            // scale: the shorter side / 1080
  bool portrait = false;  // taller than wide
  bool large_text = false;  // text size 1 or 2
  int text_size = 0;

  float margin = 0;     // screen edge to content
  float gap = 0;        // between neighbours
  float header_h = 0;   // the coloured band on top (two rows in portrait)
  float nav_h = 0;      // the bottom bar: back, home, the screen's main action
  float button_h = 0;   // buttons of the header and bottom bar
  float nav_button_w = 0;
  float action_h = 0;   // big action buttons (look up, print the status)
  float tile_h = 0;     // home screen tiles
  float key_gap = 0;

  float px(float v) const { return v * s; }
  float content_top() const { return header_h; }
  float content_w() const { return size.x - 2 * margin; }
  // The bottom bar is taller when it carries a main action that does not fit between back and
  // home (portrait): the action gets a row of its own.
  bool action_row() const { return portrait; }
  float nav_height(bool with_action) const { return with_action && action_row() ? nav_h + button_h + gap : nav_h; }
  float content_bottom(bool with_action = false) const { return size.y - nav_height(with_action); }
};

Layout make_layout(ImVec2 display, int text_size);

}  // namespace kiosk::ui

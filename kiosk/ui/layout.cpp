#include "ui/layout.hpp"

#include <algorithm>

namespace kiosk::ui {

Layout make_layout(ImVec2 display, int text_size) {
  const bool large_text = text_size > 0;
  Layout l;
  l.size = display;
  l.s = std::min(display.x, display.y) / 1080.0f;
  l.portrait = display.y > display.x;
  l.large_text = large_text;
  l.text_size = text_size;
  l.margin = l.px(l.portrait ? 32 : 48);
  l.gap = l.px(16);
  l.button_h = l.px(86);
  // Portrait: the center's name on one row, the clock and buttons on the next.
  l.header_h = l.px(l.portrait ? 220 : 120);
  l.nav_h = l.px(110);
  l.nav_button_w = l.portrait ? (display.x - 3 * l.margin) / 2 : l.px(360);
  l.action_h = l.px(text_size >= 2 ? 130 : large_text ? 110 : 100);
  l.tile_h = l.px(260);
  l.key_gap = l.px(10);
  return l;
}

}  // namespace kiosk::ui

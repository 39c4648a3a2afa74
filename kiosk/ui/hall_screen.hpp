// The hall's display (display mode): drawn from a HallBoard, nothing to touch. Numbers now served
// in tiles whose digits are at least a tenth of the screen's height (readable from 10 m), the
// last calls, who waits, the month's figures, and since when a part is stale.
#pragma once
#include <ctime>

#include "hall/hall_board.hpp"
#include "ui/theme.hpp"
#include "ui/visible_items.hpp"

namespace kiosk::ui {

struct HallView {
  const Fonts& fonts;
  const Palette& pal;
  VisibleItems& items;
  ImVec2 size;
  hall::Clock::time_point now;
  std::time_t wall = 0;
  std::string announcement;  // the fleet's, or empty
};

void draw_hall(const hall::HallBoard& board, HallView& v);
// The tiles' number size for this screen (so tests can hold it to the tenth-of-height rule).
float hall_number_size(ImVec2 screen, const Fonts& fonts, size_t chars);
// How many pages of counters turn (every 10 s); 1: the screen changes only with the clock.
size_t hall_pages(const hall::HallBoard& board, ImVec2 screen);
// True while a recent call flashes: the loop draws again soon.
bool hall_flashing(const hall::HallBoard& board, hall::Clock::time_point now);
inline constexpr auto kHallFlash = std::chrono::seconds(10);

}  // namespace kiosk::ui

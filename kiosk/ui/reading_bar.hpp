// The controls while a screen is read aloud, above the bottom bar: stop, pause or go on, the
// sentence again, slower, quieter, louder. Also where a voice that cannot be heard says so.
#pragma once
#include "ui/frame.hpp"

namespace kiosk::ui {

void reading_bar(FrameContext& f);
// The top of the controls while reading (the bottom of the window when not): banners go above it.
float reading_bar_top(const FrameContext& f);

}  // namespace kiosk::ui

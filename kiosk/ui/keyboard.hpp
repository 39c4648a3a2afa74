// The on-screen keyboard: letters (Telex composes Vietnamese marks) or digits, delete, marks
// on/off, space. It types into a composer of the session (the search query, a rating's comment).
#pragma once
#include "model/telex.hpp"
#include "ui/frame.hpp"

namespace kiosk::ui {

// Draws the keyboard filling the band [top, top + height) across the window. `numeric` is the
// letters/digits switch, kept with the composer's slice.
void keyboard(FrameContext& f, float top, float height, app::TelexComposer& composer, bool& numeric);

}  // namespace kiosk::ui

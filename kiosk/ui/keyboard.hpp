// The on-screen keyboard of the search screen: letters (Telex composes Vietnamese marks) or
// digits, delete, marks on/off, space. It types into the session's search slice.
#pragma once
#include "ui/frame.hpp"

namespace kiosk::ui {

// Draws the keyboard filling the band [top, top + height) across the window.
void keyboard(FrameContext& f, float top, float height);

}  // namespace kiosk::ui

// What every screen shares: the header (center, clock, language, text size), the bottom bar
// (back, home and the screen's main action), the print banner, and the idle prompt.
#pragma once
#include <functional>

#include "ui/frame.hpp"

namespace kiosk::ui {

inline constexpr ImGuiWindowFlags kPlainWindow = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                                 ImGuiWindowFlags_NoSavedSettings |
                                                 ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse;
// Overlays (banner, prompt, pickers) come to the front and have their own layer.
inline constexpr ImGuiWindowFlags kOverlayWindow = kPlainWindow & ~ImGuiWindowFlags_NoBringToFrontOnFocus;

void header(FrameContext& f);

// The bottom bar. `action`, when given, draws the screen's main action (a button of the size it
// is handed, at the cursor): between back and home in landscape, on a row of its own above them
// in portrait (Layout::nav_height tells how tall the bar is then).
void nav_bar(FrameContext& f, const std::function<void(ImVec2 size)>& action = {});

// What became of the last print press ("Đang in…", "Máy in hết giấy…"), above `bottom`.
void print_banner(FrameContext& f, float bottom);

void idle_prompt(FrameContext& f);

// A heading with a coloured bar before it, for the sections of a long page.
void section_heading(FrameContext& f, const std::string& title, float wrap);
// A screen's question or title at (x, y), in the title font and the primary colour.
void screen_title(FrameContext& f, float x, float y, float width, const std::string& s);

}  // namespace kiosk::ui

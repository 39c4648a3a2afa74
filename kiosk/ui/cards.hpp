// Big cards with a first line and a second, smaller line (a counter and its agency, an officer
// and their title, a queue service and its counters), alone or in a grid that fits the screen.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <utility>

#include "ui/frame.hpp"

namespace kiosk::ui {

// A picture from the pack (an officer's photo), when there is one.
struct Photo {
  ImTextureID texture = nullptr;
  int w = 0, h = 0;
};

// A photo fitted into a box of height `h` at `pos`, its proportions kept; returns the width used.
float draw_photo(const Photo& p, ImVec2 pos, float h);

bool card(FrameContext& f, const std::string& id, const std::string& line1, const std::string& line2, ImVec2 pos, ImVec2 size,
          bool selected = false, const Photo& photo = {});

// Cards in a grid: two (or three) across in landscape, one in portrait, each as tall as the
// longest label needs and the room between `y` and `bottom` allows. Returns the index tapped.
using CardLabel = std::function<std::pair<std::string, std::string>(size_t)>;
// `end`, when given, gets the y just below the last row (for a scrolling area's content height).
std::optional<size_t> card_grid(FrameContext& f, const char* id, size_t n, float x, float y, float width, float bottom,
                                const CardLabel& label, std::optional<size_t> selected = std::nullopt,
                                const std::function<Photo(size_t)>& photo = {}, float* end = nullptr);

}  // namespace kiosk::ui

// What is on screen this frame, with where: scripted sessions tap and expect by visible text,
// and the layout check finds texts and buttons off the window or on top of each other.
#pragma once
#include <imgui.h>

#include <string>
#include <vector>

namespace kiosk::ui {

struct VisibleItem {
  std::string text;
  ImVec2 min, max;           // clipped to what its window shows
  ImVec2 drawn_min, drawn_max;  // unclipped
  bool key = false;       // a key of the on-screen keyboard
  unsigned layer = 0;     // the top-level window it is drawn in: overlays are layers of their own
  bool overflow = false;  // a button whose label does not fit it
  bool scrolled = false;  // drawn in a scrolling region, which may hide it partly above or below
};

class VisibleItems {
 public:
  void clear() { items_.clear(); }
  void add(std::string text, ImVec2 min, ImVec2 max, bool key = false, bool overflow = false);
  // Items in reading order: top to bottom, then left to right.
  std::vector<VisibleItem> in_reading_order() const;
  // The first item, in reading order, whose text contains `needle` (keys only match exactly).
  const VisibleItem* find(const std::string& needle) const;
  const VisibleItem* find_key(const std::string& label) const;
  const std::vector<VisibleItem>& all() const { return items_; }

 private:
  std::vector<VisibleItem> items_;
  mutable std::vector<VisibleItem> sorted_;
};

// What is wrong with a frame's layout, one line per problem: an item outside the window, a
// button label that does not fit, two items of one layer overlapping. Empty when it is right.
std::vector<std::string> layout_problems(const std::vector<VisibleItem>& items, ImVec2 window);

}  // namespace kiosk::ui

// What is on screen this frame, with where: scripted sessions tap and expect by visible text.
#pragma once
#include <imgui.h>

#include <string>
#include <vector>

namespace kiosk::ui {

struct VisibleItem {
  std::string text;
  ImVec2 min, max;
  bool key = false;  // a key of the on-screen keyboard
};

class VisibleItems {
 public:
  void clear() { items_.clear(); }
  void add(std::string text, ImVec2 min, ImVec2 max, bool key = false);
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

}  // namespace kiosk::ui

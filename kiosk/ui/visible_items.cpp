#include "ui/visible_items.hpp"

#include <algorithm>

namespace kiosk::ui {

void VisibleItems::add(std::string text, ImVec2 min, ImVec2 max, bool key) {
  // Only what the clip rectangle lets through is visible.
  const ImVec2 cmin = ImGui::GetWindowDrawList()->GetClipRectMin();
  const ImVec2 cmax = ImGui::GetWindowDrawList()->GetClipRectMax();
  if (max.x <= cmin.x || max.y <= cmin.y || min.x >= cmax.x || min.y >= cmax.y) return;
  items_.push_back({std::move(text), ImVec2(std::max(min.x, cmin.x), std::max(min.y, cmin.y)),
                    ImVec2(std::min(max.x, cmax.x), std::min(max.y, cmax.y)), key});
}

std::vector<VisibleItem> VisibleItems::in_reading_order() const {
  std::vector<VisibleItem> out = items_;
  std::stable_sort(out.begin(), out.end(), [](const VisibleItem& a, const VisibleItem& b) {
    // Items whose tops are within a few pixels are on one line.
    if (std::abs(a.min.y - b.min.y) > 4) return a.min.y < b.min.y;
    return a.min.x < b.min.x;
  });
  return out;
}

const VisibleItem* VisibleItems::find(const std::string& needle) const {
  sorted_ = in_reading_order();
  for (const auto& i : sorted_)
    if (!i.key && i.text.find(needle) != std::string::npos) return &i;
  for (const auto& i : sorted_)
    if (i.key && i.text == needle) return &i;
  return nullptr;
}

const VisibleItem* VisibleItems::find_key(const std::string& label) const {
  for (const auto& i : items_)
    if (i.key && i.text == label) return &i;
  return nullptr;
}

}  // namespace kiosk::ui

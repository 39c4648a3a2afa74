#include "ui/visible_items.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <cstdio>

namespace kiosk::ui {

namespace {

// Neighbouring lines of text may touch; a few pixels are not an overlap a citizen would see.
constexpr float kTolerance = 3.0f;

std::string where(const VisibleItem& i) {
  char buf[96];
  std::snprintf(buf, sizeof buf, " at (%.0f,%.0f)-(%.0f,%.0f)", i.drawn_min.x, i.drawn_min.y, i.drawn_max.x, i.drawn_max.y);
  return "'" + i.text.substr(0, 60) + "'" + buf;
}

bool overlap(const VisibleItem& a, const VisibleItem& b) {
  const float w = std::min(a.max.x, b.max.x) - std::max(a.min.x, b.min.x);
  const float h = std::min(a.max.y, b.max.y) - std::max(a.min.y, b.min.y);
  return w > kTolerance && h > kTolerance;
}

bool same_rect(const VisibleItem& a, const VisibleItem& b) {
  return a.min.x == b.min.x && a.min.y == b.min.y && a.max.x == b.max.x && a.max.y == b.max.y;
}

}  // namespace

void VisibleItems::add(std::string text, ImVec2 min, ImVec2 max, bool key, bool overflow) {
  // Only what the clip rectangle lets through is visible.
  const ImVec2 cmin = ImGui::GetWindowDrawList()->GetClipRectMin();
  const ImVec2 cmax = ImGui::GetWindowDrawList()->GetClipRectMax();
  if (max.x <= cmin.x || max.y <= cmin.y || min.x >= cmax.x || min.y >= cmax.y) return;
  const ImGuiWindow* w = ImGui::GetCurrentWindow();
  items_.push_back({std::move(text), ImVec2(std::max(min.x, cmin.x), std::max(min.y, cmin.y)),
                    ImVec2(std::min(max.x, cmax.x), std::min(max.y, cmax.y)), min, max, key,
                    w && w->RootWindow ? w->RootWindow->ID : 0u, overflow,
                    w && (w->Flags & ImGuiWindowFlags_ChildWindow) != 0});
}

void VisibleItems::mark_if_reading(const std::string& text, ImVec2 min, ImVec2 max, bool outline) {
  if (reading.empty() || text != reading) return;
  const float pad = 6;
  if (outline)
    ImGui::GetWindowDrawList()->AddRect(min, max, reading_bg, 0, 0, 8.0f);
  else
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(min.x - pad, min.y - pad / 2), ImVec2(max.x + pad, max.y + pad / 2),
                                              reading_bg);
  if (follow_reading) {
    // Into view in the scrolling region it lies in, a third of the way down.
    ImGui::SetScrollFromPosY(min.y - ImGui::GetWindowPos().y, 0.3f);
    follow_reading = false;
  }
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

std::vector<std::string> layout_problems(const std::vector<VisibleItem>& items, ImVec2 window) {
  std::vector<std::string> out;
  for (const auto& i : items) {
    // A scrolling region shows part of what lies above or below it; nothing may stick out sideways.
    const float top = i.scrolled ? i.min.y : i.drawn_min.y, bottom = i.scrolled ? i.max.y : i.drawn_max.y;
    if (i.drawn_min.x < -kTolerance || top < -kTolerance || i.drawn_max.x > window.x + kTolerance ||
        bottom > window.y + kTolerance)
      out.push_back("outside the window: " + where(i));
    if (i.overflow) out.push_back("label does not fit its button: " + where(i));
  }
  for (size_t a = 0; a < items.size(); ++a) {
    for (size_t b = a + 1; b < items.size(); ++b) {
      const auto& x = items[a];
      const auto& y = items[b];
      // A card is an empty button with its texts drawn on it; an alias has its item's rectangle.
      if (x.layer != y.layer || x.text.empty() || y.text.empty() || same_rect(x, y)) continue;
      if (!overlap(x, y)) continue;
      out.push_back("overlap: " + where(x) + " and " + where(y));
    }
  }
  return out;
}

}  // namespace kiosk::ui

#include "ui/cards.hpp"

#include <algorithm>

#include "ui/widgets.hpp"

namespace kiosk::ui {

float draw_photo(const Photo& p, ImVec2 pos, float h) {
  if (!p.texture || p.w <= 0 || p.h <= 0) return 0;
  const float w = h * static_cast<float>(p.w) / static_cast<float>(p.h);
  ImGui::GetWindowDrawList()->AddImage(p.texture, pos, ImVec2(pos.x + w, pos.y + h));
  return w;
}

bool card(FrameContext& f, const std::string& id, const std::string& line1, const std::string& line2, ImVec2 pos, ImVec2 size,
          bool selected, const Photo& photo) {
  const float pad = f.px(24);
  ImGui::SetCursorScreenPos(pos);
  const ImU32 bg = selected ? f.pal.primary : f.pal.surface, fg = selected ? f.pal.on_primary : f.pal.text;
  const bool tapped = button(f.items, ("##" + id).c_str(), "", size, ButtonLook{bg, fg, f.fonts.heading, false, f.pal.primary});
  const float inset = f.px(12);
  const float pw = draw_photo(photo, ImVec2(pos.x + inset, pos.y + inset), size.y - 2 * inset);
  const float left = pw > 0 ? inset + pw + pad : pad;
  const float wrap = size.x - left - pad;
  const float h = text_height(line1, f.fonts.heading, wrap) + (line2.empty() ? 0 : text_height(line2, f.fonts.body, wrap));
  ImGui::SetCursorScreenPos(ImVec2(pos.x + left, pos.y + std::max(f.px(8), (size.y - h) / 2)));
  text(f.items, line1, f.fonts.heading, fg, wrap);
  if (!line2.empty()) {
    ImGui::SetCursorScreenPos(ImVec2(pos.x + left, ImGui::GetCursorScreenPos().y));
    text(f.items, line2, f.fonts.body, selected ? f.pal.on_primary : f.pal.muted, wrap);
  }
  return tapped;
}

std::optional<size_t> card_grid(FrameContext& f, const char* id, size_t n, float x, float y, float width, float bottom,
                                const CardLabel& label, std::optional<size_t> selected, const std::function<Photo(size_t)>& photo,
                                float* end) {
  const Layout& l = f.layout;
  const size_t cols = l.portrait ? 1 : (n > 4 ? 3 : 2);
  const float gap = f.px(24);
  const float cw = (width - gap * static_cast<float>(cols - 1)) / static_cast<float>(cols);
  const size_t rows = (n + cols - 1) / cols;
  // Tall enough for the longest label at this text size (two lines of the largest text do not
  // fit the usual card), as tall as the room allows up to that.
  float needed = 0;
  for (size_t i = 0; i < n; ++i) {
    const auto [a, b] = label(i);
    const float wrap = cw - 2 * f.px(24);
    needed = std::max(needed, text_height(a, f.fonts.heading, wrap) + (b.empty() ? 0 : text_height(b, f.fonts.body, wrap)) + f.px(64));
  }
  const float low = std::max(f.px(l.large_text ? 120 : 96), needed);
  const float ch = std::clamp((bottom - y - gap * static_cast<float>(rows - 1)) / static_cast<float>(std::max<size_t>(rows, 1)),
                              low, std::max(low, f.px(150)));
  std::optional<size_t> tapped;
  for (size_t i = 0; i < n; ++i) {
    const auto [a, b] = label(i);
    const ImVec2 pos(x + static_cast<float>(i % cols) * (cw + gap), y + static_cast<float>(i / cols) * (ch + gap));
    if (card(f, std::string(id) + std::to_string(i), a, b, pos, ImVec2(cw, ch), selected && *selected == i, photo ? photo(i) : Photo{}))
      tapped = i;
  }
  if (end) *end = y + static_cast<float>(rows) * (ch + gap) - gap;
  return tapped;
}

}  // namespace kiosk::ui

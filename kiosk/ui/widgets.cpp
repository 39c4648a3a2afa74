#include "ui/widgets.hpp"

#include <cmath>

namespace kiosk::ui {

namespace {
// A finger moves a little during a tap; past this it is a drag.
constexpr float kTapSlop = 24.0f;
}  // namespace

bool button(VisibleItems& items, const char* id, const std::string& label, ImVec2 size, const ButtonLook& look,
            bool is_key) {
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  bool clicked = ImGui::InvisibleButton(id, size);
  const ImGuiIO& io = ImGui::GetIO();
  if (clicked && io.MouseDragMaxDistanceSqr[0] > kTapSlop * kTapSlop) clicked = false;
  const bool held = ImGui::IsItemActive() && io.MouseDragMaxDistanceSqr[0] <= kTapSlop * kTapSlop;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 end(pos.x + size.x, pos.y + size.y);
  ImU32 bg = look.bg;
  if (held) {
    // Darken while pressed so a first-time user sees the touch land.
    ImVec4 c = ImGui::ColorConvertU32ToFloat4(bg);
    bg = ImGui::ColorConvertFloat4ToU32(ImVec4(c.x * 0.8f, c.y * 0.8f, c.z * 0.8f, 1));
  }
  if (!is_key) items.add_readable(label);
  dl->AddRectFilled(pos, end, bg);
  if (look.border) dl->AddRect(pos, end, look.border, 0, 0, 2.0f);
  items.mark_if_reading(label, pos, end, true);
  const float pad = look.centered ? 4.0f : kButtonTextPad;
  const float wrap = size.x - 2 * pad;
  const ImVec2 ts = look.font->CalcTextSizeA(look.font->FontSize, FLT_MAX, wrap, label.c_str());
  ImVec2 tp(look.centered ? pos.x + (size.x - ts.x) * 0.5f : pos.x + pad, pos.y + (size.y - ts.y) * 0.5f);
  dl->AddText(look.font, look.font->FontSize, tp, look.fg, label.c_str(), nullptr, wrap);
  // A label taller than its button, or a word wider than it, spills over its neighbours.
  const bool overflow = ts.y > size.y + 1 || ts.x > size.x + 1;
  items.add(label, pos, end, is_key, overflow);
  return clicked;
}

void text(VisibleItems& items, const std::string& s, ImFont* font, ImU32 color, float wrap) {
  if (s.empty()) return;
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const ImVec2 size = font->CalcTextSizeA(font->FontSize, FLT_MAX, wrap, s.c_str());
  items.add_readable(s);
  items.mark_if_reading(s, pos, ImVec2(pos.x + size.x, pos.y + size.y));
  ImGui::GetWindowDrawList()->AddText(font, font->FontSize, pos, color, s.c_str(), nullptr, wrap);
  ImGui::Dummy(size);
  items.add(s, pos, ImVec2(pos.x + size.x, pos.y + size.y));
}

float text_height(const std::string& s, ImFont* font, float wrap) {
  return font->CalcTextSizeA(font->FontSize, FLT_MAX, wrap, s.c_str()).y;
}

float text_width(const std::string& s, ImFont* font) { return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, s.c_str()).x; }

void rich_text(VisibleItems& items, const std::string& s, const std::vector<std::pair<size_t, size_t>>& marks,
               ImFont* font, ImU32 fg, ImU32 mark_bg, float wrap) {
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float line_h = font->FontSize * 1.25f;
  const float space = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, " ").x;
  items.add_readable(s);
  if (s == items.reading)
    items.mark_if_reading(s, origin, ImVec2(origin.x + wrap, origin.y + text_height(s, font, wrap)));
  float x = 0, y = 0;
  size_t i = 0;
  while (i < s.size()) {
    size_t j = s.find(' ', i);
    if (j == std::string::npos) j = s.size();
    const char* b = s.c_str() + i;
    const char* e = s.c_str() + j;
    const float w = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, b, e).x;
    if (x > 0 && x + w > wrap) {
      x = 0;
      y += line_h;
    }
    const ImVec2 p(origin.x + x, origin.y + y);
    bool marked = false;
    for (const auto& [mb, me] : marks) marked = marked || (mb < j && me > i);
    if (marked) dl->AddRectFilled(ImVec2(p.x - 2, p.y), ImVec2(p.x + w + 2, p.y + line_h - 2), mark_bg);
    dl->AddText(font, font->FontSize, p, fg, b, e);
    x += w + space;
    i = j + 1;
  }
  const ImVec2 size(wrap, y + line_h);
  ImGui::Dummy(size);
  items.add(s, origin, ImVec2(origin.x + size.x, origin.y + size.y));
}

void TouchScroll::update() {
  const ImGuiIO& io = ImGui::GetIO();
  const float dt = io.DeltaTime > 0 ? io.DeltaTime : 1.0f / 60;
  const bool over = ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem |
                                           ImGuiHoveredFlags_ChildWindows);
  if (io.MouseDown[0] && (dragging_ || (over && io.MouseDragMaxDistanceSqr[0] > kTapSlop * kTapSlop))) {
    dragging_ = true;
    const float dy = io.MouseDelta.y;
    ImGui::SetScrollY(ImGui::GetScrollY() - dy);
    // Smooth the finger's speed so one jittery frame does not fling the list.
    velocity_ = 0.7f * velocity_ + 0.3f * (-dy / dt);
    return;
  }
  if (dragging_) {
    dragging_ = false;
    if (std::fabs(velocity_) < 50) velocity_ = 0;
  }
  if (velocity_ != 0) {
    ImGui::SetScrollY(ImGui::GetScrollY() + velocity_ * dt);
    velocity_ *= std::pow(0.05f, dt);  // loses 95% of its speed per second
    const float y = ImGui::GetScrollY();
    if (std::fabs(velocity_) < 20 || y <= 0 || y >= ImGui::GetScrollMaxY()) velocity_ = 0;
  }
}

void ScrollArea::begin(const char* id, ImVec2 size, const std::string& content_key) {
  ImGui::BeginChild(id, size, false, ImGuiWindowFlags_NoScrollWithMouse);
  if (content_key != key_) {
    key_ = content_key;
    ImGui::SetScrollY(0);
    touch_.reset();
  }
  touch_.update();
}

}  // namespace kiosk::ui

#include "ui/keypad.hpp"

#include <vector>

#include "ui/widgets.hpp"

namespace kiosk::ui {

using app::Text;

namespace {

std::vector<std::vector<std::string>> rows_of(KeypadKind kind) {
  std::vector<std::vector<std::string>> rows = {{"1", "2", "3", "4", "5", "6", "7", "8", "9", "0"}};
  if (kind == KeypadKind::DossierCode) {
    rows[0].push_back(".");
    rows[0].push_back("-");
    rows.push_back({"A", "B", "C", "D", "E", "G", "H", "K", "L", "M", "N", "P"});
  }
  return rows;
}

}  // namespace

float keypad_height(const FrameContext& f, KeypadKind kind, float key_h) {
  const float rows = static_cast<float>(rows_of(kind).size()) + 1;  // + delete/clear
  return rows * key_h + (rows - 1) * f.px(12);
}

bool keypad(FrameContext& f, KeypadKind kind, std::string& target, float top, float width, float key_h, size_t max_len) {
  const NotRead not_read(f.items);
  const float gap = f.px(12);
  const float x0 = (f.layout.size.x - width) / 2;
  const ButtonLook key{f.pal.key, f.pal.text, f.fonts.heading, true, f.pal.border};
  bool changed = false;
  float y = top;
  for (const auto& row : rows_of(kind)) {
    const float kw = (width - gap * static_cast<float>(row.size() - 1)) / static_cast<float>(row.size());
    for (size_t i = 0; i < row.size(); ++i) {
      ImGui::SetCursorScreenPos(ImVec2(x0 + static_cast<float>(i) * (kw + gap), y));
      if (button(f.items, ("##kp" + row[i]).c_str(), row[i], ImVec2(kw, key_h), key, true) && target.size() < max_len) {
        target += row[i];
        changed = true;
      }
    }
    y += key_h + gap;
  }
  const float half = (width - gap) / 2;
  ImGui::SetCursorScreenPos(ImVec2(x0, y));
  if (button(f.items, "##kp-del", std::string(icon::eraser) + "  " + f.tr(Text::Delete), ImVec2(half, key_h), key, true) &&
      !target.empty()) {
    target.pop_back();
    changed = true;
  }
  ImGui::SetCursorScreenPos(ImVec2(x0 + half + gap, y));
  if (button(f.items, "##kp-clear", f.tr(Text::Clear), ImVec2(half, key_h), key, true)) {
    target.clear();
    changed = true;
  }
  ImGui::SetCursorScreenPos(ImVec2(x0, y + key_h + gap));
  return changed;
}

}  // namespace kiosk::ui

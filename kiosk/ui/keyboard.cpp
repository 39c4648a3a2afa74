#include "ui/keyboard.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "ui/widgets.hpp"

namespace kiosk::ui {

using app::Text;

namespace {

const std::vector<std::vector<std::string>>& letter_rows() {
  static const std::vector<std::vector<std::string>> rows = {{"q", "w", "e", "r", "t", "y", "u", "i", "o", "p"},
                                                             {"a", "s", "d", "f", "g", "h", "j", "k", "l"},
                                                             {"z", "x", "c", "v", "b", "n", "m", "⌫"}};
  return rows;
}

const std::vector<std::vector<std::string>>& digit_rows() {
  static const std::vector<std::vector<std::string>> rows = {{"1", "2", "3", "4", "5", "6", "7", "8", "9", "0"},
                                                             {".", "-", "/"},
                                                             {"⌫"}};
  return rows;
}

void press(app::TelexComposer& c, const std::string& key) {
  if (key == "⌫")
    c.backspace();
  else if (key == "␣")
    c.key(" ");
  else
    c.key(key);
}

}  // namespace

void keyboard(FrameContext& f, float top, float height, app::TelexComposer& composer, bool& numeric) {
  const NotRead not_read(f.items);
  const Layout& l = f.layout;
  ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(0, top), ImVec2(l.size.x, top + height), f.pal.background);
  const auto& rows = numeric ? digit_rows() : letter_rows();
  const float gap = l.key_gap;
  // Ten keys across the width, never wider than a comfortable key.
  const float key_w = std::min(f.px(150), (l.size.x - 2 * l.margin) / 10.0f - gap);
  const float key_h = (height - 5 * gap) / 4.0f;
  const ButtonLook key{f.pal.key, f.pal.text, f.fonts.title, true, f.pal.border};
  const ButtonLook wide_key{f.pal.key, f.pal.text, f.fonts.body, true, f.pal.border};
  float y = top + gap;
  int n = 0;
  for (const auto& row : rows) {
    float row_w = 0;
    for (const auto& k : row) row_w += (k == "⌫" ? key_w * 1.6f : key_w) + gap;
    row_w -= gap;
    float x = (l.size.x - row_w) * 0.5f;
    for (const auto& k : row) {
      ImGui::SetCursorScreenPos(ImVec2(x, y));
      const bool wide = k == "⌫";
      const float w = wide ? key_w * 1.6f : key_w;
      const std::string label = wide ? std::string(icon::back) + " " + f.tr(Text::Delete) : k;
      if (button(f.items, ("##k" + std::to_string(n++)).c_str(), label, ImVec2(w, key_h), wide ? wide_key : key, !wide))
        press(composer, k);
      x += w + gap;
    }
    y += key_h + gap;
  }
  // Bottom row: digits/letters, marks on/off, space.
  const float fw = std::min(f.px(300), (l.size.x - 2 * l.margin) * 0.25f);
  const float space_w = l.size.x - 2 * l.margin - 2 * (fw + gap);
  float x = l.margin;
  const ButtonLook func{f.pal.surface, f.pal.text, f.fonts.body, true, f.pal.border};
  ImGui::SetCursorScreenPos(ImVec2(x, y));
  if (button(f.items, "##numpad", f.tr(numeric ? Text::Letters : Text::Numbers), ImVec2(fw, key_h), func)) numeric = !numeric;
  x += fw + gap;
  ImGui::SetCursorScreenPos(ImVec2(x, y));
  const bool telex = composer.telex();
  const ButtonLook marks{telex ? f.pal.primary : f.pal.surface, telex ? f.pal.on_primary : f.pal.text, f.fonts.body, true,
                         f.pal.border};
  if (button(f.items, "##telex", f.tr(telex ? Text::Telex : Text::NoTelex), ImVec2(fw, key_h), marks))
    composer.set_telex(!telex);
  x += fw + gap;
  ImGui::SetCursorScreenPos(ImVec2(x, y));
  if (button(f.items, "##space", f.tr(Text::Space), ImVec2(space_w, key_h), func)) press(composer, "␣");
  // The space bar also answers to "␣", the name scripted sessions type it by.
  f.items.add("␣", ImVec2(x, y), ImVec2(x + space_w, y + key_h), true);
}

}  // namespace kiosk::ui

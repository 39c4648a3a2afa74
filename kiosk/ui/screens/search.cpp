// The search screen: the query as typed, level and field filters, results as the citizen types,
// and the on-screen keyboard. Its tile opens it from the home screen.
#include <algorithm>
#include <array>

#include "model/actions.hpp"
#include "ui/chrome.hpp"
#include "ui/keyboard.hpp"
#include "ui/screens/screens.hpp"
#include "ui/widgets.hpp"

namespace kiosk::ui {

namespace {

using app::Text;

struct Level {
  const char* value;  // as the catalog writes it
  Text label;
};
constexpr std::array<Level, 4> kLevels = {{{"", Text::AllLevels},
                                           {"Cấp tỉnh", Text::LevelProvince},
                                           {"Cấp xã", Text::LevelCommune},
                                           {"Cấp bộ", Text::LevelMinistry}}};

class SearchScreen : public ScreenView {
 public:
  void draw(FrameContext& f) override {
    app::request_search(f.session, f.services);
    header(f);
    const Layout& l = f.layout;
    auto& slice = f.session.search();
    float y = l.content_top() + f.px(20);
    y = query_row(f, y);
    const float nav_h = l.nav_height(true);
    const float kb_h = slice.keyboard_hidden ? 0 : f.px(l.large_text ? 400 : 370);
    ImGui::SetCursorScreenPos(ImVec2(l.margin, y));
    results(f, l.size.y - nav_h - kb_h - y - f.px(10));
    if (!slice.keyboard_hidden) keyboard(f, l.size.y - nav_h - kb_h, kb_h, slice.composer, slice.numeric_keypad);
    // Hiding the keyboard gives the results the whole screen.
    nav_bar(f, [&](ImVec2 size) {
      const float bw = std::min(size.x, f.px(420));
      ImGui::SetCursorScreenPos(ImVec2(ImGui::GetCursorScreenPos().x + (size.x - bw) * 0.5f, ImGui::GetCursorScreenPos().y));
      const std::string label = std::string(icon::keyboard) + "  " + f.tr(slice.keyboard_hidden ? Text::ShowKeyboard : Text::HideKeyboard);
      if (button(f.items, "##kbtoggle", label, ImVec2(bw, size.y), ButtonLook{f.pal.surface, f.pal.primary, f.fonts.heading, true, f.pal.primary}))
        slice.keyboard_hidden = !slice.keyboard_hidden;
    });
    if (slice.field_picker) field_picker(f);
  }

  bool animating() const override { return results_.animating() || fields_.animating(); }

  std::optional<HomeTile> tile(const app::Services& s) const override {
    if (!s.content_ready()) return std::nullopt;
    return HomeTile{icon::search, Text::TileSearch, Text::TileSearchHint, [](app::Session& session) { session.go(app::Screen::Search); }};
  }

 private:
  // The query box and its clear button, then the filter chips: on one row when they leave the
  // box a good third of the width, else on a row of their own (portrait, larger text).
  float query_row(FrameContext& f, float y) {
    const Layout& l = f.layout;
    const FontSet& fs = f.fonts;
    auto& s = f.session;
    const float box_h = f.px(84), gap = f.px(12);
    const std::string clear_label = std::string(icon::eraser) + " " + f.tr(Text::Clear);
    const float clear_w = std::max(f.px(200), text_width(clear_label, fs.body) + f.px(32));
    const std::string& field = s.filters().field;
    const std::string field_label = field.empty() ? f.tr(Text::FieldChip) : field;
    const float field_w = std::min(std::max(text_width(field_label, fs.body) + f.px(48), f.px(220)), f.px(420));
    std::array<float, kLevels.size()> chip_w{};
    float chips = field_w;
    for (size_t i = 0; i < kLevels.size(); ++i) chips += (chip_w[i] = text_width(f.tr(kLevels[i].label), fs.body) + f.px(48)) + gap;
    const float beside = l.content_w() - clear_w - 3 * gap - chips;
    const bool one_row = !l.portrait && beside >= l.content_w() * 0.35f;
    const float box_w = one_row ? std::min(beside, l.content_w() * 0.52f) : l.content_w() - clear_w - gap;

    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(ImVec2(l.margin, y), ImVec2(l.margin + box_w, y + box_h), f.pal.surface);
    dl->AddRect(ImVec2(l.margin, y), ImVec2(l.margin + box_w, y + box_h), f.pal.primary, 0, 0, 3);
    // The query: shown, never edited in place, so a tap never selects text. Its end stays in
    // view when it is longer than the box.
    const float inner = box_w - f.px(40);
    if (s.query().empty()) {
      const std::string hint = std::string(icon::search) + "  " + f.tr(Text::SearchPlaceholder);
      ImFont* font = text_width(hint, fs.body) <= inner ? fs.body : fs.small;
      ImGui::SetCursorScreenPos(ImVec2(l.margin + f.px(20), y + (box_h - font->FontSize) * 0.5f));
      text(f.items, text_width(hint, font) <= inner ? hint : tail_that_fits(hint, font, inner), font, f.pal.muted, inner);
    } else {
      ImGui::SetCursorScreenPos(ImVec2(l.margin + f.px(20), y + (box_h - fs.heading->FontSize) * 0.5f));
      // Read aloud as typed, without the caret.
      f.items.add_readable(s.query());
      const NotRead caret(f.items);
      text(f.items, tail_that_fits(s.query() + "|", fs.heading, inner), fs.heading, f.pal.text, inner);
    }
    // The filters are controls, not what the screen says: "Nghe đọc" goes on to the results.
    const NotRead filters(f.items);
    float x = l.margin + box_w + gap;
    ImGui::SetCursorScreenPos(ImVec2(x, y));
    if (button(f.items, "##clear", clear_label, ImVec2(clear_w, box_h), ButtonLook{f.pal.key, f.pal.text, fs.body, true, f.pal.border}))
      s.composer().clear();
    if (one_row) {
      x += clear_w + 2 * gap;
    } else {
      x = l.margin;
      y += box_h + gap;
    }
    const float right = l.size.x - l.margin;
    auto place = [&](float w) {
      if (x + w > right + 1) {  // flows onto another row when the screen is narrow
        x = l.margin;
        y += box_h + gap;
      }
      ImGui::SetCursorScreenPos(ImVec2(x, y));
    };
    for (size_t i = 0; i < kLevels.size(); ++i) {
      const bool on = s.filters().level == kLevels[i].value;
      place(chip_w[i]);
      if (button(f.items, ("##lvl" + std::to_string(i)).c_str(), f.tr(kLevels[i].label), ImVec2(chip_w[i], box_h),
                 ButtonLook{on ? f.pal.primary : f.pal.surface, on ? f.pal.on_primary : f.pal.text, fs.body, true, f.pal.border}))
        s.filters().level = kLevels[i].value;
      x += chip_w[i] + gap;
    }
    place(field_w);
    const float cw = std::min(std::max(field_w, right - x), f.px(420));
    ImFont* ff = text_width(field_label, fs.body) + 2 * kButtonTextPad <= cw ? fs.body : fs.small;
    if (button(f.items, "##field", field_label, ImVec2(cw, box_h),
               ButtonLook{field.empty() ? f.pal.surface : f.pal.primary, field.empty() ? f.pal.text : f.pal.on_primary, ff, false,
                          f.pal.border}))
      s.search().field_picker = true;
    return y + box_h + f.px(14);
  }

  // The end of a long query: what the citizen is typing now must stay in view.
  static std::string tail_that_fits(const std::string& s, ImFont* font, float width) {
    if (text_width(s, font) <= width) return s;
    size_t start = 0;
    while (start < s.size() && text_width("…" + s.substr(start), font) > width) {
      ++start;
      while (start < s.size() && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) ++start;
    }
    return "…" + s.substr(start);
  }

  void results(FrameContext& f, float height) {
    const Layout& l = f.layout;
    const FontSet& fs = f.fonts;
    const auto& s = f.session;
    const float w = l.content_w();
    results_.begin("results", ImVec2(w, height),
                   s.query() + "\x1f" + s.filters().level + "\x1f" + s.filters().field + "\x1f" + std::to_string(s.generation()));
    const auto& hits = s.results();
    const bool stale = !s.results_current();
    if (hits.empty()) {
      const Text msg = !f.services.search || s.search().failed ? Text::SearchError : stale ? Text::Searching : Text::NoResults;
      text(f.items, f.tr(msg), fs.heading, f.pal.muted, w);
    }
    if (s.query().empty() && !hits.empty()) text(f.items, f.tr(Text::Popular), fs.heading, f.pal.text, w);
    const float pad = f.px(20);
    const float card_w = w - ImGui::GetStyle().ScrollbarSize - 6;  // clear of the scroll bar
    for (size_t i = 0; i < hits.size(); ++i) {
      const auto& h = hits[i];
      const std::string sub = h.field + (h.agencies.empty() ? "" : "  ·  " + h.agencies);
      const float th = text_height(h.name, fs.heading, card_w - 2 * pad) + fs.heading->FontSize * 0.25f;
      const float sh = text_height(sub, fs.small, card_w - 2 * pad);
      const float card_h = th + sh + 3 * pad;
      const ImVec2 pos = ImGui::GetCursorScreenPos();
      // The card is one big touch target; its texts are drawn over it.
      if (button(f.items, ("##hit" + std::to_string(i)).c_str(), "", ImVec2(card_w, card_h),
                 ButtonLook{f.pal.surface, f.pal.text, fs.body, false, f.pal.border}))
        f.session.open_procedure(h.code);
      const ImVec2 after = ImGui::GetCursorScreenPos();
      ImGui::SetCursorScreenPos(ImVec2(pos.x + pad, pos.y + pad));
      rich_text(f.items, h.name, h.highlights, fs.heading, f.pal.text, f.pal.highlight, card_w - 2 * pad);
      ImGui::SetCursorScreenPos(ImVec2(pos.x + pad, ImGui::GetCursorScreenPos().y - f.px(6)));
      text(f.items, sub, fs.small, f.pal.muted, card_w - 2 * pad);
      ImGui::SetCursorScreenPos(after);
    }
    results_.end();
  }

  // Choosing a field (lĩnh vực), over the whole screen.
  void field_picker(FrameContext& f) {
    const Layout& l = f.layout;
    const FontSet& fs = f.fonts;
    auto& s = f.session;
    if (f.services.catalog && field_names_for_ != f.services.pack_dir.string()) {
      field_names_ = f.services.catalog->fields();
      field_names_for_ = f.services.pack_dir.string();
    }
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(l.size);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImGui::ColorConvertU32ToFloat4(f.pal.background));
    ImGui::Begin("fields", nullptr, kOverlayWindow);
    ImGui::PopStyleColor();
    const float w = l.content_w();
    ImGui::SetCursorScreenPos(ImVec2(l.margin, f.px(32)));
    text(f.items, f.tr(Text::ChooseField), fs.title, f.pal.text, w);
    const float top = ImGui::GetCursorScreenPos().y + f.px(12);
    const float bottom_h = f.px(130);
    ImGui::SetCursorScreenPos(ImVec2(l.margin, top));
    fields_.begin("fieldlist", ImVec2(w, l.size.y - top - bottom_h), std::to_string(s.generation()));
    const float gap = f.px(16);
    const size_t cols = l.portrait && l.large_text ? 1 : 2;
    const float cw = (w - gap * static_cast<float>(cols - 1) - ImGui::GetStyle().ScrollbarSize - 6) / static_cast<float>(cols);
    std::vector<std::string> options = {""};
    options.insert(options.end(), field_names_.begin(), field_names_.end());
    float y = 0;
    for (size_t i = 0; i < options.size(); i += cols) {
      float row_h = f.px(90);
      for (size_t c = 0; c < cols && i + c < options.size(); ++c) {
        const std::string label = options[i + c].empty() ? f.tr(Text::AllFields) : options[i + c];
        row_h = std::max(row_h, text_height(label, fs.body, cw - 2 * kButtonTextPad) + f.px(24));
      }
      for (size_t c = 0; c < cols && i + c < options.size(); ++c) {
        const auto& value = options[i + c];
        const bool on = s.filters().field == value;
        ImGui::SetCursorPos(ImVec2(static_cast<float>(c) * (cw + gap), y));
        const std::string label = value.empty() ? f.tr(Text::AllFields) : value;
        if (button(f.items, ("##f" + std::to_string(i + c)).c_str(), label, ImVec2(cw, row_h),
                   ButtonLook{on ? f.pal.primary : f.pal.surface, on ? f.pal.on_primary : f.pal.text, fs.body, false, f.pal.border})) {
          s.filters().field = value;
          s.search().field_picker = false;
        }
      }
      y += row_h + gap;
    }
    fields_.end();
    ImGui::SetCursorScreenPos(ImVec2(l.margin, l.size.y - bottom_h + f.px(20)));
    if (button(f.items, "##fclose", std::string(icon::back) + "  " + f.tr(Text::Back), ImVec2(l.nav_button_w, f.px(90)),
               ButtonLook{f.pal.primary, f.pal.on_primary, fs.heading, true}))
      s.search().field_picker = false;
    ImGui::End();
  }

  ScrollArea results_, fields_;
  std::vector<std::string> field_names_;  // the pack's fields, most used first
  std::string field_names_for_;
};

}  // namespace

std::unique_ptr<ScreenView> make_search_screen() { return std::make_unique<SearchScreen>(); }

}  // namespace kiosk::ui

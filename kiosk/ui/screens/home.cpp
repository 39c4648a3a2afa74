// The home screen: one big tile per capability the kiosk offers (from the enabled screens), and
// the most requested procedures.
#include <algorithm>
#include <cmath>

#include "ui/screens/screens.hpp"
#include "ui/chrome.hpp"
#include "ui/widgets.hpp"

namespace kiosk::ui {

namespace {

using app::Text;

class HomeScreen : public ScreenView {
 public:
  void draw(FrameContext& f) override {
    header(f);
    const Layout& l = f.layout;
    const FontSet& fs = f.fonts;
    const float w = l.content_w();
    float y = l.content_top() + f.px(l.portrait ? 32 : 48);
    if (!f.services.content_ready()) {
      // Search needs the pack; whatever else the kiosk offers still works.
      // No pack yet, or the installed one damaged (and no intact previous one).
      const Text why = f.services.content_problems.empty() ? Text::CatalogError : Text::SearchUnavailable;
      const std::string msg = std::string(icon::warning) + "  " + f.tr(why);
      const float h = text_height(msg, fs.heading, w - f.px(48)) + f.px(60);
      ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(l.margin, y), ImVec2(l.margin + w, y + h), f.pal.accent);
      ImGui::SetCursorScreenPos(ImVec2(l.margin + f.px(24), y + f.px(30)));
      text(f.items, msg, fs.heading, f.pal.on_primary, w - f.px(48));
      y += h + f.px(32);
    }
    y = tiles(f, y);
    popular(f, y);
  }

 private:
  // Tiles in a grid: up to three across in landscape, one or two in portrait.
  float tiles(FrameContext& f, float y) {
    const Layout& l = f.layout;
    const size_t n = f.tiles.size();
    if (n == 0) return y;
    const size_t cols = l.portrait ? (n <= 2 ? 1 : 2) : std::min<size_t>(n, 3);
    const size_t rows = (n + cols - 1) / cols;
    const float gap = f.px(32);
    const float tw = (l.content_w() - gap * static_cast<float>(cols - 1)) / static_cast<float>(cols);
    const float th = rows > 1 && !l.portrait ? f.px(200) : l.tile_h;
    for (size_t i = 0; i < n; ++i) {
      const float x = l.margin + static_cast<float>(i % cols) * (tw + gap);
      const float ty = y + static_cast<float>(i / cols) * (th + gap);
      draw_tile(f, f.tiles[i], ImVec2(x, ty), ImVec2(tw, th), i);
    }
    return y + static_cast<float>(rows) * (th + gap) + f.px(16);
  }

  // The title large, the hint under it; both shrink a size when the tile is too small for them.
  void draw_tile(FrameContext& f, const HomeTile& t, ImVec2 pos, ImVec2 size, size_t i) {
    const FontSet& fs = f.fonts;
    const float pad = f.px(28);
    const float wrap = size.x - 2 * pad;
    const std::string title = std::string(t.icon) + "  " + f.tr(t.title);
    const std::string hint = f.tr(t.hint);
    ImFont* tf = fs.title;
    ImFont* hf = fs.body;
    if (text_height(title, tf, wrap) + text_height(hint, hf, wrap) + f.px(12) > size.y - 2 * pad) {
      tf = fs.heading;
      hf = fs.small;
    }
    ImGui::SetCursorScreenPos(pos);
    if (button(f.items, ("##tile" + std::to_string(i)).c_str(), "", size, ButtonLook{f.pal.primary, f.pal.on_primary, tf}))
      t.open(f.session);
    const float th = text_height(title, tf, wrap) + f.px(12) + text_height(hint, hf, wrap);
    ImGui::SetCursorScreenPos(ImVec2(pos.x + pad, pos.y + std::max(pad * 0.5f, (size.y - th) * 0.5f)));
    text(f.items, title, tf, f.pal.on_primary, wrap);
    ImGui::SetCursorScreenPos(ImVec2(pos.x + pad, ImGui::GetCursorScreenPos().y - f.px(4)));
    text(f.items, hint, hf, f.pal.on_primary, wrap);
  }

  // As many of the most requested procedures as fit: two columns in landscape, one in portrait.
  void popular(FrameContext& f, float y) {
    if (!f.services.catalog) return;
    const Layout& l = f.layout;
    const FontSet& fs = f.fonts;
    const std::string pack = f.services.pack_dir.string();
    if (pack != loaded_for_) {
      popular_ = f.services.catalog->most_popular(12);  // as many as the screen has room for
      loaded_for_ = pack;
    }
    ImGui::SetCursorScreenPos(ImVec2(l.margin, y));
    text(f.items, f.tr(Text::Popular), fs.heading, f.pal.text, l.content_w());
    y = ImGui::GetCursorScreenPos().y;
    const size_t cols = l.portrait ? 1 : 2;
    const float gap = f.px(20);
    const float cw = (l.content_w() - gap * static_cast<float>(cols - 1)) / static_cast<float>(cols);
    const float pad = kButtonTextPad;
    const ButtonLook card{f.pal.surface, f.pal.text, fs.body, false, f.pal.border};
    for (size_t i = 0; i < popular_.size(); i += cols) {
      float row_h = f.px(120);
      for (size_t c = 0; c < cols && i + c < popular_.size(); ++c)
        row_h = std::max(row_h, text_height(popular_[i + c].name, fs.body, cw - 2 * pad) + 2 * pad);
      if (y + row_h > l.size.y - f.px(20)) break;
      for (size_t c = 0; c < cols && i + c < popular_.size(); ++c) {
        ImGui::SetCursorScreenPos(ImVec2(l.margin + static_cast<float>(c) * (cw + gap), y));
        if (button(f.items, ("##pop" + std::to_string(i + c)).c_str(), popular_[i + c].name, ImVec2(cw, row_h), card))
          f.session.open_procedure(popular_[i + c].code);
      }
      y += row_h + gap;
    }
  }

  std::vector<content::ProcedureSummary> popular_;  // the pack's, not a citizen's
  std::string loaded_for_;
};

}  // namespace

std::unique_ptr<ScreenView> make_home_screen() { return std::make_unique<HomeScreen>(); }

}  // namespace kiosk::ui

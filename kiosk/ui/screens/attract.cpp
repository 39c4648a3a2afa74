// The attract screen: the center's name, the fleet's announcement if any, and "touch to start",
// in Vietnamese and English.
#include <algorithm>

#include "ui/screens/screens.hpp"
#include "ui/widgets.hpp"

namespace kiosk::ui {

namespace {

using app::Language;
using app::Text;

class AttractScreen : public ScreenView {
  // The fleet's announcement (kioskctl fleet config): dark on yellow, between the center's name
  // and "touch to start", so whoever walks past reads it before touching.
  // Returns where it ends (0 when there is none).
  static float announcement(FrameContext& f, const FontSet& fs, float w) {
    const std::string& said = f.services.announcement;
    if (said.empty()) return 0;
    const Layout& l = f.layout;
    const std::string line = std::string(icon::warning) + "  " + said;
    const float pad = f.px(24);
    const float wrap = w - 2 * pad;
    const ImVec2 ts = fs.heading->CalcTextSizeA(fs.heading->FontSize, FLT_MAX, wrap, line.c_str());
    const float top = std::max(ImGui::GetCursorScreenPos().y + f.px(28), l.size.y * 0.43f);
    const ImVec2 p0((l.size.x - w) * 0.5f, top);
    const ImVec2 p1(p0.x + w, top + ts.y + 2 * pad);
    ImGui::GetWindowDrawList()->AddRectFilled(p0, p1, f.pal.highlight, f.px(12));
    const float tx = std::max(p0.x + pad, (l.size.x - ts.x) * 0.5f);
    ImGui::SetCursorScreenPos(ImVec2(tx, top + pad));
    text(f.items, line, fs.heading, f.pal.text, wrap);
    return p1.y;
  }

 public:
  void draw(FrameContext& f) override {
    const Layout& l = f.layout;
    const FontSet& fs = f.all_fonts.large;  // for whoever walks up, large
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(0, 0), l.size, f.pal.primary);
    const float w = l.size.x * 0.85f;
    auto centered = [&](const std::string& s, ImFont* font, float y) {
      const float tw = std::min(w, font->CalcTextSizeA(font->FontSize, FLT_MAX, w, s.c_str()).x);
      ImGui::SetCursorScreenPos(ImVec2((l.size.x - tw) * 0.5f, y));
      text(f.items, s, font, f.pal.on_primary, w);
    };
    if (f.textures.logo && f.textures.logo_h > 0) {
      const float lh = f.px(200);
      const float lw = lh * static_cast<float>(f.textures.logo_w) / static_cast<float>(f.textures.logo_h);
      const ImVec2 p((l.size.x - lw) * 0.5f, l.size.y * 0.08f);
      ImGui::GetWindowDrawList()->AddImage(f.textures.logo, p, ImVec2(p.x + lw, p.y + lh));
    }
    centered(f.center.value("name", app::tr(Language::Vi, Text::AppTitle)), fs.title, l.size.y * 0.30f);
    centered(app::tr(Language::Vi, Text::AppTitle), fs.heading, ImGui::GetCursorScreenPos().y + f.px(24));
    const float below = announcement(f, fs, w);
    centered(std::string(icon::hand) + "  " + app::tr(Language::Vi, Text::TouchToStart), fs.title,
             std::max(l.size.y * 0.60f, below + f.px(36)));
    centered(app::tr(Language::En, Text::TouchToStart), fs.heading, ImGui::GetCursorScreenPos().y + f.px(12));
  }
};

}  // namespace

std::unique_ptr<ScreenView> make_attract_screen() { return std::make_unique<AttractScreen>(); }

}  // namespace kiosk::ui

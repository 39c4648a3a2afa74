// The attract screen: the center's name and "touch to start", in Vietnamese and English.
#include <algorithm>

#include "ui/screens/screens.hpp"
#include "ui/widgets.hpp"

namespace kiosk::ui {

namespace {

using app::Language;
using app::Text;

class AttractScreen : public ScreenView {
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
    centered(std::string(icon::hand) + "  " + app::tr(Language::Vi, Text::TouchToStart), fs.title, l.size.y * 0.60f);
    centered(app::tr(Language::En, Text::TouchToStart), fs.heading, ImGui::GetCursorScreenPos().y + f.px(12));
  }
};

}  // namespace

std::unique_ptr<ScreenView> make_attract_screen() { return std::make_unique<AttractScreen>(); }

}  // namespace kiosk::ui

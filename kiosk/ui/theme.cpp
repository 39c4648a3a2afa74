#include "ui/theme.hpp"

#include <algorithm>
#include <imgui_freetype.h>

#include <cmath>
#include <filesystem>
#include <optional>

namespace kiosk::ui {

namespace {

constexpr const char* kTextFont = "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf";
constexpr const char* kBoldFont = "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf";
constexpr const char* kIconFont = "/usr/share/fonts/truetype/font-awesome/fontawesome-webfont.ttf";

std::optional<ImU32> parse_hex(const std::string& s) {
  if (s.size() != 7 || s[0] != '#') return std::nullopt;
  unsigned v = 0;
  for (size_t i = 1; i < 7; ++i) {
    char c = s[i];
    v <<= 4;
    if (c >= '0' && c <= '9') v |= static_cast<unsigned>(c - '0');
    else if (c >= 'a' && c <= 'f') v |= static_cast<unsigned>(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F') v |= static_cast<unsigned>(c - 'A' + 10);
    else return std::nullopt;
  }
  return IM_COL32((v >> 16) & 0xFF, (v >> 8) & 0xFF, v & 0xFF, 255);
}

double luminance(ImU32 c) {
  auto ch = [](unsigned v) {
    double x = v / 255.0;
    return x <= 0.03928 ? x / 12.92 : std::pow((x + 0.055) / 1.055, 2.4);
  };
  return 0.2126 * ch(c & 0xFF) + 0.7152 * ch((c >> 8) & 0xFF) + 0.0722 * ch((c >> 16) & 0xFF);
}

// WCAG contrast of white text on this colour.
double contrast_with_white(ImU32 c) { return 1.05 / (luminance(c) + 0.05); }

const ImWchar* glyph_ranges() {
  static ImVector<ImWchar> ranges = [] {
    ImFontGlyphRangesBuilder b;
    b.AddRanges(ImGui::GetIO().Fonts->GetGlyphRangesVietnamese());
    static const ImWchar extra[] = {0x0020, 0x00FF, 0x2010, 0x205E, 0x20AB, 0x20AB, 0x2190, 0x2193, 0};
    b.AddRanges(extra);
    ImVector<ImWchar> out;
    b.BuildRanges(&out);
    return out;
  }();
  return ranges.Data;
}

ImFont* add_font(const char* file, float px) {
  ImGuiIO& io = ImGui::GetIO();
  ImFontConfig cfg;
  cfg.OversampleH = 1;  // FreeType hints; oversampling only costs atlas memory
  ImFont* f = io.Fonts->AddFontFromFileTTF(file, px, &cfg, glyph_ranges());
  if (!f) throw FontError(std::string("cannot load font ") + file + " (install fonts-noto-core)");
  if (std::filesystem::exists(kIconFont)) {
    // Only the icons the screens use: the whole icon font would double the atlas.
    static const ImWchar icons[] = {0xF01E, 0xF01E, 0xF027, 0xF028, 0xF042, 0xF042, 0xF04B, 0xF04D, 0xF002, 0xF002, 0xF00C, 0xF00C, 0xF015, 0xF015, 0xF029, 0xF029, 0xF02F, 0xF02F,
                                    0xF063, 0xF063, 0xF071, 0xF071, 0xF077, 0xF078, 0xF017, 0xF017, 0xF031, 0xF031, 0xF041, 0xF041,
                                    0xF060, 0xF060, 0xF0AC, 0xF0AC, 0xF0D6, 0xF0D6, 0xF0F6, 0xF0F6, 0xF10B, 0xF10B, 0xF118, 0xF118, 0xF11C, 0xF11C,
                                    0xF12D, 0xF12D, 0xF19C, 0xF19C, 0xF25A, 0xF25A, 0};
    ImFontConfig merge;
    merge.MergeMode = true;
    merge.GlyphMinAdvanceX = px;
    io.Fonts->AddFontFromFileTTF(kIconFont, px * 0.9f, &merge, icons);
  }
  return f;
}

FontSet load_set(float px_scale) {
  FontSet s;
  s.small = add_font(kTextFont, 24 * px_scale);
  s.body = add_font(kTextFont, 28 * px_scale);
  s.heading = add_font(kBoldFont, 34 * px_scale);
  s.title = add_font(kBoldFont, 46 * px_scale);
  return s;
}

}  // namespace

Palette palette_from(const nlohmann::json& center) {
  Palette p;
  if (!center.is_object() || !center.contains("colors") || !center["colors"].is_object()) return p;
  const auto& c = center["colors"];
  auto pick = [&](const char* key, ImU32& slot, bool needs_white_text) {
    if (!c.contains(key) || !c[key].is_string()) return;
    auto v = parse_hex(c[key].get<std::string>());
    if (v && (!needs_white_text || contrast_with_white(*v) >= 4.5)) slot = *v;
  };
  pick("primary", p.primary, true);
  pick("accent", p.accent, true);
  pick("background", p.background, false);
  if (luminance(p.background) < 0.7) p.background = Palette{}.background;  // dark text must stay readable
  return p;
}

Palette high_contrast_palette() {
  Palette p;
  p.primary = IM_COL32(0xFF, 0xE6, 0x00, 255);  // yellow: header, buttons
  p.accent = IM_COL32(0xFF, 0xE6, 0x00, 255);
  p.background = IM_COL32(0x00, 0x00, 0x00, 255);
  p.surface = IM_COL32(0x00, 0x00, 0x00, 255);
  p.text = IM_COL32(0xFF, 0xFF, 0xFF, 255);
  p.muted = IM_COL32(0xFF, 0xFF, 0xFF, 255);
  p.on_primary = IM_COL32(0x00, 0x00, 0x00, 255);
  p.highlight = IM_COL32(0x00, 0x3C, 0xA0, 255);  // white text on it 9:1; matched words and what is read
  p.border = IM_COL32(0xFF, 0xFF, 0xFF, 255);
  p.key = IM_COL32(0x00, 0x00, 0x00, 255);
  p.pressed = IM_COL32(0x40, 0x40, 0x40, 255);
  return p;
}

Fonts load_fonts(float scale, bool largest) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  io.Fonts->FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
  Fonts f;
  f.normal = load_set(scale);
  f.large = load_set(scale * 1.3f);
  f.largest = largest ? load_set(scale * 1.6f) : f.large;
  {
    static const ImWchar number_glyphs[] = {0x0020, 0x0020, 0x002D, 0x002D, 0x0030, 0x0039, 0x0041, 0x005A, 0};
    ImFontConfig cfg;
    cfg.OversampleH = 1;
    // Never above 280 px: imgui_freetype 1.86 blits a glyph into a fixed 256 KB RGBA chunk and
    // writes past it for a bigger one (ocornut/imgui#5731; a 4K screen at 480 px crashed).
    f.number = io.Fonts->AddFontFromFileTTF(kBoldFont, std::min(240 * scale, 280.0f), &cfg, number_glyphs);
    if (!f.number) throw FontError(std::string("cannot load font ") + kBoldFont + " (install fonts-noto-core)");
  }
  if (!io.Fonts->Build()) throw FontError("cannot build the font atlas");
  return f;
}

void apply_style(const Palette& p) {
  ImGuiStyle& s = ImGui::GetStyle();
  // Rounded corners cost the software renderer several times the vertices.
  s.WindowRounding = s.FrameRounding = s.ChildRounding = s.PopupRounding = s.ScrollbarRounding = s.GrabRounding = 0;
  s.WindowBorderSize = s.ChildBorderSize = s.FrameBorderSize = s.PopupBorderSize = 0;
  s.WindowPadding = ImVec2(0, 0);
  s.ItemSpacing = ImVec2(16, 16);
  s.ScrollbarSize = 24;
  s.AntiAliasedLines = s.AntiAliasedFill = false;
  ImVec4* col = s.Colors;
  col[ImGuiCol_WindowBg] = ImGui::ColorConvertU32ToFloat4(p.background);
  col[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
  col[ImGuiCol_Text] = ImGui::ColorConvertU32ToFloat4(p.text);
  col[ImGuiCol_ScrollbarBg] = ImGui::ColorConvertU32ToFloat4(p.key);
  col[ImGuiCol_ScrollbarGrab] = ImGui::ColorConvertU32ToFloat4(p.border);
  col[ImGuiCol_ScrollbarGrabHovered] = col[ImGuiCol_ScrollbarGrab];
  col[ImGuiCol_ScrollbarGrabActive] = ImGui::ColorConvertU32ToFloat4(p.primary);
  col[ImGuiCol_ModalWindowDimBg] = ImVec4(0, 0, 0, 0.55f);
}

}  // namespace kiosk::ui

// The kiosk's look: a flat, high-contrast public-service theme drawn cheaply by the software
// renderer (no rounded corners, few vertices), and fonts loaded at their real pixel sizes.
#pragma once
#include <imgui.h>

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

namespace kiosk::ui {

struct Palette {
  ImU32 primary = IM_COL32(0x0B, 0x4F, 0x8A, 255);     // header, primary buttons (white text 8.6:1)
  ImU32 accent = IM_COL32(0xB0, 0x0E, 0x28, 255);      // warnings (white text 7:1)
  ImU32 background = IM_COL32(0xF5, 0xF7, 0xFA, 255);
  ImU32 surface = IM_COL32(0xFF, 0xFF, 0xFF, 255);
  ImU32 text = IM_COL32(0x1A, 0x1A, 0x1A, 255);        // 16:1 on background
  ImU32 muted = IM_COL32(0x45, 0x4F, 0x5A, 255);       // 7.9:1 on white
  ImU32 on_primary = IM_COL32(0xFF, 0xFF, 0xFF, 255);
  ImU32 highlight = IM_COL32(0xFF, 0xE0, 0x82, 255);   // matched words, dark text on it 13:1
  ImU32 border = IM_COL32(0x9A, 0xA5, 0xB1, 255);
  ImU32 key = IM_COL32(0xE3, 0xE8, 0xEE, 255);         // keyboard keys, dark text 14:1
  ImU32 pressed = IM_COL32(0xC5, 0xD3, 0xE3, 255);
};

// Colours from the pack's center identity ("#RRGGBB"); a colour too light for white text is ignored.
Palette palette_from(const nlohmann::json& center);

// The high-contrast colours (one touch in the header): white and yellow on black, whatever the
// center's identity. Black text on yellow 19:1, white on black 21:1.
Palette high_contrast_palette();

struct FontSet {
  ImFont* small = nullptr;    // 24 px at 1080p: the smallest text shown
  ImFont* body = nullptr;     // 28 px
  ImFont* heading = nullptr;  // 34 px
  ImFont* title = nullptr;    // 46 px
};

struct Fonts {
  FontSet normal;
  FontSet large;    // the "Chữ to" button: 1.3 ×
  FontSet largest;  // pressed again: 1.6 ×
  // A queue number seen from a few steps away: digits, capitals and '-' only, 240 px at 1080p,
  // 280 at most (the rest of the font would cost the atlas tens of MB at this size).
  ImFont* number = nullptr;
  const FontSet& at(int text_size) const { return text_size >= 2 ? largest : text_size == 1 ? large : normal; }
};

struct FontError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Noto Sans (Vietnamese, ₫, typographic punctuation) with Font Awesome icons merged in,
// rasterised by FreeType at `scale` × the 1080p sizes.
// `largest`: the citizen's "Chữ to hơn" set (the hall display has no use for it: at 4K it is
// tens of MB of atlas).
Fonts load_fonts(float scale, bool largest = true);
void apply_style(const Palette& p);

// Font Awesome 4.7 code points used as icons.
namespace icon {
inline constexpr const char* home = "\xef\x80\x95";        // f015
inline constexpr const char* back = "\xef\x81\xa0";        // f060
inline constexpr const char* search = "\xef\x80\x82";      // f002
inline constexpr const char* text_size = "\xef\x80\xb1";   // f031
inline constexpr const char* globe = "\xef\x82\xac";       // f0ac
inline constexpr const char* file = "\xef\x83\xb6";        // f0f6
inline constexpr const char* clock = "\xef\x80\x97";       // f017
inline constexpr const char* money = "\xef\x83\x96";       // f0d6
inline constexpr const char* marker = "\xef\x81\x81";      // f041
inline constexpr const char* hand = "\xef\x89\x9a";        // f25a
inline constexpr const char* eraser = "\xef\x84\xad";      // f12d
inline constexpr const char* university = "\xef\x86\x9c";  // f19c
inline constexpr const char* print = "\xef\x80\xaf";       // f02f
inline constexpr const char* qrcode = "\xef\x80\xa9";      // f029
inline constexpr const char* warning = "\xef\x81\xb1";     // f071
inline constexpr const char* check = "\xef\x80\x8c";       // f00c
inline constexpr const char* arrow_down = "\xef\x81\xa3";  // f063
inline constexpr const char* chevron_up = "\xef\x81\xb7";    // f077
inline constexpr const char* chevron_down = "\xef\x81\xb8";  // f078
inline constexpr const char* keyboard = "\xef\x84\x9c";    // f11c
inline constexpr const char* mobile = "\xef\x84\x8b";      // f10b
inline constexpr const char* smile = "\xef\x84\x98";       // f118
inline constexpr const char* volume_up = "\xef\x80\xa8";    // f028
inline constexpr const char* volume_down = "\xef\x80\xa7";  // f027
inline constexpr const char* play = "\xef\x81\x8b";         // f04b
inline constexpr const char* pause = "\xef\x81\x8c";        // f04c
inline constexpr const char* stop = "\xef\x81\x8d";         // f04d
inline constexpr const char* repeat = "\xef\x80\x9e";       // f01e
inline constexpr const char* contrast = "\xef\x81\x82";     // f042
}  // namespace icon

}  // namespace kiosk::ui

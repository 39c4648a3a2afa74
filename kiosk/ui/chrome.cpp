#include "ui/chrome.hpp"

#include <algorithm>
#include <ctime>
#include <functional>
#include <string>
#include <vector>

#include "ui/print_panel.hpp"
#include "ui/reading_bar.hpp"
#include "ui/widgets.hpp"

namespace kiosk::ui {

using app::Text;

namespace {

std::string date_time_text(app::Language lang) {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%02d:%02d  %s, %02d/%02d/%04d", tm.tm_hour, tm.tm_min, app::weekday_name(lang, tm.tm_wday),
                tm.tm_mday, tm.tm_mon + 1, tm.tm_year + 1900);
  return buf;
}

// The center's name in the room left, dropping to a smaller font when it is long.
void center_name(FrameContext& f, float x, float top, float h, float room) {
  const FontSet& fs = f.all_fonts.at(std::min(f.session.text_size(), 1));
  if (f.textures.logo && f.textures.logo_h > 0) {
    const float lh = std::min(f.px(88), h - f.px(16));
    const float lw = lh * static_cast<float>(f.textures.logo_w) / static_cast<float>(f.textures.logo_h);
    ImGui::GetWindowDrawList()->AddImage(f.textures.logo, ImVec2(x, top + (h - lh) * 0.5f), ImVec2(x + lw, top + (h + lh) * 0.5f));
    x += lw + f.px(20);
    room -= lw + f.px(20);
  }
  const std::string name = f.center.value("name", f.tr(Text::AppTitle));
  // The largest font that keeps it on one line; the smallest, wrapped, when none does.
  ImFont* font = fs.body;
  for (ImFont* candidate : {fs.title, fs.heading, fs.body}) {
    font = candidate;
    if (text_width(name, candidate) <= room) break;
  }
  const float name_h = text_height(name, font, room);
  ImGui::SetCursorScreenPos(ImVec2(x, top + std::max(f.px(4), (h - name_h) * 0.5f)));
  text(f.items, name, font, f.pal.on_primary, room);
}

}  // namespace

void header(FrameContext& f) {
  const NotRead not_read(f.items);
  const Layout& l = f.layout;
  auto& prefs = f.session.prefs();
  // The controls stop growing at "large": at the largest size they would crowd out the center's name.
  const FontSet& fs = f.all_fonts.at(std::min(prefs.text_size, 1));
  ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(0, 0), ImVec2(l.size.x, l.header_h), f.pal.primary);
  // The controls' row: the whole band in landscape, its lower part in portrait.
  const float row_h = l.portrait ? l.header_h * 0.45f : l.header_h;
  const float row_top = l.header_h - row_h;
  const float bh = std::min(l.button_h, row_h - f.px(16));
  struct Control {
    const char* id;
    std::string label;
    std::function<void()> act;
  };
  static constexpr Text kNextSize[] = {Text::LargeText, Text::LargestText, Text::NormalText};
  std::vector<Control> controls;
  if (f.services.speaker)
    controls.push_back({"##listen", std::string(icon::volume_up) + " " + f.tr(Text::Listen), [&] { f.requests.listen = true; }});
  controls.push_back({"##size", std::string(icon::text_size) + " " + f.tr(kNextSize[std::clamp(prefs.text_size, 0, 2)]),
                      [&] { prefs.text_size = (prefs.text_size + 1) % 3; }});
  controls.push_back({"##contrast", std::string(icon::contrast) + " " + f.tr(prefs.high_contrast ? Text::NormalColours : Text::HighContrast),
                      [&] { prefs.high_contrast = !prefs.high_contrast; }});
  controls.push_back({"##lang", f.tr(Text::OtherLanguage), [&] {
                        prefs.language = prefs.language == app::Language::Vi ? app::Language::En : app::Language::Vi;
                      }});
  // Buttons as wide as their words, never narrower than a finger needs.
  auto width_of = [&](const std::string& label) { return std::max(f.px(150), text_width(label, fs.body) + f.px(36)); };
  float buttons_w = 0;
  for (const auto& c : controls) buttons_w += width_of(c.label) + l.gap;
  const std::string clock = date_time_text(f.lang());
  const float cw = text_width(clock, fs.small);
  // The clock goes first when the row is short: the center's name and the buttons matter more.
  const float name_min = l.portrait ? 0 : f.px(560);
  const bool show_clock = l.size.x - 2 * l.margin - buttons_w - name_min - f.px(24) >= cw;
  const ButtonLook light{f.pal.surface, f.pal.primary, fs.body, true};
  const float y = row_top + (row_h - bh) * 0.5f;
  float x = l.size.x - l.margin + l.gap;
  for (auto it = controls.rbegin(); it != controls.rend(); ++it) {
    const float bw = width_of(it->label);
    x -= bw + l.gap;
    ImGui::SetCursorScreenPos(ImVec2(x, y));
    if (button(f.items, it->id, it->label, ImVec2(bw, bh), light)) it->act();
  }
  if (l.portrait) {
    // The clock starts the controls' row; the name has the whole band above it.
    if (show_clock) {
      ImGui::SetCursorScreenPos(ImVec2(l.margin, row_top + (row_h - fs.small->FontSize) * 0.5f));
      text(f.items, clock, fs.small, f.pal.on_primary, std::min(cw + 4, x - l.gap - l.margin));
    }
    center_name(f, l.margin, 0, row_top, l.size.x - 2 * l.margin);
  } else {
    float name_right = x - f.px(24);
    if (show_clock) {
      const float cx = x - l.gap - cw;
      ImGui::SetCursorScreenPos(ImVec2(cx, (l.header_h - fs.small->FontSize) * 0.5f));
      text(f.items, clock, fs.small, f.pal.on_primary, cw + 4);
      name_right = cx - f.px(24);
    }
    center_name(f, l.margin, 0, l.header_h, name_right - l.margin);
  }
  ImGui::SetCursorScreenPos(ImVec2(0, l.header_h));
}

void nav_bar(FrameContext& f, const std::function<void(ImVec2 size)>& action) {
  const NotRead not_read(f.items);
  const Layout& l = f.layout;
  const FontSet& fs = f.fonts;
  const float h = l.nav_height(static_cast<bool>(action));
  const float top = l.size.y - h;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(ImVec2(0, top), l.size, f.pal.surface);
  dl->AddLine(ImVec2(0, top), ImVec2(l.size.x, top), f.pal.border, 2);
  const float bw = l.nav_button_w, bh = l.button_h;
  const float row_y = l.size.y - l.nav_h + (l.nav_h - bh) * 0.5f;
  const ButtonLook look{f.pal.primary, f.pal.on_primary, fs.heading, true};
  ImGui::SetCursorScreenPos(ImVec2(l.margin, row_y));
  if (button(f.items, "##back", std::string(icon::back) + "  " + f.tr(Text::Back), ImVec2(bw, bh), look)) f.session.back();
  if (action) {
    if (l.action_row()) {
      ImGui::SetCursorScreenPos(ImVec2(l.margin, top + l.gap));
      action(ImVec2(l.size.x - 2 * l.margin, bh));
    } else {
      ImGui::SetCursorScreenPos(ImVec2(l.margin + bw + l.margin, row_y));
      action(ImVec2(l.size.x - 2 * (l.margin + bw) - 2 * l.margin, bh));
    }
  }
  ImGui::SetCursorScreenPos(ImVec2(l.size.x - l.margin - bw, row_y));
  if (button(f.items, "##home", std::string(icon::home) + "  " + f.tr(Text::Home), ImVec2(bw, bh), look)) f.session.home();
}

void print_banner(FrameContext& f, float bottom) {
  const auto st = print_status(f);
  if (!st) return;
  bottom = std::min(bottom, reading_bar_top(f));
  const Layout& l = f.layout;
  const float pad = f.px(20);
  const float wrap = l.size.x - 4 * pad;
  const std::string msg = std::string(icon::print) + "  " + st->text;
  const float h = text_height(msg, f.fonts.heading, wrap) + 2 * pad;
  // Its own window, so it lies above the scrolling page (a child window draws over its parent).
  ImGui::SetNextWindowPos(ImVec2(0, bottom - h));
  ImGui::SetNextWindowSize(ImVec2(l.size.x, h));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImGui::ColorConvertU32ToFloat4(st->problem ? f.pal.accent : f.pal.primary));
  ImGui::Begin("##print-banner", nullptr, kOverlayWindow | ImGuiWindowFlags_NoInputs);
  ImGui::PopStyleColor();
  ImGui::SetCursorScreenPos(ImVec2(2 * pad, bottom - h + pad));
  text(f.items, msg, f.fonts.heading, f.pal.on_primary, wrap);
  ImGui::End();
}

void idle_prompt(FrameContext& f) {
  const Layout& l = f.layout;
  const FontSet& fs = f.fonts;
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(l.size);
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0, 0, 0, 0.6f));
  ImGui::Begin("idle", nullptr, kOverlayWindow);
  ImGui::PopStyleColor();
  const float w = std::min(f.px(1000), l.size.x - 2 * l.margin);
  const float inner = w - 2 * f.px(48);
  const std::string ends = std::string(f.tr(Text::EndsIn)) + " " +
                           std::to_string(f.session.countdown_seconds(f.now)) + " " + f.tr(Text::Seconds);
  const float bh = f.px(110);
  const float h = f.px(48) * 3 + text_height(f.tr(Text::StillThere), fs.title, inner) + f.px(12) +
                  text_height(ends, fs.heading, inner) + bh + f.px(24);
  const ImVec2 p((l.size.x - w) * 0.5f, (l.size.y - h) * 0.5f);
  ImGui::GetWindowDrawList()->AddRectFilled(p, ImVec2(p.x + w, p.y + h), f.pal.surface);
  // A frame, for the high-contrast colours: there the panel is as black as what it covers.
  ImGui::GetWindowDrawList()->AddRect(p, ImVec2(p.x + w, p.y + h), f.pal.border, 0, 0, f.px(4));
  ImGui::SetCursorScreenPos(ImVec2(p.x + f.px(48), p.y + f.px(48)));
  text(f.items, f.tr(Text::StillThere), fs.title, f.pal.text, inner);
  ImGui::SetCursorScreenPos(ImVec2(p.x + f.px(48), ImGui::GetCursorScreenPos().y + f.px(12)));
  text(f.items, ends, fs.heading, f.pal.muted, inner);
  ImGui::SetCursorScreenPos(ImVec2(p.x + f.px(48), p.y + h - f.px(48) - bh));
  // Any touch continues (Session::touch); the button says so.
  button(f.items, "##continue", f.tr(Text::MoreTime), ImVec2(inner, bh), ButtonLook{f.pal.primary, f.pal.on_primary, fs.title, true});
  ImGui::End();
}

void screen_title(FrameContext& f, float x, float y, float width, const std::string& s) {
  ImGui::SetCursorScreenPos(ImVec2(x, y));
  text(f.items, s, f.fonts.title, f.pal.primary, width);
}

void section_heading(FrameContext& f, const std::string& title, float wrap) {
  ImGui::Dummy(ImVec2(1, f.px(12)));
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  ImGui::GetWindowDrawList()->AddRectFilled(pos, ImVec2(pos.x + f.px(8), pos.y + f.fonts.heading->FontSize * 1.2f),
                                            f.pal.primary);
  ImGui::SetCursorScreenPos(ImVec2(pos.x + f.px(20), pos.y));
  text(f.items, title, f.fonts.heading, f.pal.primary, wrap - f.px(20));
  ImGui::SetCursorScreenPos(ImVec2(pos.x, ImGui::GetCursorScreenPos().y));
}

}  // namespace kiosk::ui

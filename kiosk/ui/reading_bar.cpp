#include "ui/reading_bar.hpp"

#include <algorithm>
#include <array>

#include "model/read_aloud.hpp"
#include "ui/chrome.hpp"
#include "ui/widgets.hpp"

namespace kiosk::ui {

using app::Text;

namespace {

struct Control {
  const char* id;
  std::string label;
  void (*act)(app::Session&, app::Services&);
};

// Where the controls go: one row when every label fits its sixth of the width, two rows of three
// when not, just above the bottom bar.
struct Geometry {
  size_t per_row = 6, rows = 1;
  float bw = 0, h = 0, bottom = 0;
};

Geometry geometry(const FrameContext& f, float widest) {
  const Layout& l = f.layout;
  Geometry g;
  g.per_row = (l.content_w() - 5 * l.gap) / 6 >= widest ? 6 : 3;
  g.rows = 6 / g.per_row;
  g.bw = (l.content_w() - static_cast<float>(g.per_row - 1) * l.gap) / static_cast<float>(g.per_row);
  g.h = static_cast<float>(g.rows) * l.button_h + static_cast<float>(g.rows - 1) * l.gap + 2 * f.px(16);
  g.bottom = l.content_bottom(l.action_row());
  return g;
}

float widest_label(const FrameContext& f) {
  float widest = 0;
  for (Text t : {Text::StopReading, Text::PauseReading, Text::ResumeReading, Text::RepeatSentence, Text::Slower,
                 Text::NormalPace, Text::Quieter, Text::Louder})
    widest = std::max(widest, text_width(std::string(icon::pause) + " " + f.tr(t), f.fonts.body) + 2 * kButtonTextPad);
  return widest;
}

}  // namespace

float reading_bar_top(const FrameContext& f) {
  if (!app::reading(f.services)) return f.layout.size.y;
  const Geometry g = geometry(f, widest_label(f));
  return g.bottom - g.h;
}

void reading_bar(FrameContext& f) {
  auto& svc = f.services;
  if (!svc.speaker) return;
  const bool reading = svc.speaker->reading();
  const std::string problem = reading ? "" : svc.speaker->problem();
  const bool ours = f.session.reading().screen == f.session.screen();
  if (!reading && (problem.empty() || !ours)) return;
  const NotRead not_read(f.items);
  const Layout& l = f.layout;
  const FontSet& fs = f.fonts;
  const float pad = f.px(16);
  const Geometry g = geometry(f, widest_label(f));
  const float bottom = g.bottom;
  if (!reading) {
    // The voice was asked for and cannot be heard: say so where the controls would be.
    const std::string msg = std::string(icon::warning) + "  " + f.tr(Text::CannotSpeak);
    const float h = text_height(msg, fs.heading, l.content_w()) + 2 * pad;
    ImGui::SetNextWindowPos(ImVec2(0, bottom - h));
    ImGui::SetNextWindowSize(ImVec2(l.size.x, h));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImGui::ColorConvertU32ToFloat4(f.pal.accent));
    ImGui::Begin("##reading-problem", nullptr, kOverlayWindow | ImGuiWindowFlags_NoInputs);
    ImGui::PopStyleColor();
    ImGui::SetCursorScreenPos(ImVec2(l.margin, bottom - h + pad));
    text(f.items, msg, fs.heading, f.pal.on_primary, l.content_w());
    ImGui::End();
    return;
  }
  const bool paused = svc.speaker->paused();
  const bool slower = f.session.reading().slower;
  const std::array<Control, 6> controls{{
      {"##read-stop", std::string(icon::stop) + " " + f.tr(Text::StopReading),
       [](app::Session& s, app::Services& v) { app::stop_reading(s, v); }},
      {"##read-pause", std::string(paused ? icon::play : icon::pause) + " " + f.tr(paused ? Text::ResumeReading : Text::PauseReading),
       [](app::Session&, app::Services& v) { app::toggle_pause(v); }},
      {"##read-again", std::string(icon::repeat) + " " + f.tr(Text::RepeatSentence),
       [](app::Session& s, app::Services& v) { app::repeat_sentence(s, v); }},
      {"##read-pace", f.tr(slower ? Text::NormalPace : Text::Slower),
       [](app::Session& s, app::Services& v) { app::toggle_slower(s, v); }},
      {"##read-quieter", std::string(icon::volume_down) + " " + f.tr(Text::Quieter),
       [](app::Session& s, app::Services& v) { app::change_volume(s, v, -1); }},
      {"##read-louder", std::string(icon::volume_up) + " " + f.tr(Text::Louder),
       [](app::Session& s, app::Services& v) { app::change_volume(s, v, +1); }},
  }};
  const size_t per_row = g.per_row;
  const float bw = g.bw, bh = l.button_h, h = g.h;
  ImGui::SetNextWindowPos(ImVec2(0, bottom - h));
  ImGui::SetNextWindowSize(ImVec2(l.size.x, h));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImGui::ColorConvertU32ToFloat4(f.pal.surface));
  ImGui::Begin("##reading-bar", nullptr, kOverlayWindow);
  ImGui::PopStyleColor();
  ImGui::GetWindowDrawList()->AddLine(ImVec2(0, bottom - h), ImVec2(l.size.x, bottom - h), f.pal.primary, 4);
  const ButtonLook look{f.pal.primary, f.pal.on_primary, fs.body, true};
  for (size_t i = 0; i < controls.size(); ++i) {
    const float x = l.margin + static_cast<float>(i % per_row) * (bw + l.gap);
    const float y = bottom - h + pad + static_cast<float>(i / per_row) * (bh + l.gap);
    ImGui::SetCursorScreenPos(ImVec2(x, y));
    if (button(f.items, controls[i].id, controls[i].label, ImVec2(bw, bh), look)) controls[i].act(f.session, svc);
  }
  ImGui::End();
}

}  // namespace kiosk::ui

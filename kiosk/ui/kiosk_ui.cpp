#include "ui/kiosk_ui.hpp"

#include "model/read_aloud.hpp"
#include "ui/chrome.hpp"
#include "ui/reading_bar.hpp"
#include "ui/screens/screens.hpp"

namespace kiosk::ui {

using app::Screen;

KioskUi::KioskUi(Fonts fonts, Palette palette, nlohmann::json center)
    : fonts_(fonts), pal_(palette), contrast_pal_(high_contrast_palette()), center_(std::move(center)) {
  auto add = [&](Screen id, std::unique_ptr<ScreenView> view) {
    screens_[id] = std::move(view);
    order_.push_back(id);
  };
  add(Screen::Attract, make_attract_screen());
  add(Screen::Home, make_home_screen());
  add(Screen::Search, make_search_screen());
  add(Screen::Queue, make_queue_screen());
  add(Screen::Procedure, make_procedure_screen());
  add(Screen::Dossier, make_dossier_screen());
  add(Screen::Payment, make_payment_screen());
  add(Screen::Rating, make_rating_screen());
  add(Screen::Staff, make_staff_screen());
}

bool KioskUi::animating() const {
  for (const auto& [id, view] : screens_)
    if (view->animating()) return true;
  return false;
}

UiRequests KioskUi::frame(app::Session& session, app::Services& services, app::Clock::time_point now, const Textures& textures) {
  UiRequests requests;
  items_.clear();
  const ImGuiIO& io = ImGui::GetIO();
  layout_ = make_layout(io.DisplaySize, session.text_size());
  std::vector<HomeTile> tiles;
  for (Screen id : order_)
    if (auto t = screens_[id]->tile(services)) tiles.push_back(std::move(*t));
  const bool contrast = session.prefs().high_contrast;
  const Palette& pal = contrast ? contrast_pal_ : pal_;
  if (contrast != styled_contrast_) {
    apply_style(pal);
    styled_contrast_ = contrast;
  }
  FrameContext f{session,  services,     layout_, fonts_.at(session.text_size()),
                 fonts_,   pal,          items_,  now,
                 center_,  textures,     tiles,   requests};
  // What is being read aloud is highlighted, and scrolled to when the voice moves on.
  const auto now_read = app::reading_now(session, services);
  const auto index = services.speaker ? services.speaker->current() : std::nullopt;
  items_.reading = now_read.value_or("");
  items_.reading_bg = pal.highlight;
  items_.follow_reading = now_read && index != read_seen_;
  read_seen_ = index;

  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  // The display clears to the page colour; drawing it again here would blend every pixel once
  // more. The high-contrast page is black: drawn here, over the center's colour.
  ImGui::Begin("kiosk", nullptr, kPlainWindow | ImGuiWindowFlags_NoBackground);
  if (contrast) ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(0, 0), io.DisplaySize, pal.background);
  screens_.at(session.screen())->draw(f);
  if (session.screen() != Screen::Attract) {
    reading_bar(f);
    staff_gesture(f);
  }
  if (session.idle_prompt()) idle_prompt(f);
  ImGui::End();
  // "Nghe đọc" reads what this whole frame drew, in order.
  if (requests.listen) app::start_reading(session, services, items_.readable());
  return requests;
}

}  // namespace kiosk::ui

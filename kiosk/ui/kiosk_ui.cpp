#include "ui/kiosk_ui.hpp"

#include "ui/chrome.hpp"
#include "ui/screens/screens.hpp"

namespace kiosk::ui {

using app::Screen;

KioskUi::KioskUi(Fonts fonts, Palette palette, nlohmann::json center)
    : fonts_(fonts), pal_(palette), center_(std::move(center)) {
  auto add = [&](Screen id, std::unique_ptr<ScreenView> view) {
    screens_[id] = std::move(view);
    order_.push_back(id);
  };
  add(Screen::Attract, make_attract_screen());
  add(Screen::Home, make_home_screen());
  add(Screen::Search, make_search_screen());
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
  layout_ = make_layout(io.DisplaySize, session.large_text());
  std::vector<HomeTile> tiles;
  for (Screen id : order_)
    if (auto t = screens_[id]->tile(services)) tiles.push_back(std::move(*t));
  FrameContext f{session,  services,     layout_, session.large_text() ? fonts_.large : fonts_.normal,
                 fonts_,   pal_,         items_,  now,
                 center_,  textures,     tiles,   requests};

  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  // The display clears to the page colour; drawing it again here would blend every pixel once more.
  ImGui::Begin("kiosk", nullptr, kPlainWindow | ImGuiWindowFlags_NoBackground);
  screens_.at(session.screen())->draw(f);
  if (session.screen() != Screen::Attract) staff_gesture(f);
  if (session.idle_prompt()) idle_prompt(f);
  ImGui::End();
  return requests;
}

}  // namespace kiosk::ui

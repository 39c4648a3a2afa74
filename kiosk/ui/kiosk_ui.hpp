// The router: draws the screen the session is on, with the home tiles the enabled screens offer,
// the staff gesture and the idle prompt over whatever is shown. No SDL here: the platform feeds
// input into ImGui and calls frame() when something changed.
#pragma once
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "model/services.hpp"
#include "model/session.hpp"
#include "ui/frame.hpp"
#include "ui/theme.hpp"
#include "ui/visible_items.hpp"

namespace kiosk::ui {

class KioskUi {
 public:
  KioskUi(Fonts fonts, Palette palette, nlohmann::json center);

  // Draws one frame (between ImGui::NewFrame and ImGui::Render).
  UiRequests frame(app::Session& session, app::Services& services, app::Clock::time_point now, const Textures& textures);

  const VisibleItems& items() const { return items_; }
  const Layout& layout() const { return layout_; }
  bool animating() const;

 private:
  Fonts fonts_;
  Palette pal_;           // the center's colours
  Palette contrast_pal_;  // the high-contrast ones
  bool styled_contrast_ = false;  // which of the two ImGui's style has now
  std::optional<size_t> read_seen_;  // the sentence highlighted last frame
  nlohmann::json center_;
  VisibleItems items_;
  Layout layout_;
  std::map<app::Screen, std::unique_ptr<ScreenView>> screens_;
  std::vector<app::Screen> order_;  // the order screens were added: their tiles' order on Home
};

}  // namespace kiosk::ui

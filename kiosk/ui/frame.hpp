// What a screen draws one frame from, and the interface every screen implements. Screens are
// modules (screens/*.cpp): the router (kiosk_ui.hpp) picks one by the session's screen, the home
// screen shows the tiles the enabled screens offer, and shared chrome (chrome.hpp) draws the
// header, bottom bar, print banner and idle prompt.
#pragma once
#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>

#include "model/services.hpp"
#include "model/session.hpp"
#include "model/strings.hpp"
#include "ui/layout.hpp"
#include "ui/theme.hpp"
#include "ui/visible_items.hpp"

namespace kiosk::ui {

// Renderer textures the platform made: the center's logo and the camera's live view.
struct Textures {
  ImTextureID logo = nullptr;
  int logo_w = 0, logo_h = 0;
  ImTextureID preview = nullptr;
  int preview_w = 0, preview_h = 0;
  // A QR code of `payload` as a texture, one pixel a module, `*size` modules a side (the quiet
  // zone included), to be drawn at a whole number of pixels a module; null when
  // it cannot be made. Made once per payload and kept while it is shown.
  std::function<ImTextureID(const std::string& payload, int* size)> qr;
  // A picture file (PNG or JPEG, up to 1024 px a side) as a texture, `*w` by `*h`; null when it
  // cannot be read. A few are kept, so a screen of officers' photos is read once.
  std::function<ImTextureID(const std::filesystem::path& file, int* w, int* h)> image;
};

// What a frame asks of the platform.
struct UiRequests {
  bool quit = false;    // staff closed the kiosk
  bool reload = false;  // staff asked to read the content again
  bool listen = false;  // "Nghe đọc": read this frame's content aloud
  bool rollback = false;  // staff asked for the previous content pack
  bool reboot = false;    // staff confirmed rebooting the machine
};

// A home-screen tile, and what tapping it does.
struct HomeTile {
  const char* icon;
  app::Text title, hint;
  std::function<void(app::Session&)> open;
};

struct FrameContext {
  app::Session& session;
  app::Services& services;
  const Layout& layout;
  const FontSet& fonts;   // at the citizen's text size
  const Fonts& all_fonts;  // every size (the attract screen always uses the large one)
  const Palette& pal;
  VisibleItems& items;
  app::Clock::time_point now;
  const nlohmann::json& center;  // the pack's center identity
  const Textures& textures;
  std::span<const HomeTile> tiles;  // what the enabled screens put on the home screen
  UiRequests& requests;

  app::Language lang() const { return session.language(); }
  const char* tr(app::Text t) const { return app::tr(session.language(), t); }
  float px(float v) const { return layout.px(v); }
};

class ScreenView {
 public:
  virtual ~ScreenView() = default;
  virtual void draw(FrameContext& f) = 0;
  // Still moving (a list gliding after a fling): the loop keeps drawing.
  virtual bool animating() const { return false; }
  // The tile this screen puts on the home screen, when its capability is there.
  virtual std::optional<HomeTile> tile(const app::Services&) const { return std::nullopt; }
};

}  // namespace kiosk::ui

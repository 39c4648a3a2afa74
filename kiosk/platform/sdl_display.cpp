#include "platform/sdl_display.hpp"

#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_sdlrenderer.h>
#include <stb_image.h>

#include <map>
#include <stdexcept>
#include <variant>

#include "dossier/qr_encode.hpp"
#include "platform/key_clock.hpp"

namespace kiosk::platform {

namespace {

struct SdlSystem {
  SdlSystem() {
    // SIGTERM and SIGINT are the app's (platform/stop_signals.hpp): as SDL's quit event a kiosk
    // would have to ignore them with the compositor's close request.
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) throw std::runtime_error(std::string("SDL: ") + SDL_GetError());
  }
  ~SdlSystem() { SDL_Quit(); }
  SdlSystem(const SdlSystem&) = delete;
  SdlSystem& operator=(const SdlSystem&) = delete;
};
struct WindowDeleter {
  void operator()(SDL_Window* w) const { SDL_DestroyWindow(w); }
};
struct RendererDeleter {
  void operator()(SDL_Renderer* r) const { SDL_DestroyRenderer(r); }
};
struct TextureDeleter {
  void operator()(SDL_Texture* t) const { SDL_DestroyTexture(t); }
};
struct StbFree {
  void operator()(unsigned char* p) const { stbi_image_free(p); }
};
struct ImGuiContextGuard {
  ImGuiContextGuard() { ImGui::CreateContext(); }
  ~ImGuiContextGuard() { ImGui::DestroyContext(); }
  ImGuiContextGuard(const ImGuiContextGuard&) = delete;
  ImGuiContextGuard& operator=(const ImGuiContextGuard&) = delete;
};
struct ImGuiRendererGuard {
  explicit ImGuiRendererGuard(SDL_Renderer* r) { ImGui_ImplSDLRenderer_Init(r); }
  ~ImGuiRendererGuard() { ImGui_ImplSDLRenderer_Shutdown(); }
  ImGuiRendererGuard(const ImGuiRendererGuard&) = delete;
  ImGuiRendererGuard& operator=(const ImGuiRendererGuard&) = delete;
};

using Texture = std::unique_ptr<SDL_Texture, TextureDeleter>;

}  // namespace

// Declared in destruction order's reverse: textures and ImGui's renderer go before the renderer.
struct SdlDisplay::Sdl {
  SdlSystem system;
  std::unique_ptr<SDL_Window, WindowDeleter> window;
  std::unique_ptr<SDL_Renderer, RendererDeleter> renderer;
  ImGuiContextGuard imgui;
  std::optional<ImGuiRendererGuard> imgui_renderer;
  Uint32 wake_event = 0;
  KeyClock keys;
  Texture logo, preview, qr;
  std::string qr_payload;
  int qr_size = 0;
  struct Picture {
    Texture texture;  // null: the file could not be read (not tried again)
    int w = 0, h = 0;
  };
  std::map<std::filesystem::path, Picture> pictures;
  bool atlas_uploaded = false;
};

namespace {

// A PNG or JPEG file as a texture; the reason when it is not one, or too large for the screen.
std::variant<Texture, std::string> texture_from_file(SDL_Renderer* r, const std::filesystem::path& file, int* w, int* h) {
  int n = 0;
  std::unique_ptr<unsigned char, StbFree> px(stbi_load(file.c_str(), w, h, &n, 4));
  if (!px || *w <= 0 || *h <= 0 || *w > 1024 || *h > 1024) return std::string("not a PNG/JPEG up to 1024 px");
  Texture t(SDL_CreateTexture(r, SDL_PIXELFORMAT_RGBA32, SDL_TEXTUREACCESS_STATIC, *w, *h));
  if (!t) return std::string("texture: ") + SDL_GetError();
  SDL_UpdateTexture(t.get(), nullptr, px.get(), *w * 4);
  SDL_SetTextureBlendMode(t.get(), SDL_BLENDMODE_BLEND);
  return t;
}

}  // namespace

SdlDisplay::SdlDisplay(const DisplayOptions& o) {
  SDL_SetHint(SDL_HINT_MOUSE_AUTO_CAPTURE, "0");  // SDL capture breaks touch after a tap (SDL#11469)
  SDL_SetHint(SDL_HINT_GRAB_KEYBOARD, "1");       // Alt+Tab goes to the kiosk, not the desktop
  SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
  sdl_ = std::make_unique<Sdl>();
  Uint32 flags = SDL_WINDOW_SHOWN | SDL_WINDOW_ALLOW_HIGHDPI;
  if (o.fullscreen && !o.headless) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
  sdl_->window.reset(SDL_CreateWindow("tthc-kiosk", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, o.width, o.height, flags));
  if (!sdl_->window) throw std::runtime_error(std::string("cannot open the window: ") + SDL_GetError());
  const bool gpu = o.accelerated && !o.headless;
  if (!gpu) SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
  const Uint32 rflags = gpu ? SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC : SDL_RENDERER_SOFTWARE;
  sdl_->renderer.reset(SDL_CreateRenderer(sdl_->window.get(), -1, rflags));
  if (!sdl_->renderer) sdl_->renderer.reset(SDL_CreateRenderer(sdl_->window.get(), -1, SDL_RENDERER_SOFTWARE));
  if (!sdl_->renderer) throw std::runtime_error(std::string("cannot create a renderer: ") + SDL_GetError());
  if (o.fullscreen && !o.headless) {
    SDL_SetWindowKeyboardGrab(sdl_->window.get(), SDL_TRUE);
    // A touch screen shows no pointer; the screen never blanks while the kiosk runs (SDL asks
    // the compositor to inhibit idle while its screensaver is disabled).
    SDL_ShowCursor(SDL_DISABLE);
    SDL_DisableScreenSaver();
  }
  sdl_->wake_event = SDL_RegisterEvents(1);
  ImGui::GetIO().IniFilename = nullptr;  // nothing of a session is written to disk
  sdl_->imgui_renderer.emplace(sdl_->renderer.get());
  textures_.qr = [this](const std::string& payload, int* size) { return qr_texture(payload, size); };
  textures_.image = [this](const std::filesystem::path& file, int* w, int* h) { return picture(file, w, h); };
  KeyClock::enable(!o.headless && std::string(SDL_GetCurrentVideoDriver() ? SDL_GetCurrentVideoDriver() : "") == "x11");
  SDL_StartTextInput();
}

SdlDisplay::~SdlDisplay() = default;

std::function<void()> SdlDisplay::waker() const {
  const Uint32 ev = sdl_->wake_event;
  return [ev] {
    SDL_Event e{};
    e.type = ev;
    SDL_PushEvent(&e);  // thread-safe: wakes the UI loop
  };
}

std::optional<InputEvent> SdlDisplay::next_event(int timeout_ms) {
  SDL_Event e;
  bool got = timeout_ms < 0 ? SDL_WaitEvent(&e) : timeout_ms == 0 ? SDL_PollEvent(&e) : SDL_WaitEventTimeout(&e, timeout_ms);
  // A key press's X event comes just before the key and text events SDL makes of it: its time
  // is taken, and the event it stands before read at once.
  while (got && e.type == SDL_SYSWMEVENT) {
    sdl_->keys.observe(e, std::chrono::steady_clock::now());
    got = SDL_PollEvent(&e);
  }
  if (!got) return timeout_ms == 0 ? std::nullopt : std::optional<InputEvent>(WakeEvent{});
  if (e.type == sdl_->wake_event) return WakeEvent{};
  switch (e.type) {
    case SDL_QUIT: return QuitEvent{};
    case SDL_MOUSEMOTION: return MotionEvent{ImVec2(float(e.motion.x), float(e.motion.y))};
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
      if (e.button.button != SDL_BUTTON_LEFT) return WakeEvent{};
      return PointerEvent{e.type == SDL_MOUSEBUTTONDOWN, ImVec2(float(e.button.x), float(e.button.y))};
    case SDL_TEXTINPUT: return TextEvent{e.text.text, sdl_->keys.last_press()};
    case SDL_KEYDOWN:
      if (e.key.keysym.sym == SDLK_RETURN || e.key.keysym.sym == SDLK_KP_ENTER)
        return KeyEvent{KeyEvent::Key::Enter, sdl_->keys.last_press()};
      if (e.key.keysym.sym == SDLK_BACKSPACE) return KeyEvent{KeyEvent::Key::Backspace};
      return KeyEvent{KeyEvent::Key::Other};
    default: return WakeEvent{};  // window events and the like: worth a redraw, nothing else
  }
}

ImVec2 SdlDisplay::size() const {
  int w = 0, h = 0;
  SDL_GetRendererOutputSize(sdl_->renderer.get(), &w, &h);
  return ImVec2(float(w), float(h));
}

void SdlDisplay::new_frame() {
  ImGui_ImplSDLRenderer_NewFrame();
  ImGuiIO& io = ImGui::GetIO();
  if (!sdl_->atlas_uploaded) {
    // The renderer has its own copy of the font atlas now: free ours (tens of MB).
    io.Fonts->ClearTexData();
    sdl_->atlas_uploaded = true;
  }
  io.DisplaySize = size();
}

void SdlDisplay::present(std::vector<unsigned char>* pixels) {
  SDL_Renderer* r = sdl_->renderer.get();
  // The page's background is this clear (a fill), not a window background blended pixel by
  // pixel: a third of a software-rendered frame.
  SDL_SetRenderDrawColor(r, background_ & 0xFF, (background_ >> 8) & 0xFF, (background_ >> 16) & 0xFF, 255);
  SDL_RenderClear(r);
  ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
  if (pixels) {
    const ImVec2 s = size();
    const int w = static_cast<int>(s.x), h = static_cast<int>(s.y);
    pixels->resize(static_cast<size_t>(w) * static_cast<size_t>(h) * 4);
    SDL_RenderReadPixels(r, nullptr, SDL_PIXELFORMAT_RGBA32, pixels->data(), w * 4);
  }
  SDL_RenderPresent(r);
}

std::optional<std::string> SdlDisplay::load_logo(const std::filesystem::path& file) {
  clear_logo();
  int w = 0, h = 0;
  auto made = texture_from_file(sdl_->renderer.get(), file, &w, &h);
  if (auto* why = std::get_if<std::string>(&made)) return *why;
  sdl_->logo = std::move(std::get<Texture>(made));
  textures_.logo = static_cast<ImTextureID>(sdl_->logo.get());
  textures_.logo_w = w;
  textures_.logo_h = h;
  return std::nullopt;
}

ImTextureID SdlDisplay::picture(const std::filesystem::path& file, int* w, int* h) {
  auto it = sdl_->pictures.find(file);
  if (it == sdl_->pictures.end()) {
    // A counter's officers fit many times over; past that the oldest screens' pictures go.
    if (sdl_->pictures.size() >= 48) sdl_->pictures.clear();
    Sdl::Picture p;
    auto made = texture_from_file(sdl_->renderer.get(), file, &p.w, &p.h);
    if (auto* t = std::get_if<Texture>(&made)) p.texture = std::move(*t);
    it = sdl_->pictures.emplace(file, std::move(p)).first;
  }
  *w = it->second.w;
  *h = it->second.h;
  return static_cast<ImTextureID>(it->second.texture.get());
}

void SdlDisplay::clear_logo() {
  sdl_->pictures.clear();  // a new pack may carry other pictures under the same names
  textures_.logo = nullptr;
  textures_.logo_w = textures_.logo_h = 0;
  sdl_->logo.reset();
}

void SdlDisplay::update_preview(const app::PreviewFrame& frame) {
  int tw = 0, th = 0;
  if (sdl_->preview) SDL_QueryTexture(sdl_->preview.get(), nullptr, nullptr, &tw, &th);
  if (!sdl_->preview || tw != frame.width || th != frame.height)
    sdl_->preview.reset(
        SDL_CreateTexture(sdl_->renderer.get(), SDL_PIXELFORMAT_RGBA32, SDL_TEXTUREACCESS_STREAMING, frame.width, frame.height));
  if (!sdl_->preview) return;
  SDL_UpdateTexture(sdl_->preview.get(), nullptr, frame.rgba.data(), frame.width * 4);
  textures_.preview_w = frame.width;
  textures_.preview_h = frame.height;
  show_preview(preview_shown_);
}

void SdlDisplay::show_preview(bool on) {
  preview_shown_ = on;
  textures_.preview = on && sdl_->preview ? static_cast<ImTextureID>(sdl_->preview.get()) : nullptr;
}

ImTextureID SdlDisplay::qr_texture(const std::string& payload, int* size) {
  if (payload != sdl_->qr_payload || !sdl_->qr) {
    sdl_->qr.reset();
    sdl_->qr_payload = payload;
    try {
      const auto g = dossier::encode_qr(payload, 1);  // one pixel a module: the screen scales it
      std::vector<unsigned char> rgba(size_t(g.width) * size_t(g.height) * 4);
      for (size_t i = 0; i < g.pixels.size(); ++i) {
        rgba[i * 4] = rgba[i * 4 + 1] = rgba[i * 4 + 2] = g.pixels[i];
        rgba[i * 4 + 3] = 255;
      }
      Texture t(SDL_CreateTexture(sdl_->renderer.get(), SDL_PIXELFORMAT_RGBA32, SDL_TEXTUREACCESS_STATIC, g.width, g.height));
      if (!t) return nullptr;
      SDL_UpdateTexture(t.get(), nullptr, rgba.data(), g.width * 4);
      // Scaled up with hard edges: a phone reads crisp modules, not a blur.
      SDL_SetTextureScaleMode(t.get(), SDL_ScaleModeNearest);
      sdl_->qr = std::move(t);
      sdl_->qr_size = g.width;
    } catch (const std::exception&) {
      return nullptr;
    }
  }
  if (size) *size = sdl_->qr_size;
  return static_cast<ImTextureID>(sdl_->qr.get());
}

std::string SdlDisplay::video_driver() const {
  const char* d = SDL_GetCurrentVideoDriver();
  return d ? d : "?";
}

}  // namespace kiosk::platform

// The one seam to SDL: the window and its renderer, Dear ImGui's renderer backend, textures, the
// wake event workers post, and SDL's events turned into the kiosk's InputEvents. Nothing else in
// the kiosk includes SDL.
#pragma once
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/scan_stream.hpp"
#include "platform/input.hpp"
#include "ui/frame.hpp"

namespace kiosk::platform {

struct DisplayOptions {
  int width = 1920, height = 1080;
  bool fullscreen = true;   // kiosk mode: fullscreen, keyboard grabbed
  bool accelerated = false;  // a GPU renderer (the software one otherwise)
  bool headless = false;    // offscreen driver, software renderer
};

class SdlDisplay {
 public:
  explicit SdlDisplay(const DisplayOptions& o);
  ~SdlDisplay();
  SdlDisplay(const SdlDisplay&) = delete;
  SdlDisplay& operator=(const SdlDisplay&) = delete;

  // Thread-safe: wakes the loop waiting in next_event().
  std::function<void()> waker() const;
  // The next input, waiting up to `timeout_ms` (-1: for ever, 0: not at all).
  std::optional<InputEvent> next_event(int timeout_ms);

  ImVec2 size() const;  // the renderer's output in pixels
  // ImGui frame bracketing: new_frame() before the UI draws, present() after; with `pixels`,
  // the frame is also read back as RGBA.
  void new_frame();
  void present(std::vector<unsigned char>* pixels = nullptr);

  // The center's logo from an image file (PNG or JPEG, at most 1024 px a side). Returns a
  // reason when it cannot be shown.
  std::optional<std::string> load_logo(const std::filesystem::path& file);
  void clear_logo();
  // The camera's live view: a new frame replaces the last one; none keeps it.
  void update_preview(const app::PreviewFrame& frame);
  const ui::Textures& textures() const { return textures_; }
  void show_preview(bool on);
  // A QR code texture for the payment screen (Textures::qr); the last one is kept.
  ImTextureID qr_texture(const std::string& payload, int* size);
  // A picture file as a texture (Textures::image), kept while few.
  ImTextureID picture(const std::filesystem::path& file, int* w, int* h);

  // The colour every frame starts from: the palette's background (ImGui's ABGR).
  void set_background(ImU32 c) { background_ = c; }

  std::string video_driver() const;

 private:
  struct Sdl;
  std::unique_ptr<Sdl> sdl_;
  ui::Textures textures_;
  ImU32 background_ = IM_COL32(0xF5, 0xF7, 0xFA, 255);
  bool preview_shown_ = false;
};

}  // namespace kiosk::platform

#include "model/scan_stream.hpp"

#include <algorithm>

#include "dossier/v4l2_source.hpp"

namespace kiosk::app {

ScanStream::ScanStream(const KioskConfig& c, bool scanners, Logger& log, std::function<void()> wake)
    : wake_(std::move(wake)) {
  if (!scanners) return;
  if (!c.scanner_serial.empty()) {
    try {
      serial_ = std::make_unique<dossier::SerialScanner>(c.scanner_serial, [this](std::string s) { push(std::move(s)); });
      log.info("kiosk", "serial scanner on " + c.scanner_serial.string());
    } catch (const std::exception& e) {
      log.error("kiosk", std::string("serial scanner not used: ") + e.what());
    }
  }
  if (c.camera.empty() && c.camera_frames.empty()) return;
  try {
    std::unique_ptr<dossier::FrameSource> source;
    if (!c.camera.empty())
      source = std::make_unique<dossier::V4l2Source>(c.camera);
    else
      source = std::make_unique<dossier::ImageDirSource>(c.camera_frames, std::chrono::milliseconds(100));
    dossier::FrameScanner::Options fo;
    fo.preview = [this](const dossier::GreyImage& g) { on_frame(g); };
    camera_ = std::make_unique<dossier::FrameScanner>(std::move(source), [this](std::string s) { push(std::move(s)); }, fo);
    log.info("kiosk", "camera: " + (c.camera.empty() ? "frames from " + c.camera_frames.string() : c.camera.string()));
  } catch (const std::exception& e) {
    log.error("kiosk", std::string("camera not used: ") + e.what());
  }
}

ScanStream::~ScanStream() {
  // Their threads call back into this object: stop them first.
  camera_.reset();
  serial_.reset();
}

void ScanStream::push(std::string payload) {
  {
    std::lock_guard lock(mu_);
    if (scans_.size() < 16) scans_.push_back(std::move(payload));  // a jammed scanner cannot flood us
  }
  if (wake_) wake_();
}

std::deque<std::string> ScanStream::take() {
  std::lock_guard lock(mu_);
  std::deque<std::string> out;
  out.swap(scans_);
  return out;
}

// On the camera's thread: a small copy of the latest frame, so the scan screen shows what the
// camera sees the moment it opens; the loop is woken for it only while that screen is up.
void ScanStream::on_frame(const dossier::GreyImage& g) {
  if (g.width <= 0 || g.height <= 0) return;
  const int step = std::max(1, g.width / 480);
  PreviewFrame f;
  f.width = g.width / step;
  f.height = g.height / step;
  f.rgba.resize(size_t(f.width) * size_t(f.height) * 4);
  for (int y = 0; y < f.height; ++y)
    for (int x = 0; x < f.width; ++x) {
      const unsigned char v = g.pixels[size_t(y * step) * size_t(g.width) + size_t(x * step)];
      unsigned char* p = &f.rgba[(size_t(y) * size_t(f.width) + size_t(x)) * 4];
      p[0] = p[1] = p[2] = v;
      p[3] = 255;
    }
  {
    std::lock_guard lock(mu_);
    preview_ = std::move(f);
  }
  if (want_preview_ && wake_) wake_();
}

std::optional<PreviewFrame> ScanStream::take_preview() {
  std::lock_guard lock(mu_);
  auto out = std::move(preview_);
  preview_.reset();
  return out;
}

}  // namespace kiosk::app

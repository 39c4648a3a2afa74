#include "dossier/frame_scanner.hpp"

#include <algorithm>

namespace kiosk::dossier {

ImageDirSource::ImageDirSource(const std::filesystem::path& dir, std::chrono::milliseconds interval) : interval_(interval) {
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    const auto ext = e.path().extension().string();
    if (ext == ".png" || ext == ".jpg" || ext == ".jpeg" || ext == ".bmp" || ext == ".pgm") files_.push_back(e.path());
  }
  std::sort(files_.begin(), files_.end());
}

std::optional<GreyImage> ImageDirSource::next() {
  while (at_ < files_.size()) {
    if (at_ > 0) std::this_thread::sleep_for(interval_);
    std::string error;
    auto img = load_grey_image(files_[at_++], &error);
    if (img) return img;  // an unreadable file is a dropped frame, not the end
  }
  return std::nullopt;
}

FrameScanner::FrameScanner(std::unique_ptr<FrameSource> source, std::function<void(std::string)> on_scan, Options o)
    : source_(std::move(source)), on_scan_(std::move(on_scan)), opt_(o), thread_([this] { run(); }) {}

FrameScanner::~FrameScanner() {
  stop_ = true;
  thread_.join();
}

void FrameScanner::run() {
  std::string last;
  auto last_at = std::chrono::steady_clock::time_point{};
  for (int n = 0; !stop_; ++n) {
    auto frame = source_->next();
    if (!frame) return;
    if (opt_.preview) opt_.preview(*frame);
    // The plain pass costs a few ms; the recovery passes cost ~100 ms on a frame without a code,
    // so they run on every few frames only.
    Decoded d = decode_plain(*frame);
    if (!d.text && n % opt_.full_pipeline_every == 0) d = decode(*frame);
    if (!d.text) continue;
    const auto now = std::chrono::steady_clock::now();
    if (*d.text == last && now - last_at < opt_.repeat_after) continue;
    last = *d.text;
    last_at = now;
    on_scan_(*d.text);
  }
}

}  // namespace kiosk::dossier

// Slip codes from camera frames: a frame source (pluggable: image files here, a V4L2 camera in
// production) read on its own thread, each frame decoded with the plain ZXing pass and every
// few frames with the full recovery pipeline, each new payload reported once.
#pragma once
#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "dossier/qr_decode.hpp"

namespace kiosk::dossier {

class FrameSource {
 public:
  virtual ~FrameSource() = default;
  // The next frame, or nullopt when the source has ended.
  virtual std::optional<GreyImage> next() = 0;
};

// A recorded sequence: the image files of a directory in name order, at `interval` apart.
class ImageDirSource : public FrameSource {
 public:
  ImageDirSource(const std::filesystem::path& dir, std::chrono::milliseconds interval);
  std::optional<GreyImage> next() override;

 private:
  std::vector<std::filesystem::path> files_;
  size_t at_ = 0;
  std::chrono::milliseconds interval_;
};

class FrameScanner {
 public:
  struct Options {
    int full_pipeline_every = 4;                  // frames between recovery passes
    std::chrono::milliseconds repeat_after{5000};  // the same slip held still is one scan
    // Every frame, for a live preview on screen (called on the scanner's thread; may be empty).
    std::function<void(const GreyImage&)> preview;
  };
  FrameScanner(std::unique_ptr<FrameSource> source, std::function<void(std::string)> on_scan)
      : FrameScanner(std::move(source), std::move(on_scan), Options{}) {}
  FrameScanner(std::unique_ptr<FrameSource> source, std::function<void(std::string)> on_scan, Options o);
  ~FrameScanner();
  FrameScanner(const FrameScanner&) = delete;
  FrameScanner& operator=(const FrameScanner&) = delete;

 private:
  void run();
  std::unique_ptr<FrameSource> source_;
  std::function<void(std::string)> on_scan_;
  Options opt_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace kiosk::dossier

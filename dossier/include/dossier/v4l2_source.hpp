// A kiosk camera through V4L2 (Debian's libv4l2, which converts whatever the camera sends), as
// greyscale frames cropped to the aiming area where a slip is held.
#pragma once
#include <filesystem>
#include <vector>

#include "dossier/frame_scanner.hpp"

namespace kiosk::dossier {

class V4l2Source : public FrameSource {
 public:
  struct Options {
    int width = 1280, height = 720;
    double aim = 0.6;  // the central share of the frame decoded: less to search, no background codes
  };
  // Throws std::runtime_error (Vietnamese first, then the device and the reason) when the camera
  // cannot be opened or set up.
  V4l2Source(const std::filesystem::path& device, Options o);
  explicit V4l2Source(const std::filesystem::path& device) : V4l2Source(device, Options{}) {}
  ~V4l2Source() override;
  V4l2Source(const V4l2Source&) = delete;
  V4l2Source& operator=(const V4l2Source&) = delete;

  std::optional<GreyImage> next() override;
  int width() const { return w_; }
  int height() const { return h_; }

 private:
  int fd_ = -1;
  int w_ = 0, h_ = 0;
  double aim_;
  std::vector<uint8_t> buf_;
};

}  // namespace kiosk::dossier

#include "dossier/v4l2_source.hpp"

#include <fcntl.h>
#include <libv4l2.h>
#include <linux/videodev2.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace kiosk::dossier {

namespace {

std::runtime_error camera_error(const std::filesystem::path& device, const std::string& why) {
  return std::runtime_error("cannot open the camera (" + device.string() + ": " + why + ")");
}

}  // namespace

V4l2Source::V4l2Source(const std::filesystem::path& device, Options o) : aim_(o.aim) {
  fd_ = v4l2_open(device.c_str(), O_RDWR);
  if (fd_ < 0) throw camera_error(device, std::strerror(errno));
  try {
    v4l2_capability cap{};
    if (v4l2_ioctl(fd_, VIDIOC_QUERYCAP, &cap) < 0) throw camera_error(device, "not a V4L2 device");
    if (!(cap.capabilities & V4L2_CAP_VIDEO_CAPTURE)) throw camera_error(device, "cannot capture video");
    v4l2_format fmt{};
    fmt.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    fmt.fmt.pix.width = static_cast<__u32>(o.width);
    fmt.fmt.pix.height = static_cast<__u32>(o.height);
    // YUV 4:2:0: libv4l2 converts any camera format to it, and its first plane is the greyscale
    // image ZXing wants.
    fmt.fmt.pix.pixelformat = V4L2_PIX_FMT_YUV420;
    fmt.fmt.pix.field = V4L2_FIELD_NONE;
    if (v4l2_ioctl(fd_, VIDIOC_S_FMT, &fmt) < 0) throw camera_error(device, std::string("format: ") + std::strerror(errno));
    if (fmt.fmt.pix.pixelformat != V4L2_PIX_FMT_YUV420) throw camera_error(device, "no YUV 4:2:0 conversion");
    w_ = static_cast<int>(fmt.fmt.pix.width);
    h_ = static_cast<int>(fmt.fmt.pix.height);
    buf_.resize(fmt.fmt.pix.sizeimage ? fmt.fmt.pix.sizeimage : size_t(w_) * h_ * 3 / 2);
  } catch (...) {
    v4l2_close(fd_);
    throw;
  }
}

V4l2Source::~V4l2Source() {
  if (fd_ >= 0) v4l2_close(fd_);
}

std::optional<GreyImage> V4l2Source::next() {
  for (int tries = 0; tries < 50; ++tries) {
    const ssize_t n = v4l2_read(fd_, buf_.data(), buf_.size());
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (n < static_cast<ssize_t>(size_t(w_) * h_)) return std::nullopt;  // unplugged: the source ends
    // The aiming area: the centre of the frame, where the screen tells citizens to hold the slip.
    const int cw = static_cast<int>(w_ * aim_), ch = static_cast<int>(h_ * aim_);
    const int x0 = (w_ - cw) / 2, y0 = (h_ - ch) / 2;
    GreyImage img;
    img.width = cw;
    img.height = ch;
    img.pixels.resize(size_t(cw) * ch);
    for (int y = 0; y < ch; ++y)
      std::memcpy(&img.pixels[size_t(y) * cw], &buf_[size_t(y0 + y) * w_ + size_t(x0)], size_t(cw));
    return img;
  }
  return std::nullopt;
}

}  // namespace kiosk::dossier

// Reading slip codes from camera frames or image files with ZXing-C++ 1.4: QR and CODE128 only,
// greyscale, one symbol, and a few recovery passes for frames a single call misses.
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::dossier {

struct GreyImage {
  int width = 0, height = 0;
  std::vector<uint8_t> pixels;  // row-major luminance, width * height
};

// Loads a PNG/JPEG/BMP as greyscale; nullopt with `error` set when it cannot.
std::optional<GreyImage> load_grey_image(const std::filesystem::path& path, std::string* error);

struct Decoded {
  std::optional<std::string> text;  // UTF-8
  std::string format;               // "QRCode", "Code128"
  std::string pass;                 // which pass found it (plain, inverted, upscaled...)
};

// One ZXing call as the library is usually used: the baseline the pipeline is measured against.
Decoded decode_plain(const GreyImage& img);
// The kiosk's pipeline: the plain call, then inverted (phones in dark mode), then upscaled (far,
// small codes), then a fixed-threshold binarizer (dim or uneven light).
Decoded decode(const GreyImage& img);

}  // namespace kiosk::dossier

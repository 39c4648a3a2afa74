#include "dossier/qr_encode.hpp"

#include <ZXing/BitMatrix.h>
#include <ZXing/CharacterSet.h>
#include <ZXing/MultiFormatWriter.h>
#include <stb_image_write.h>

#include <stdexcept>

namespace kiosk::dossier {

GreyImage encode_qr(const std::string& text, int module_px) {
  const ZXing::BitMatrix m =
      ZXing::MultiFormatWriter(ZXing::BarcodeFormat::QRCode).setEncoding(ZXing::CharacterSet::UTF8).setMargin(0).encode(text, 0, 0);
  const int quiet = 4;
  GreyImage img;
  img.width = img.height = (m.width() + 2 * quiet) * module_px;
  img.pixels.assign(size_t(img.width) * size_t(img.height), 255);
  for (int y = 0; y < m.height(); ++y)
    for (int x = 0; x < m.width(); ++x)
      if (m.get(x, y))
        for (int dy = 0; dy < module_px; ++dy)
          for (int dx = 0; dx < module_px; ++dx)
            img.pixels[size_t((y + quiet) * module_px + dy) * img.width + size_t((x + quiet) * module_px + dx)] = 0;
  return img;
}

GreyImage place_on_frame(const GreyImage& img, int w, int h, int x, int y, uint8_t background) {
  GreyImage f;
  f.width = w;
  f.height = h;
  f.pixels.assign(size_t(w) * size_t(h), background);
  for (int r = 0; r < img.height; ++r)
    for (int c = 0; c < img.width; ++c)
      if (x + c >= 0 && x + c < w && y + r >= 0 && y + r < h)
        f.pixels[size_t(y + r) * w + size_t(x + c)] = img.pixels[size_t(r) * img.width + size_t(c)];
  return f;
}

void save_png(const GreyImage& img, const std::filesystem::path& path) {
  if (!stbi_write_png(path.c_str(), img.width, img.height, 1, img.pixels.data(), img.width))
    throw std::runtime_error("cannot write " + path.string());
}

}  // namespace kiosk::dossier

#define ZX_USE_UTF8 1  // ZXing 1.4: text() as UTF-8 std::string
#include "dossier/qr_decode.hpp"

#include <ZXing/ReadBarcode.h>
#include <stb_image.h>

#include <memory>

namespace kiosk::dossier {

namespace {

struct StbFree {
  void operator()(unsigned char* p) const { stbi_image_free(p); }
};

constexpr int kMaxSide = 8192;  // a hostile file must not make us allocate gigabytes

ZXing::DecodeHints hints(ZXing::Binarizer binarizer) {
  ZXing::DecodeHints h;
  h.setFormats(ZXing::BarcodeFormat::QRCode | ZXing::BarcodeFormat::Code128);
  h.setTryHarder(true);
  h.setTryRotate(true);
  h.setBinarizer(binarizer);
  // Without this, 1.4 skips its downscale pyramid and large frames find nothing.
  h.setMaxNumberOfSymbols(1);
  return h;
}

Decoded run(const GreyImage& img, ZXing::Binarizer binarizer, const char* pass) {
  Decoded d;
  if (img.width <= 0 || img.height <= 0 || img.pixels.size() < size_t(img.width) * size_t(img.height)) return d;
  ZXing::ImageView view(img.pixels.data(), img.width, img.height, ZXing::ImageFormat::Lum);
  auto r = ZXing::ReadBarcode(view, hints(binarizer));
  if (r.isValid()) {
    d.text = r.text();
    d.format = ZXing::ToString(r.format());
    d.pass = pass;
  }
  return d;
}

GreyImage inverted(const GreyImage& img) {
  GreyImage out = img;
  for (auto& p : out.pixels) p = static_cast<uint8_t>(255 - p);
  return out;
}

GreyImage upscaled(const GreyImage& img) {
  GreyImage out;
  out.width = img.width * 2;
  out.height = img.height * 2;
  out.pixels.resize(size_t(out.width) * size_t(out.height));
  for (int y = 0; y < out.height; ++y)
    for (int x = 0; x < out.width; ++x) out.pixels[size_t(y) * out.width + x] = img.pixels[size_t(y / 2) * img.width + x / 2];
  return out;
}

}  // namespace

std::optional<GreyImage> load_grey_image(const std::filesystem::path& path, std::string* error) {
  int w = 0, h = 0, n = 0;
  if (!stbi_info(path.c_str(), &w, &h, &n)) {
    if (error) *error = "not an image this kiosk can read (PNG, JPEG, BMP)";
    return std::nullopt;
  }
  if (w <= 0 || h <= 0 || w > kMaxSide || h > kMaxSide) {
    if (error) *error = "image too large";
    return std::nullopt;
  }
  std::unique_ptr<unsigned char, StbFree> px(stbi_load(path.c_str(), &w, &h, &n, 1));
  if (!px) {
    if (error) *error = std::string("cannot decode the image: ") + stbi_failure_reason();
    return std::nullopt;
  }
  GreyImage img;
  img.width = w;
  img.height = h;
  img.pixels.assign(px.get(), px.get() + size_t(w) * size_t(h));
  return img;
}

Decoded decode_plain(const GreyImage& img) {
  ZXing::DecodeHints h;
  h.setFormats(ZXing::BarcodeFormat::QRCode | ZXing::BarcodeFormat::Code128);
  h.setMaxNumberOfSymbols(1);
  Decoded d;
  if (img.width <= 0 || img.height <= 0 || img.pixels.size() < size_t(img.width) * size_t(img.height)) return d;
  auto r = ZXing::ReadBarcode(ZXing::ImageView(img.pixels.data(), img.width, img.height, ZXing::ImageFormat::Lum), h);
  if (r.isValid()) {
    d.text = r.text();
    d.format = ZXing::ToString(r.format());
    d.pass = "plain";
  }
  return d;
}

Decoded decode(const GreyImage& img) {
  if (auto d = run(img, ZXing::Binarizer::LocalAverage, "plain"); d.text) return d;
  const GreyImage inv = inverted(img);
  if (auto d = run(inv, ZXing::Binarizer::LocalAverage, "inverted"); d.text) return d;
  if (img.width <= 1600 && img.height <= 1600) {
    if (auto d = run(upscaled(img), ZXing::Binarizer::LocalAverage, "upscaled"); d.text) return d;
  }
  if (auto d = run(img, ZXing::Binarizer::GlobalHistogram, "global-histogram"); d.text) return d;
  return run(img, ZXing::Binarizer::FixedThreshold, "fixed-threshold");
}

}  // namespace kiosk::dossier

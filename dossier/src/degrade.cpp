#include "dossier/degrade.hpp"

#include <algorithm>
#include <cmath>

#include "dossier/qr_encode.hpp"

namespace kiosk::dossier {

namespace {

constexpr int kW = 1280, kH = 720;

uint8_t at(const GreyImage& g, int x, int y, uint8_t outside = 170) {
  if (x < 0 || y < 0 || x >= g.width || y >= g.height) return outside;
  return g.pixels[size_t(y) * g.width + size_t(x)];
}

// The slip drawn on a 720p frame: rotated by `deg`, `module_px` pixels a module, centred.
GreyImage frame_with(const std::string& payload, int module_px, double deg) {
  const GreyImage code = encode_qr(payload, module_px);
  GreyImage f;
  f.width = kW;
  f.height = kH;
  f.pixels.assign(size_t(kW) * kH, 170);
  const double a = deg * M_PI / 180, c = std::cos(a), s = std::sin(a);
  const double cx = kW / 2.0, cy = kH / 2.0, hx = code.width / 2.0, hy = code.height / 2.0;
  for (int y = 0; y < kH; ++y)
    for (int x = 0; x < kW; ++x) {
      // Inverse rotation, bilinear: a slip held crooked, as the camera samples it.
      const double u = c * (x - cx) + s * (y - cy) + hx, v = -s * (x - cx) + c * (y - cy) + hy;
      const int u0 = static_cast<int>(std::floor(u)), v0 = static_cast<int>(std::floor(v));
      const double fu = u - u0, fv = v - v0;
      if (u0 < -1 || v0 < -1 || u0 > code.width || v0 > code.height) continue;
      const double p = (1 - fu) * (1 - fv) * at(code, u0, v0) + fu * (1 - fv) * at(code, u0 + 1, v0) +
                       (1 - fu) * fv * at(code, u0, v0 + 1) + fu * fv * at(code, u0 + 1, v0 + 1);
      f.pixels[size_t(y) * kW + size_t(x)] = static_cast<uint8_t>(std::clamp(p, 0.0, 255.0));
    }
  return f;
}

// The frame's content seen twice as far away: half the size, centred.
GreyImage zoom_out(const GreyImage& g) {
  GreyImage s;
  s.width = kW;
  s.height = kH;
  s.pixels.assign(size_t(kW) * kH, 170);
  for (int y = 0; y < kH; ++y)
    for (int x = 0; x < kW; ++x) s.pixels[size_t(y) * kW + x] = at(g, kW / 2 + (x - kW / 2) * 2, kH / 2 + (y - kH / 2) * 2);
  return s;
}

GreyImage box_blur(const GreyImage& g, int rx, int ry) {
  GreyImage out = g;
  for (int y = 0; y < g.height; ++y)
    for (int x = 0; x < g.width; ++x) {
      int sum = 0, n = 0;
      for (int dy = -ry; dy <= ry; ++dy)
        for (int dx = -rx; dx <= rx; ++dx) {
          sum += at(g, x + dx, y + dy, at(g, std::clamp(x + dx, 0, g.width - 1), std::clamp(y + dy, 0, g.height - 1)));
          ++n;
        }
      out.pixels[size_t(y) * g.width + size_t(x)] = static_cast<uint8_t>(sum / n);
    }
  return out;
}

void noise(GreyImage& g, std::mt19937& rng, int amplitude) {
  std::normal_distribution<double> d(0, amplitude);
  for (auto& p : g.pixels) p = static_cast<uint8_t>(std::clamp(p + d(rng), 0.0, 255.0));
}

}  // namespace

std::vector<Degradation> degraded_frames(const std::string& payload, std::mt19937& rng) {
  std::vector<Degradation> out;
  auto add = [&](std::string name, GreyImage g, int noise_amp = 6) {
    noise(g, rng, noise_amp);
    out.push_back({std::move(name), std::move(g)});
  };
  add("clean", frame_with(payload, 6, 0));
  add("rotated-25", frame_with(payload, 6, 25));
  add("rotated-45", frame_with(payload, 6, 45));
  add("far-2px", frame_with(payload, 2, 0));      // a slip at arm's length: 2 px a module
  add("far-1.5px", zoom_out(frame_with(payload, 3, 8)));  // further still, and slightly crooked
  add("far-1px", zoom_out(frame_with(payload, 2, 0)));  // one pixel a module
  add("motion-blur", box_blur(frame_with(payload, 6, 3), 5, 0));
  add("motion-blur-strong", box_blur(frame_with(payload, 6, 3), 9, 1));
  add("out-of-focus", box_blur(frame_with(payload, 6, 0), 3, 3));
  add("out-of-focus-strong", box_blur(frame_with(payload, 6, 0), 5, 5));
  add("dim", [&] {
    GreyImage g = frame_with(payload, 6, 5);
    for (auto& p : g.pixels) p = static_cast<uint8_t>(20 + p * 40 / 255);  // 40 grey levels of contrast
    return g;
  }(), 3);
  add("uneven-light", [&] {
    GreyImage g = frame_with(payload, 6, 0);
    for (int y = 0; y < kH; ++y)
      for (int x = 0; x < kW; ++x) {
        auto& p = g.pixels[size_t(y) * kW + x];
        p = static_cast<uint8_t>(p * (0.25 + 0.75 * x / double(kW)));  // a lamp on one side
      }
    return g;
  }());
  add("finger-on-corner", [&] {
    GreyImage g = frame_with(payload, 6, 0);
    const GreyImage code = encode_qr(payload, 6);
    const int x0 = (kW + code.width) / 2 - code.width / 5, y0 = (kH + code.height) / 2 - code.height / 5;
    for (int y = y0; y < std::min(kH, y0 + code.height / 4); ++y)
      for (int x = x0; x < std::min(kW, x0 + code.width / 4); ++x) g.pixels[size_t(y) * kW + x] = 120;  // skin
    return g;
  }());
  add("phone-dark-mode", [&] {
    GreyImage g = frame_with(payload, 5, 0);
    for (auto& p : g.pixels) p = static_cast<uint8_t>(255 - p);
    return g;
  }());
  add("dark-mode-blurred", [&] {
    GreyImage g = box_blur(frame_with(payload, 4, 10), 2, 2);
    for (auto& p : g.pixels) p = static_cast<uint8_t>(255 - p);
    return g;
  }());
  return out;
}

}  // namespace kiosk::dossier

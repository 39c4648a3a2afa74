// Making slip codes (demo slips, test frames): a QR code as a greyscale image, saved as PNG.
#pragma once
#include <filesystem>
#include <string>

#include "dossier/qr_decode.hpp"

namespace kiosk::dossier {

// `module_px` pixels a module, a quiet zone of 4 modules, black on white.
GreyImage encode_qr(const std::string& text, int module_px = 8);
// `img` placed at (x, y) on a flat grey frame of w x h (a camera frame with a slip in it).
GreyImage place_on_frame(const GreyImage& img, int w, int h, int x, int y, uint8_t background = 170);
void save_png(const GreyImage& img, const std::filesystem::path& path);  // throws std::runtime_error

}  // namespace kiosk::dossier

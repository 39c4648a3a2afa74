// Decodes ZXing 1.4's own QR test photos (../shared/data/qr, see its PROVENANCE.md) with a plain
// ZXing call and with the kiosk's pipeline; each folder must reach ZXing's expected count.
// Uses the shared data: skipped (exit 77) when it is not beside the checkout.
#include <algorithm>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <map>

#include "common/files.hpp"
#include "common/text.hpp"
#include "dossier/qr_decode.hpp"

namespace fs = std::filesystem;
using namespace kiosk;

int main() {
  const fs::path root = fs::path(KIOSK_SOURCE_DIR) / ".." / "shared" / "data" / "qr";
  if (!fs::is_directory(root)) {
    std::cout << "shared QR corpus not found at " << root << ": skipped\n";
    return 77;
  }
  // ZXing's expected pass counts at rotation 0 (test/blackbox/BlackboxTestRunner.cpp @ v1.4.0).
  const std::map<std::string, int> expected = {{"qrcode-1", 16}, {"qrcode-2", 44}, {"qrcode-3", 25},
                                               {"qrcode-4", 29}, {"qrcode-5", 16}, {"qrcode-6", 15}};
  bool ok = true;
  int total_plain = 0, total_pipeline = 0, total = 0;
  for (const auto& [folder, want] : expected) {
    int plain = 0, pipeline = 0, images = 0;
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(root / folder)) {
      const auto ext = e.path().extension().string();
      if (ext == ".png" || ext == ".jpg" || ext == ".jpeg") files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      fs::path txt = f;
      txt.replace_extension(".txt");
      if (!fs::exists(txt)) continue;
      const std::string want_text = files::read_file(txt);
      std::string error;
      auto img = dossier::load_grey_image(f, &error);
      if (!img) continue;
      ++images;
      auto p = dossier::decode_plain(*img);
      auto d = dossier::decode(*img);
      plain += p.text && *p.text == want_text;
      pipeline += d.text && *d.text == want_text;
    }
    total += images;
    total_plain += plain;
    total_pipeline += pipeline;
    std::cout << std::left << std::setw(10) << folder << " images " << std::setw(3) << images << " plain ZXing "
              << std::setw(3) << plain << " kiosk pipeline " << std::setw(3) << pipeline << " (ZXing expects " << want
              << ")\n";
    ok = ok && pipeline >= want;
  }
  std::cout << "all: " << total << " images, plain " << total_plain << ", pipeline " << total_pipeline << "\n";
  return ok ? 0 : 1;
}

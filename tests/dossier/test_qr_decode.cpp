#include <ZXing/BitMatrix.h>
#include <ZXing/MultiFormatWriter.h>

#include <catch2/catch.hpp>
#include <mutex>
#include <random>
#include <thread>

#include "common/files.hpp"
#include "dossier/degrade.hpp"
#include "dossier/frame_scanner.hpp"
#include "dossier/qr_encode.hpp"
#include "dossier/v4l2_source.hpp"
#include "dossier/qr_decode.hpp"
#include "dossier/slip_payload.hpp"

using namespace kiosk::dossier;

namespace {

// A slip's QR as a camera would see it on white paper: quiet zone, 4 px modules.
GreyImage qr_image(const std::string& text, bool inverted = false) {
  ZXing::MultiFormatWriter writer(ZXing::BarcodeFormat::QRCode);
  writer.setMargin(4);
  const ZXing::BitMatrix m = writer.encode(text, 0, 0);
  GreyImage img;
  const int scale = 4;
  img.width = m.width() * scale;
  img.height = m.height() * scale;
  img.pixels.resize(size_t(img.width) * img.height);
  for (int y = 0; y < img.height; ++y)
    for (int x = 0; x < img.width; ++x) {
      const bool dark = m.get(x / scale, y / scale);
      img.pixels[size_t(y) * img.width + x] = (dark != inverted) ? 20 : 235;
    }
  return img;
}

}  // namespace

TEST_CASE("a slip QR decodes and parses to its dossier") {
  const std::string url = "https://dvc.example.vn/portaldvc/tra-cuu?SGT=001099012345&MHS=000.00.12.H04-230101-0001";
  auto d = decode(qr_image(url));
  REQUIRE(d.text);
  CHECK(*d.text == url);
  CHECK(d.format == "QRCode");
  auto slip = parse_slip(*d.text);
  REQUIRE(std::holds_alternative<SlipPayload>(slip));
  CHECK(std::get<SlipPayload>(slip).code->text() == "000.00.12.H04-230101-0001");
}

TEST_CASE("a code shown on a phone in dark mode (inverted) is recovered by the pipeline") {
  auto img = qr_image("H04-230101-0001", true);
  auto d = decode(img);
  REQUIRE(d.text);
  CHECK(*d.text == "H04-230101-0001");
  if (!decode_plain(img).text) CHECK(d.pass == "inverted");
}

TEST_CASE("images without a code, and files that are not images") {
  GreyImage blank;
  blank.width = blank.height = 200;
  blank.pixels.assign(200 * 200, 255);
  CHECK_FALSE(decode(blank).text);
  CHECK_FALSE(decode(GreyImage{}).text);
  std::string error;
  CHECK_FALSE(load_grey_image(std::string(KIOSK_SOURCE_DIR) + "/README.md", &error));
  CHECK(error.find("not an image") != std::string::npos);
  CHECK_FALSE(load_grey_image("/nonexistent.png", &error));
}

TEST_CASE("on degraded slips the pipeline reads what a plain call reads, and more", "[qr]") {
  std::mt19937 rng(7);
  const std::string payload = "https://dichvucong.example.vn/portaldvc/tra-cuu?SGT=001099012345&MHS=000.00.12.H04-261110-0001";
  int plain = 0, pipeline = 0;
  for (const auto& d : kiosk::dossier::degraded_frames(payload, rng)) {
    const bool p = kiosk::dossier::decode_plain(d.image).text == payload;
    const bool q = kiosk::dossier::decode(d.image).text == payload;
    INFO(d.name);
    CHECK((!p || q));  // never worse
    plain += p;
    pipeline += q;
    if (d.name == "phone-dark-mode" || d.name == "motion-blur") CHECK(q);
    if (d.name == "clean") CHECK(p);
  }
  CHECK(pipeline > plain);
}

TEST_CASE("a camera that is not there, or not a camera, is refused with its name", "[camera]") {
  try {
    kiosk::dossier::V4l2Source cam("/dev/no-such-camera");
    FAIL("opened a camera that does not exist");
  } catch (const std::runtime_error& e) {
    const std::string what = e.what();
    CHECK(what.find("cannot open the camera") != std::string::npos);
    CHECK(what.find("/dev/no-such-camera") != std::string::npos);
  }
  CHECK_THROWS_WITH(kiosk::dossier::V4l2Source("/dev/null"), Catch::Contains("/dev/null"));
}

TEST_CASE("a recorded frame sequence reports the slip once, as it comes into view", "[camera]") {
  kiosk::files::TempDir tmp;
  const std::string payload = "000.00.12.H04-261110-0001";
  const auto code = kiosk::dossier::encode_qr(payload, 6);
  int n = 0;
  for (int x : {1250, 1100, 500, 520, 510})  // sliding in, then held (three frames)
    kiosk::dossier::save_png(kiosk::dossier::place_on_frame(code, 1280, 720, x, 200), tmp.path() / ("f" + std::to_string(n++) + ".png"));
  std::mutex mu;
  std::vector<std::string> scans;
  {
    kiosk::dossier::FrameScanner s(std::make_unique<kiosk::dossier::ImageDirSource>(tmp.path(), std::chrono::milliseconds(1)),
                                   [&](std::string t) {
                                     std::lock_guard lock(mu);
                                     scans.push_back(t);
                                   });
    for (int i = 0; i < 200; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
      std::lock_guard lock(mu);
      if (!scans.empty() && i > 50) break;
    }
  }
  REQUIRE(scans.size() == 1);
  CHECK(scans[0] == payload);
}

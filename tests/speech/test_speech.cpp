// Vietnamese speech through espeak-ng: real synthesis, real WAV files read back.
#include <catch2/catch.hpp>
#include <cmath>
#include <nlohmann/json.hpp>

#include "common/files.hpp"
#include "process.hpp"
#include "speech/speaker.hpp"
#include "speech/synthesizer.hpp"
#include "vntext/speech_text.hpp"

using namespace kiosk;

namespace {

double rms(const speech::Audio& a) {
  double sum = 0;
  for (int16_t s : a.samples) sum += static_cast<double>(s) * s;
  return a.samples.empty() ? 0 : std::sqrt(sum / static_cast<double>(a.samples.size()));
}

}  // namespace

TEST_CASE("a fee is spoken as words: audible, about as long as what it says, written and read back", "[speech]") {
  files::TempDir tmp;
  speech::Synthesizer synth;
  const auto short_one = synth.say(vntext::speech_text("Quầy 5"));
  const auto fee = synth.say(vntext::speech_text("Lệ phí 1.250.000 ₫"));
  CHECK(fee.sample_rate > 8000);
  CHECK(fee.seconds() > 1.0);
  CHECK(fee.seconds() < 10.0);
  CHECK(fee.seconds() > 2 * short_one.seconds());  // eleven syllables against two
  CHECK(rms(fee) > 500);                           // sound, not silence
  speech::write_wav(tmp.path() / "fee.wav", fee);
  const auto back = speech::read_wav(tmp.path() / "fee.wav");
  CHECK(back.sample_rate == fee.sample_rate);
  CHECK(back.samples == fee.samples);
}

TEST_CASE("synthesis hands samples over as they come and stops when told", "[speech]") {
  speech::Synthesizer synth;
  const std::string long_text = vntext::speech_text(
      "Thủ tục đăng ký kết hôn. Nơi nộp: Quầy 11–12. Thời hạn: 3 ngày làm việc. Lệ phí: miễn phí.");
  size_t chunks = 0;
  const auto all = synth.say(long_text, [&](const int16_t*, size_t n) {
    chunks += n > 0;
    return true;
  });
  CHECK(chunks > 3);  // playback can start before the end
  const auto stopped = synth.say(long_text, [](const int16_t*, size_t) { return false; });
  CHECK(stopped.samples.size() < all.samples.size() / 2);
  // The engine is one per process.
  CHECK_THROWS_AS(speech::Synthesizer(), speech::SpeechError);
}

TEST_CASE("kioskctl say writes the WAV and prints the spoken form", "[speech]") {
  files::TempDir tmp;
  const auto wav = tmp.path() / "x.wav";
  auto r = test::run_tool("kioskctl", {"say", "Lệ phí 1.250.000 ₫", "--output", wav.string(), "--json"});
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["text"] == "Lệ phí một triệu hai trăm năm mươi nghìn đồng");
  CHECK(j["seconds"].get<double>() > 1.0);
  CHECK(speech::read_wav(wav).samples.size() > 22050);
  auto only = test::run_tool("kioskctl", {"say", "CCCD hết hạn 29/11/2026", "--normalize-only"});
  CHECK(only.out ==
        "căn cước công dân hết hạn ngày hai mươi chín tháng mười một năm hai nghìn không trăm hai mươi sáu\n");
  auto none = test::run_tool("kioskctl", {"say", "x"});
  CHECK(none.exit_code != 0);
  CHECK(none.err.find("--output") != std::string::npos);
}

TEST_CASE("the hall's chime is two notes that die away, within range, 0.9 s long", "[speech]") {
  const int rate = 22050;
  const auto s = kiosk::speech::chime_samples(rate);
  REQUIRE(s.size() == static_cast<size_t>(0.9 * rate));
  auto loudness = [&](double from_s, double to_s) {
    double sum = 0;
    const auto a = static_cast<size_t>(from_s * rate), b = static_cast<size_t>(to_s * rate);
    for (size_t i = a; i < b; ++i) sum += std::abs(static_cast<double>(s[i]));
    return sum / static_cast<double>(b - a);
  };
  // Each note is struck loud and fades: the second strike is louder than the first note's tail.
  CHECK(loudness(0.0, 0.05) > 3 * loudness(0.33, 0.38));
  CHECK(loudness(0.41, 0.46) > 2 * loudness(0.33, 0.38));
  CHECK(loudness(0.85, 0.9) < loudness(0.41, 0.46) / 4);
  // Not clipped: the peak stays well inside 16 bits.
  int peak = 0;
  for (int16_t v : s) peak = std::max(peak, std::abs(static_cast<int>(v)));
  CHECK(peak > 3000);
  CHECK(peak < 30000);
}

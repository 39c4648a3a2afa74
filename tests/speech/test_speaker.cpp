// The speaker that reads a screen aloud: espeak-ng through SDL's audio, on SDL's "dummy" device
// (it plays in real time without a sound card), and the log speaker headless runs use.
#include <SDL.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "speech/speaker.hpp"

using namespace kiosk;
using namespace std::chrono_literals;

namespace {

// SDL's dummy audio driver: a device that consumes samples at the real rate, silently.
struct DummyAudio {
  DummyAudio() { setenv("SDL_AUDIODRIVER", "dummy", 1); }
};

template <typename Pred>
bool wait_for(Pred p, std::chrono::milliseconds limit) {
  const auto until = std::chrono::steady_clock::now() + limit;
  while (!p()) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(5ms);
  }
  return true;
}

}  // namespace

TEST_CASE("the audio speaker reads sentences in order, follows which one is heard, and ends by itself", "[speech]") {
  DummyAudio dummy;
  std::atomic<int> wakes{0};
  auto speaker = speech::make_audio_speaker([&] { ++wakes; });
  CHECK_FALSE(speaker->reading());
  speaker->read({"một", "hai", "ba"}, 0, speech::Voice{});
  CHECK(speaker->reading());
  REQUIRE(wait_for([&] { return speaker->first_sound().has_value(); }, 5s));
  // Heard in order: the second sentence is reached before the reading ends.
  REQUIRE(wait_for([&] { return speaker->current().value_or(0) >= 1 || !speaker->reading(); }, 10s));
  REQUIRE(wait_for([&] { return !speaker->reading(); }, 15s));
  CHECK_FALSE(speaker->current());
  CHECK(speaker->spoken() == std::vector<std::string>{"một", "hai", "ba"});
  CHECK(speaker->problem().empty());
  CHECK(wakes > 0);
  speaker->forget();
  CHECK(speaker->spoken().empty());
}

TEST_CASE("the audio speaker stops at once, pauses without moving on, and starts from a later sentence", "[speech]") {
  DummyAudio dummy;
  auto speaker = speech::make_audio_speaker({});
  const std::vector<std::string> long_text(8, "Hồ sơ của ông bà đang được giải quyết tại quầy số mười hai");
  speaker->read(long_text, 0, speech::Voice{});
  REQUIRE(wait_for([&] { return speaker->first_sound().has_value(); }, 5s));
  speaker->pause(true);
  CHECK(speaker->paused());
  const auto at = speaker->current();
  std::this_thread::sleep_for(400ms);
  CHECK(speaker->current() == at);
  CHECK(speaker->reading());
  speaker->pause(false);
  CHECK_FALSE(speaker->paused());
  // A new reading asked while paused is heard, and ends by itself.
  speaker->pause(true);
  speaker->read({"một"}, 0, speech::Voice{});
  CHECK_FALSE(speaker->paused());
  REQUIRE(wait_for([&] { return !speaker->reading(); }, 10s));
  speaker->read(long_text, 0, speech::Voice{});
  REQUIRE(wait_for([&] { return speaker->first_sound().has_value(); }, 5s));
  speaker->stop();
  CHECK_FALSE(speaker->reading());
  CHECK_FALSE(speaker->current());
  // Reading from the sixth sentence: the first heard is the sixth.
  speaker->forget();
  speaker->read(long_text, 5, speech::Voice{120, 0.5});
  CHECK(speaker->current() == 5u);
  REQUIRE(wait_for([&] { return !speaker->spoken().empty(); }, 5s));
  speaker->stop();
  CHECK(speaker->spoken().size() <= 3);
}

TEST_CASE("the English screens have espeak-ng's English voice", "[speech]") {
  DummyAudio dummy;
  auto speaker = speech::make_audio_speaker({});
  speaker->read({"Seventy thousand dong, counter nine"}, 0, speech::Voice{150, 1.0, "en"});
  REQUIRE(wait_for([&] { return !speaker->reading(); }, 10s));
  CHECK(speaker->problem().empty());
  CHECK(speaker->first_sound().has_value());
  CHECK(speaker->spoken().size() == 1);
}

TEST_CASE("the log speaker writes what would be said and stays on the first sentence until stopped", "[speech]") {
  auto speaker = speech::make_log_speaker();
  speaker->read({"một", "hai", "ba"}, 1, speech::Voice{});
  CHECK(speaker->spoken() == std::vector<std::string>{"hai", "ba"});
  CHECK(speaker->current() == 1u);
  speaker->pause(true);
  CHECK(speaker->paused());
  speaker->stop();
  CHECK_FALSE(speaker->reading());
  CHECK_FALSE(speaker->paused());
  speaker->read({"một"}, 3, speech::Voice{});  // past the end: nothing to read
  CHECK_FALSE(speaker->reading());
  speaker->forget();
  CHECK(speaker->spoken().empty());
}

// "Nghe đọc" in the session: sentences from what a screen drew, the citizen's controls, the
// reading stopped when they leave the screen, the idle prompt said aloud, all forgotten at the wipe.
#include <catch2/catch.hpp>

#include "model/read_aloud.hpp"
#include "model/services.hpp"
#include "model/session.hpp"

using namespace kiosk::app;
using namespace std::chrono_literals;

namespace {

Services with_log_speaker() {
  Services svc;
  svc.speaker = kiosk::speech::make_log_speaker();
  return svc;
}

}  // namespace

TEST_CASE("what a screen drew becomes sentences a voice can read", "[speech]") {
  const auto s = sentences_from({"\xef\x80\x95  Trang chủ", "", "\xef\x83\x96", "Phí, lệ phí: 70.000 ₫", "Phí, lệ phí: 70.000 ₫",
                                 "Quầy 9–10 (Công an tỉnh)", "   "});
  REQUIRE(s.size() == 3);
  CHECK(s[0].spoken == "Trang chủ");
  CHECK(s[0].shown == "\xef\x80\x95  Trang chủ");  // as drawn: the screen highlights it by this
  CHECK(s[1].spoken.find("bảy mươi nghìn đồng") != std::string::npos);
  CHECK(s[2].spoken.find("Quầy chín đến mười") != std::string::npos);
}

TEST_CASE("English screens are read as written, for the English voice", "[speech]") {
  const auto s = sentences_from({"\xef\x83\x96 Fees: 70.000 ₫", "Counter 9–10"}, Language::En);
  REQUIRE(s.size() == 2);
  CHECK(s[0].spoken == "Fees: 70.000 ₫");
  CHECK(s[1].spoken == "Counter 9–10");
}

TEST_CASE("reading, the controls, and the wipe", "[speech]") {
  Session s;
  auto svc = with_log_speaker();
  s.touch(Clock::now());
  s.go(Screen::Procedure);
  start_reading(s, svc, {"Thủ tục đăng ký kết hôn", "Phí, lệ phí: Miễn phí", "Quầy 11–12 (Sở Tư pháp)"});
  CHECK(reading(svc));
  CHECK(reading_now(s, svc) == "Thủ tục đăng ký kết hôn");
  CHECK(svc.speaker->spoken().size() == 3);
  CHECK(s.reading().used);

  toggle_pause(svc);
  CHECK(svc.speaker->paused());
  toggle_pause(svc);
  CHECK_FALSE(svc.speaker->paused());
  repeat_sentence(s, svc);
  CHECK(svc.speaker->spoken().size() == 6);  // the log speaker reads on from the sentence repeated
  toggle_slower(s, svc);
  CHECK(s.reading().slower);
  for (int i = 0; i < 10; ++i) change_volume(s, svc, +1);
  CHECK(s.reading().volume_step == 3);
  for (int i = 0; i < 10; ++i) change_volume(s, svc, -1);
  CHECK(s.reading().volume_step == -4);

  // Leaving the screen stops the reading.
  CHECK_FALSE(follow_reading(s, svc, Clock::now()));
  s.go(Screen::Home);
  CHECK(follow_reading(s, svc, Clock::now()));
  CHECK_FALSE(reading(svc));
  CHECK_FALSE(reading_now(s, svc));

  // The next citizen starts at the configured voice.
  s.wipe();
  CHECK_FALSE(s.reading().slower);
  CHECK(s.reading().volume_step == 0);
  CHECK(s.blank());
}

TEST_CASE("the idle prompt is said aloud to a citizen who listened, once, and stops when answered", "[speech]") {
  Session s({60s, 10s, 120s});
  auto svc = with_log_speaker();
  const auto t = Clock::time_point{} + 1h;
  s.touch(t);
  s.go(Screen::Search);
  // Not listened: the prompt stays silent.
  s.tick(t + 60s);
  REQUIRE(s.idle_prompt());
  CHECK_FALSE(follow_reading(s, svc, t + 60s));
  CHECK(svc.speaker->spoken().empty());
  s.touch(t + 61s);

  start_reading(s, svc, {"Tra cứu thủ tục"});
  stop_reading(s, svc);
  s.tick(t + 121s);
  REQUIRE(s.idle_prompt());
  CHECK(follow_reading(s, svc, t + 121s));
  const auto said = svc.speaker->spoken();
  REQUIRE(said.size() == 4);
  CHECK(said[1] == "Ông hoặc bà có cần thêm thời gian không?");
  CHECK(said[2].find("mười giây") != std::string::npos);
  CHECK(said[3].find("Thêm thời gian") != std::string::npos);
  CHECK_FALSE(follow_reading(s, svc, t + 122s));  // once per prompt
  CHECK(svc.speaker->spoken().size() == 4);
  s.touch(t + 123s);
  CHECK(follow_reading(s, svc, t + 123s));
  CHECK_FALSE(reading(svc));
}

TEST_CASE("without a speaker nothing is read and nothing fails", "[speech]") {
  Session s;
  Services svc;
  start_reading(s, svc, {"Trang chủ"});
  repeat_sentence(s, svc);
  toggle_pause(svc);
  CHECK_FALSE(reading(svc));
  CHECK_FALSE(reading_now(s, svc));
  CHECK_FALSE(follow_reading(s, svc, Clock::now()));
}

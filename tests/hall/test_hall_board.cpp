// The hall display's model: calls applied once each in order, what is said for a call, calls
// said one after another and none dropped, the queue server's calls read strictly, numbers
// large enough to read across the hall.
#include <catch2/catch.hpp>

#include "hall/call_announcer.hpp"
#include "hall/hall_board.hpp"
#include "queue/answers.hpp"
#include "queue/novosga_answers.hpp"
#include "ui/hall_screen.hpp"

using namespace kiosk;

namespace {

queue::Call call(int64_t seq, std::string number, std::string counter, bool recall = false) {
  return queue::Call{seq, std::move(number), "tu-phap", std::move(counter), recall};
}

}  // namespace

TEST_CASE("a call is applied once, in order, to its counter", "[hall]") {
  hall::HallBoard b;
  b.set_services({{"tu-phap", "Hộ tịch", "Sở Tư pháp", {"11", "12"}, "", true}, {"cong-an", "Cư trú", "Công an", {"9"}, "", true}});
  REQUIRE(b.counters.size() == 3);
  const auto now = hall::Clock::now();
  auto fresh = b.apply({call(1, "E-1001", "11"), call(2, "E-1002", "12")}, now);
  CHECK(fresh.size() == 2);
  CHECK(b.counters[0].number == "E-1001");
  CHECK(b.counters[1].number == "E-1002");
  // The same calls again (a poll that overlaps), and one older: nothing new.
  CHECK(b.apply({call(1, "E-1001", "11"), call(2, "E-1002", "12")}, now).empty());
  fresh = b.apply({call(2, "E-1002", "12"), call(3, "E-1003", "11"), call(4, "E-1003", "11", true)}, now);
  REQUIRE(fresh.size() == 2);
  CHECK(fresh[1].recall);
  CHECK(b.counters[0].number == "E-1003");
  CHECK(b.recent.front().seq == 4);
  // A counter no service listed (a server that names none) gets its row.
  b.apply({call(5, "A001", "3")}, now);
  CHECK(b.counters.back().counter == "3");
  for (int i = 6; i < 20; ++i) b.apply({call(i, "A00" + std::to_string(i % 10), "3")}, now);
  CHECK(b.recent.size() == hall::HallBoard::kRecent);
  // The list read again keeps what is shown.
  b.set_services({{"tu-phap", "Hộ tịch", "Sở Tư pháp", {"11", "12"}, "", true}});
  CHECK(b.counters[0].number == "E-1003");
}

TEST_CASE("what is said for a call", "[hall]") {
  CHECK(hall::call_sentence(call(1, "B-1023", "5")) == "Mời công dân có số bê một nghìn không trăm hai mươi ba đến quầy số năm");
  CHECK(hall::call_sentence(call(1, "A007", "12", true)) == "Mời lại công dân có số a không không bảy đến quầy số mười hai");
  CHECK(hall::call_sentence(call(1, "D-0998", "9")) == "Mời công dân có số đê không chín trăm chín mươi tám đến quầy số chín");
  CHECK(hall::call_sentence(call(1, "E-1001", "Tầng 2")) == "Mời công dân có số e một nghìn không trăm linh một đến quầy số Tầng 2");
}

TEST_CASE("calls are said one after another, a chime then twice each, none dropped", "[hall]") {
  auto speaker = speech::make_log_speaker();
  hall::CallAnnouncer a(speaker.get(), speech::Voice{}, true);
  for (int i = 1; i <= 30; ++i) a.add(call(i, "E-" + std::to_string(1000 + i), "11"));
  while (a.tick()) {
  }
  const auto said = speaker->spoken();
  REQUIRE(said.size() == 90);
  for (int i = 0; i < 30; ++i) {
    CHECK(said[3 * i] == speech::kChime);
    CHECK(said[3 * i + 1] == said[3 * i + 2]);
    CHECK(said[3 * i + 1] == hall::call_sentence(call(i + 1, "E-" + std::to_string(1001 + i), "11")));
  }
  // IT's test call from the fleet: the chime, then a sentence with no number in it, twice.
  a.add_test_call();
  while (a.tick()) {
  }
  const auto test = speaker->spoken();
  REQUIRE(test.size() == 93);
  CHECK(test[90] == speech::kChime);
  CHECK(test[91] == hall::test_call_sentence());
  CHECK(test[92] == test[91]);
  CHECK(test[91].find("Gọi thử") == 0);
  // On the wall, what was said is forgotten once said: a day of calls does not pile up.
  auto wall_voice = speech::make_log_speaker();
  hall::CallAnnouncer wall(wall_voice.get(), speech::Voice{}, true, false);
  for (int i = 1; i <= 50; ++i) wall.add(call(i, "E-" + std::to_string(i), "3"));
  while (wall.tick()) {
  }
  CHECK(wall.sentences_said() == 150);
  CHECK(wall_voice->spoken().empty());
  // Without a voice, calls are shown only, and nothing waits.
  hall::CallAnnouncer mute(nullptr, speech::Voice{}, true);
  mute.add(call(1, "E-1", "1"));
  CHECK(mute.waiting() == 0);
}

TEST_CASE("the queue server's calls are read strictly", "[hall]") {
  const auto calls = queue::parse_calls(R"({"calls":[{"seq":3,"number":"B-1023","service":"cong-an","counter":"5"},
                                                     {"seq":4,"number":"B-1023","service":"cong-an","counter":"5","recall":true}]})");
  REQUIRE(calls.size() == 2);
  CHECK(calls[1].recall);
  for (const char* bad : {R"({"calls":[{"seq":4,"number":"B","service":"s","counter":"5"},{"seq":3,"number":"B","service":"s","counter":"5"}]})",
                          R"({"calls":[{"seq":-1,"number":"B","service":"s","counter":"5"}]})",
                          R"({"calls":[{"seq":1,"number":"","service":"s","counter":"5"}]})",
                          R"({"calls":[{"seq":1,"number":"B","service":"../s","counter":"5"}]})",
                          R"({"calls":[{"seq":1,"number":"B","service":"s","counter":"5","recall":"yes"}]})", R"({"calls":{}})", "[]"}) {
    INFO(bad);
    CHECK_THROWS_AS(queue::parse_calls(bad), queue::BadAnswer);
  }
  // NovoSGA's panel: newest first, zero-padded numbers, desks by number.
  const auto p = queue::novosga::parse_painel(R"([{"id":9,"siglaSenha":"D","numeroSenha":7,"numeroLocal":9,"servico":{"id":4}},
                                                  {"id":8,"siglaSenha":"E","numeroSenha":12,"numeroLocal":11}])");
  REQUIRE(p.size() == 2);
  CHECK(p[0].seq == 8);
  CHECK(p[0].number == "E012");
  CHECK(p[1].number == "D007");
  CHECK(p[1].service == "4");
  CHECK_THROWS_AS(queue::novosga::parse_painel(R"([{"id":1,"siglaSenha":"D","numeroSenha":"7","numeroLocal":9}])"), queue::BadAnswer);
}

TEST_CASE("the numbers now served are readable from 10 m: digits at least a tenth of the screen", "[hall][ui]") {
  for (const ImVec2 screen : {ImVec2(1920, 1080), ImVec2(1080, 1920), ImVec2(3840, 2160)}) {
    INFO(screen.x << "x" << screen.y);
    ImGui::CreateContext();
    const ui::Fonts fonts = ui::load_fonts(std::min(screen.x, screen.y) / 1080.0f);
    ImGui::GetIO().Fonts->Build();
    const float size = ui::hall_number_size(screen, fonts, 6);
    const ImFontGlyph* eight = fonts.number->FindGlyph('8');
    REQUIRE(eight);
    const float digit = (eight->Y1 - eight->Y0) * size / fonts.number->FontSize;
    CHECK(digit >= screen.y / 10.0f);
    // And "B-1023" fits its tile's width (the tile is at most the screen's).
    CHECK(fonts.number->CalcTextSizeA(size, 1e9f, 0, "B-1023").x < screen.x * (screen.y > screen.x ? 0.98f : 0.36f));
    ImGui::DestroyContext();
  }
}

#include <catch2/catch.hpp>

#include "platform/script.hpp"

using namespace kiosk::platform;

TEST_CASE("scripts parse every command and reject what is not one") {
  auto steps = parse_script(
      "# comment\n\ntap Tra cứu thủ tục\ntap @960,540\ndrag @1,2 @3,4\ntype dang ky  ket\nkey Backspace\n"
      "wait 50\nidle 61\nshot home\nexpect Tiếp tục\nexpect-not cccd\n");
  REQUIRE(steps.size() == 10);
  CHECK(steps[0].kind == ScriptStep::Kind::TapText);
  CHECK(steps[0].text == "Tra cứu thủ tục");
  CHECK(steps[1].kind == ScriptStep::Kind::TapAt);
  CHECK(steps[1].x == 960);
  CHECK(steps[2].kind == ScriptStep::Kind::Drag);
  CHECK(steps[2].y2 == 4);
  CHECK(steps[3].text == "dang ky  ket");  // typed as written, spaces included
  CHECK(steps[6].number == 61);
  CHECK(steps[9].kind == ScriptStep::Kind::ExpectNot);
  CHECK(steps[9].line == 12);
  CHECK_THROWS_WITH(parse_script("jump now"), Catch::Contains("line 1") && Catch::Contains("unknown command"));
  CHECK_THROWS_WITH(parse_script("tap"), Catch::Contains("needs an argument"));
  CHECK_THROWS_WITH(parse_script("drag @1,2"), Catch::Contains("@X,Y @X,Y"));
  CHECK_THROWS_WITH(parse_script("wait soon"), Catch::Contains("takes a number"));
  CHECK_THROWS_WITH(parse_script("shot ../../etc/x"), Catch::Contains("plain file name"));
}

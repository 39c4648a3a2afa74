#include <catch2/catch.hpp>

#include "model/telex.hpp"

using kiosk::app::TelexComposer;

namespace {
std::string typed(const std::string& keys, bool telex = true) {
  TelexComposer c(telex);
  for (char k : keys) c.key(std::string(1, k));
  return c.text();
}
}  // namespace

TEST_CASE("Telex composes Vietnamese letters and tones") {
  CHECK(typed("ddawng kys keets hoon") == "đăng ký kết hôn");
  CHECK(typed("Vieetj Nam") == "Việt Nam");
  CHECK(typed("nguyeenx") == "nguyễn");
  CHECK(typed("tuowng") == "tương");
  CHECK(typed("hoaf") == "hòa");
  CHECK(typed("khuyas") == "khuýa");
  CHECK(typed("quys") == "quý");
  CHECK(typed("giaasy") == "giấy");
  CHECK(typed("DDOONGF") == "ĐỒNG");
  CHECK(typed("w") == "ư");
  CHECK(typed("tuoir") == "tuỏi");  // three vowels, open syllable: the middle one
  CHECK(typed("tuooir") == "tuổi");
}

TEST_CASE("Telex: a tone key twice types the letter, z removes the tone") {
  CHECK(typed("ass") == "as");
  CHECK(typed("asz") == "a");
  CHECK(typed("dd") == "đ");
  CHECK(typed("aaa") == "aa");
  CHECK(typed("s") == "s");  // nothing to put a tone on
}

TEST_CASE("without Telex, keys are typed as they are") {
  CHECK(typed("dang ky ket hon", false) == "dang ky ket hon");
  CHECK(typed("ddas", false) == "ddas");
}

TEST_CASE("backspace removes a whole letter with its marks") {
  TelexComposer c;
  for (char k : std::string("vieetj")) c.key(std::string(1, k));
  REQUIRE(c.text() == "việt");
  c.backspace();
  CHECK(c.text() == "việ");
  c.backspace();
  c.backspace();
  c.backspace();
  c.backspace();
  CHECK(c.text().empty());
}

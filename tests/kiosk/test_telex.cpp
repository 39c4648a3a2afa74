#include <catch2/catch.hpp>

#include "common/text.hpp"
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

TEST_CASE("the query has a length a person could type, no more", "[security]") {
  TelexComposer c;
  for (int i = 0; i < 1000; ++i) c.key("a");
  CHECK(c.text().size() == TelexComposer::kMaxBytes);
  std::string vi;
  for (int i = 0; i < 200; ++i) vi += "đ";
  c.set_text(vi);
  CHECK(c.text().size() <= TelexComposer::kMaxBytes);
  CHECK(kiosk::text::is_valid_utf8(c.text()));  // never cut inside a letter
}

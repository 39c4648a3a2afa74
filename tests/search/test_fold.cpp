#include <catch2/catch.hpp>

#include "search/fold.hpp"
#include "search/typos.hpp"

using namespace kiosk::search;

TEST_CASE("folding removes case, every diacritic and the bar of đ") {
  CHECK(fold("đăng ký kết hôn") == "dang ky ket hon");
  CHECK(fold("ĐĂNG KÝ KẾT HÔN") == "dang ky ket hon");
  CHECK(fold("dang ky ket hon") == "dang ky ket hon");
  // Two marks on one letter (ệ, ở, ữ) and decomposed input fold the same as composed.
  CHECK(fold("Giấy chứng nhận quyền sở hữu") == "giay chung nhan quyen so huu");
  CHECK(fold("be\xCC\xA3\xCC\x82nh") == fold("bệnh"));
  CHECK(fold("Quyền sử dụng đất") == "quyen su dung dat");
  CHECK(fold("ƯỚC") == "uoc");
}

TEST_CASE("folding splits on anything but letters and digits") {
  CHECK(fold("CMND/CCCD") == "cmnd cccd");
  CHECK(fold("hộ-kinh   doanh!!") == "ho kinh doanh");
  CHECK(fold("100% \"AND\" (NEAR*)") == "100 and near");
  CHECK(fold("😀 khai sinh 😀") == "khai sinh");
  CHECK(fold("") == "");
  CHECK(fold("\xC3\x28 sinh") == "sinh");
}

TEST_CASE("word spans map folded words back to the original bytes") {
  std::string name = "Đăng ký kết hôn";
  auto spans = word_spans(name);
  REQUIRE(spans.size() == 4);
  CHECK(name.substr(spans[0].begin, spans[0].end - spans[0].begin) == "Đăng");
  CHECK(spans[0].folded == "dang");
  CHECK(name.substr(spans[3].begin, spans[3].end - spans[3].begin) == "hôn");
}

TEST_CASE("edit distance counts an adjacent swap as one edit and stops early") {
  CHECK(edit_distance("dang", "dnag", 2) == 1);
  CHECK(edit_distance("ket", "kt", 2) == 1);
  CHECK(edit_distance("chieu", "chiu", 2) == 1);
  CHECK(edit_distance("abcdef", "uvwxyz", 2) == 3);
  CHECK(allowed_edits(3) == 0);
  CHECK(allowed_edits(4) == 1);
  CHECK(allowed_edits(8) == 2);
}

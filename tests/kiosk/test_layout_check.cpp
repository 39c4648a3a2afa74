#include <catch2/catch.hpp>

#include "ui/layout.hpp"
#include "ui/visible_items.hpp"

using namespace kiosk::ui;

namespace {
VisibleItem item(const std::string& text, float x0, float y0, float x1, float y1, unsigned layer = 1) {
  return VisibleItem{text, ImVec2(x0, y0), ImVec2(x1, y1), ImVec2(x0, y0), ImVec2(x1, y1), false, layer, false, false};
}
}  // namespace

TEST_CASE("the layout check finds what lies off the window, over another, or out of its button", "[layout]") {
  const ImVec2 window(1080, 1920);
  CHECK(layout_problems({item("a", 0, 0, 100, 50), item("b", 0, 60, 100, 100)}, window).empty());
  // Off the right edge: the level chips of a portrait screen before the layout adapted.
  auto off = layout_problems({item("Cấp bộ", 1000, 10, 1150, 90)}, window);
  REQUIRE(off.size() == 1);
  CHECK(off[0].find("outside the window") != std::string::npos);
  // The clock drawn over the center's name.
  auto over = layout_problems({item("Trung tâm Phục vụ hành chính công", 32, 30, 900, 90), item("09:41", 700, 40, 960, 80)}, window);
  REQUIRE(over.size() == 1);
  CHECK(over[0].find("overlap") != std::string::npos);
  // An overlay (another layer) may cover the page; a card's empty background may hold texts;
  // an alias of a key shares its rectangle; a few pixels of touching lines are no overlap.
  CHECK(layout_problems({item("page", 0, 0, 500, 500, 1), item("banner", 0, 400, 1080, 500, 2)}, window).empty());
  CHECK(layout_problems({item("", 0, 0, 500, 200), item("Đăng ký kết hôn", 20, 20, 480, 80)}, window).empty());
  CHECK(layout_problems({item("Dấu cách", 0, 0, 500, 80), item("␣", 0, 0, 500, 80)}, window).empty());
  CHECK(layout_problems({item("line 1", 0, 0, 500, 40), item("line 2", 0, 38, 500, 78)}, window).empty());
  // A card half scrolled out of its list is fine; one sticking out sideways is not.
  auto card = item("Đăng ký kết hôn", 34, 1700, 1000, 1920);
  card.drawn_max.y = 2000;
  card.scrolled = true;
  CHECK(layout_problems({card}, window).empty());
  card.drawn_max.x = 1200;
  CHECK(layout_problems({card}, window).size() == 1);
  auto spill = item("In danh sách giấy tờ cần mang", 0, 0, 200, 80);
  spill.overflow = true;
  CHECK(layout_problems({spill}, window).size() == 1);
}

TEST_CASE("sizes follow the screen's shape", "[layout]") {
  const Layout land = make_layout(ImVec2(1920, 1080), false);
  CHECK(land.s == Approx(1.0f));
  CHECK_FALSE(land.portrait);
  CHECK(land.nav_height(true) == land.nav_h);  // the action sits between back and home
  const Layout small = make_layout(ImVec2(1366, 768), false);
  CHECK(small.s == Approx(768.0f / 1080));
  const Layout tall = make_layout(ImVec2(1080, 1920), true);
  CHECK(tall.portrait);
  CHECK(tall.s == Approx(1.0f));
  CHECK(tall.header_h > land.header_h);              // the header stacks
  CHECK(tall.nav_height(true) > tall.nav_height(false));  // the action gets its own row
  CHECK(2 * tall.nav_button_w + 3 * tall.margin == Approx(1080));
}

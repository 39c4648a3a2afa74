// queue.json: which queue service serves a procedure, checked against the pack at build.
#include <catch2/catch.hpp>

#include "content/pack.hpp"
#include "content/queue_map.hpp"

using namespace kiosk::content;

namespace {

std::vector<Procedure> procedures() {
  Procedure marriage, residence, land, orphan;
  marriage.code = "1.000894";
  marriage.field = "Hộ tịch";
  marriage.counter = "Quầy 11–12 (Sở Tư pháp)";
  marriage.agencies = {"Sở Tư pháp"};
  residence.code = "1.001220";
  residence.field = "Cư trú";
  residence.agencies = {"Công an tỉnh"};
  land.code = "1.004227";
  land.field = "Đất đai";
  land.agencies = {"Văn phòng đăng ký đất đai"};
  orphan.code = "2.000001";
  orphan.field = "Quản lý biên giới";
  orphan.agencies = {"Đội Thủ tục Biên phòng"};
  return {marriage, residence, land, orphan};
}

}  // namespace

TEST_CASE("a procedure's queue service: by code, then counter, then field, then agency", "[content][queue]") {
  const auto ps = procedures();
  const auto m = parse_queue_map(R"j({"center": "hcc-tinh-mau", "priorities": ["nguoi-cao-tuoi"],
    "services": [{"service": "tu-phap", "counters": ["Quầy 11–12 (Sở Tư pháp)"]},
                 {"service": "ho-tich-uu-tien", "procedures": ["1.000894"]},
                 {"service": "cong-an", "agencies": ["Công an tỉnh"]},
                 {"service": "dat-dai", "fields": ["Đất đai"]}]})j",
                                 ps);
  CHECK(m.center == "hcc-tinh-mau");
  CHECK(m.priorities == std::vector<std::string>{"nguoi-cao-tuoi"});
  CHECK(m.service_for(ps[0]) == "ho-tich-uu-tien");  // its code wins over its counter
  CHECK(m.service_for(ps[1]) == "cong-an");
  CHECK(m.service_for(ps[2]) == "dat-dai");
  CHECK_FALSE(m.service_for(ps[3]));
  // Stored in the catalog as JSON and read back the same.
  const auto again = parse_queue_map(to_json(m).dump(), ps);
  CHECK(again.service_for(ps[0]) == "ho-tich-uu-tien");
  CHECK(again.rules.size() == 4);
}

TEST_CASE("a queue.json that maps by mistake is refused at build", "[content][queue]") {
  const auto ps = procedures();
  auto refused = [&](const std::string& text, const std::string& why) {
    INFO(text);
    try {
      parse_queue_map(text, ps);
      FAIL("accepted");
    } catch (const PackError& e) {
      CHECK(std::string(e.what()).find(why) != std::string::npos);
    }
  };
  refused(R"j({"center": "hcc", "services": [{"service": "tu-phap", "counters": ["Quầy 11-12 (Sở Tư pháp)"]}]})j", "no procedure has the counter");
  refused(R"j({"center": "hcc", "services": [{"service": "a", "procedures": ["1.000894"]}, {"service": "b", "procedures": ["1.000894"]}]})j",
          "is given to a and to b");
  refused(R"j({"center": "hcc", "priorities": ["vip"], "services": []})j", "unknown priority");
  refused(R"j({"center": "hcc tỉnh", "services": []})j", "center");
  refused(R"j({"center": "hcc", "services": [{"service": "../x", "fields": ["Đất đai"]}]})j", "no valid 'service' id");
  refused(R"j({"center": "hcc", "services": [{"service": "trong"}]})j", "names no procedure");
  refused(R"j({"center": "hcc", "services": [{"service": "a", "fields": "Đất đai"}]})j", "is not a list");
  refused("[1, 2]", "not a JSON object");
}

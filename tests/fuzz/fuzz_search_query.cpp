// Any bytes as a search query: no exception (an SQL or FTS5 error would throw), no crash.
#include <cstdint>
#include <memory>
#include <string_view>

#include "common/files.hpp"
#include "content/catalog.hpp"
#include "search/index.hpp"
#include "search/searcher.hpp"

namespace {

struct Fixture {
  kiosk::files::TempDir dir;
  std::unique_ptr<kiosk::search::Searcher> searcher;
  Fixture() {
    kiosk::content::PackContent pc;
    pc.meta = {{"center", {{"name", "fuzz"}}}};
    const char* names[] = {"Đăng ký kết hôn", "Cấp thẻ căn cước", "Đổi giấy phép lái xe", "Đăng ký hộ kinh doanh",
                           "Cấp hộ chiếu phổ thông", "Đăng ký khai sinh",
                           // Two names sharing a run, so initials ("pccc") spell a phrase.
                           "Thẩm định thiết kế phòng cháy chữa cháy", "Nghiệm thu phòng cháy chữa cháy"};
    int i = 0;
    for (const char* n : names) {
      kiosk::content::Procedure p;
      p.code = "1." + std::to_string(++i);
      p.name = n;
      kiosk::content::Document d;
      d.name = "Tờ khai";
      d.copies = "1 bản chính";
      p.documents.push_back(d);
      pc.procedures.push_back(p);
    }
    pc.synonyms = {{"giấy xác nhận độc thân", "xác nhận tình trạng hôn nhân"}};
    kiosk::content::build_catalog(pc, {}, dir.path() / "c.sqlite", {kiosk::search::index_extension()});
    searcher = std::make_unique<kiosk::search::Searcher>(dir.path() / "c.sqlite");
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Fixture f;
  std::string_view q(reinterpret_cast<const char*>(data), size);
  kiosk::search::Filters filters;
  if (size > 2 && data[0] == '!') filters.level = std::string(q.substr(1, 8));
  (void)f.searcher->search(q, filters, 20, true);
  (void)f.searcher->baseline_search(q, 5);
  return 0;
}

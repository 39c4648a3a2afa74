// The bundled sample pack: real national data, signed by the committed test key.
#include <catch2/catch.hpp>

#include "common/files.hpp"
#include "content/catalog.hpp"
#include "content/store.hpp"

using namespace kiosk;
using namespace kiosk::content;

TEST_CASE("the sample pack installs with every national procedure") {
  files::TempDir tmp;
  ContentStore store(tmp.path());
  auto key = read_public_key(std::string(KIOSK_SOURCE_DIR) + "/content/sample/test-signing.pub");
  store.install(KIOSK_SAMPLE_PACK, {key});
  Catalog cat(store.current_catalog());
  auto st = cat.stats();
  CHECK(st.procedures >= 2642 + 207);
  CHECK(st.fees_fixed > 1000);
  CHECK(st.procedures_with_documents > 2700);
  CHECK(st.procedures_raw_documents_only < 100);
  CHECK(cat.center().value("sample", false));

  // Đăng ký kết hôn, a procedure everyone asks about, is there with its papers.
  auto marriage = cat.procedure("1.000894");
  REQUIRE(marriage);
  CHECK(marriage->name.find("kết hôn") != std::string::npos);
  CHECK_FALSE(marriage->documents.empty());
  CHECK_FALSE(marriage->channels.empty());
  // Popularity from the portal orders the list a kiosk opens with.
  CHECK(cat.most_popular(1).at(0).code == "1.004194");
}

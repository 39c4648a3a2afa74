#include <catch2/catch.hpp>

#include "common/files.hpp"
#include "content/catalog.hpp"
#include "content/store.hpp"
#include "pack_forge.hpp"

using namespace kiosk;
using namespace kiosk::content;

namespace {

struct Fixture {
  files::TempDir tmp;
  KeyPair kp = generate_keypair();
  std::filesystem::path pack_a = tmp.path() / "a.kpack", pack_b = tmp.path() / "b.kpack";
  std::filesystem::path store_dir = tmp.path() / "store";
  Fixture() {
    test::write_small_source(tmp.path() / "src-a", 30, "1.0.0");
    test::write_small_source(tmp.path() / "src-b", 45, "2.0.0");
    build_pack(tmp.path() / "src-a", pack_a, kp.secret);
    build_pack(tmp.path() / "src-b", pack_b, kp.secret);
  }
  int64_t current_count() const {
    ContentStore s(store_dir);
    return Catalog(s.current_catalog()).stats().procedures;
  }
};

}  // namespace

TEST_CASE("install, upgrade and roll back") {
  Fixture f;
  ContentStore store(f.store_dir);
  CHECK_FALSE(store.current());
  CHECK_THROWS_WITH(store.current_catalog(), Catch::Contains("no content pack is installed"));

  auto a = store.install(f.pack_a, {f.kp.pub});
  CHECK(a.manifest.version == "1.0.0");
  CHECK(f.current_count() == 30);
  CHECK_FALSE(store.previous());

  store.install(f.pack_b, {f.kp.pub});
  CHECK(store.current()->manifest.version == "2.0.0");
  CHECK(store.previous()->manifest.version == "1.0.0");
  CHECK(f.current_count() == 45);

  auto back = store.rollback();
  CHECK(back.manifest.version == "1.0.0");
  CHECK(f.current_count() == 30);
  CHECK(store.previous()->manifest.version == "2.0.0");

  // Only the current and previous packs are kept on disk.
  store.install(f.pack_b, {f.kp.pub});
  store.install(f.pack_a, {f.kp.pub});
  int dirs = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(f.store_dir / "packs")) ++dirs;
  CHECK(dirs == 2);
}

TEST_CASE("rollback with nothing to return to is refused") {
  Fixture f;
  ContentStore store(f.store_dir);
  CHECK_THROWS_WITH(store.rollback(), Catch::Contains("no previous pack"));
  store.install(f.pack_a, {f.kp.pub});
  CHECK_THROWS_WITH(store.rollback(), Catch::Contains("no previous pack"));
  CHECK(f.current_count() == 30);
}

TEST_CASE("a refused pack leaves the installed one untouched") {
  Fixture f;
  ContentStore store(f.store_dir);
  store.install(f.pack_a, {f.kp.pub});
  const auto before = store.current()->dir;

  SECTION("untrusted signer") {
    auto other = generate_keypair();
    CHECK_THROWS_AS(store.install(f.pack_b, {other.pub}), PackError);
  }
  SECTION("truncated pack") {
    std::filesystem::resize_file(f.pack_b, std::filesystem::file_size(f.pack_b) - 100);
    CHECK_THROWS_AS(store.install(f.pack_b, {f.kp.pub}), PackError);
  }
  SECTION("missing file") {
    CHECK_THROWS(store.install(f.tmp.path() / "nope.kpack", {f.kp.pub}));
  }
  CHECK(store.current()->dir == before);
  CHECK(f.current_count() == 30);
  // No staging debris is left behind.
  int dirs = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(f.store_dir / "packs")) ++dirs;
  CHECK(dirs == 1);
}

TEST_CASE("a reader keeps a consistent catalog while a new pack is installed") {
  Fixture f;
  ContentStore store(f.store_dir);
  store.install(f.pack_a, {f.kp.pub});
  Catalog reader(store.current_catalog());
  CHECK(reader.stats().procedures == 30);
  store.install(f.pack_b, {f.kp.pub});
  store.install(f.pack_a, {f.kp.pub});  // the reader's pack directory is now garbage-collected
  CHECK(reader.stats().procedures == 30);
  CHECK(reader.meta("version") == "1.0.0");
  CHECK(reader.procedure("9.100003").has_value());
  Catalog fresh(store.current_catalog());
  CHECK(fresh.meta("version") == "1.0.0");
}

TEST_CASE("the catalog answers what the kiosk asks") {
  Fixture f;
  ContentStore store(f.store_dir);
  store.install(f.pack_a, {f.kp.pub});
  Catalog cat(store.current_catalog());
  CHECK(cat.center().value("name", "") == "Trung tâm thử nghiệm (dữ liệu tổng hợp)");
  auto top = cat.most_popular(5);
  REQUIRE(top.size() == 5);
  for (size_t i = 1; i < top.size(); ++i) CHECK(top[i - 1].popularity >= top[i].popularity);
  auto p = cat.procedure(top[0].code);
  REQUIRE(p);
  CHECK(p->name == top[0].name);
  CHECK(p->documents.size() == 3);
  CHECK_FALSE(cat.procedure("0.000000"));
  auto st = cat.stats();
  CHECK(st.fees_fixed + st.fees_free == 30);
  CHECK(st.documents == 90);
}

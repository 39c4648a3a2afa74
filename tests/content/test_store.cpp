#include <catch2/catch.hpp>

#include "common/files.hpp"
#include "content/catalog.hpp"
#include "content/store.hpp"
#include "pack_forge.hpp"

#include <fstream>
#include <nlohmann/json.hpp>

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

  auto a = store.install(f.pack_a, {f.kp.pub}).pack;
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
  InstallPolicy staff_override;
  staff_override.allow_older = true;
  store.install(f.pack_b, {f.kp.pub}, {}, staff_override);
  store.install(f.pack_a, {f.kp.pub}, {}, staff_override);
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
  InstallPolicy staff_override;
  staff_override.allow_older = true;
  store.install(f.pack_b, {f.kp.pub});
  store.install(f.pack_a, {f.kp.pub}, {}, staff_override);  // the reader's pack directory is now garbage-collected
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

namespace {

// A pack whose manifest says what the test wants (pack id, version, creation time).
void forge_with(const std::filesystem::path& out, const KeyPair& kp, const std::string& pack_id, const std::string& version,
                const std::string& created) {
  const std::string pack_json = R"({"pack_id":")" + pack_id + R"(","publisher":"p","version":")" + version +
                                R"(","center":{"name":"Trung tâm"}})";
  const std::string procs = R"({"code":"1.000001","name":"Đăng ký kết hôn"})" "\n";
  auto m = nlohmann::json::parse(test::forge_manifest({{"pack.json", pack_json}, {"procedures.jsonl", procs}}));
  m["pack_id"] = pack_id;
  m["version"] = version;
  m["created"] = created;
  test::forge_pack(out, m.dump(), kp.secret, {{"content/pack.json", pack_json}, {"content/procedures.jsonl", procs}});
}

}  // namespace

TEST_CASE("an old, foreign or future pack is refused, and staff overrides are recorded", "[security]") {
  Fixture f;
  ContentStore store(f.store_dir);
  store.install(f.pack_b, {f.kp.pub});  // 2.0.0
  const auto installed = store.current()->dir;
  SECTION("an older version of the same pack") {
    CHECK_THROWS_WITH(store.install(f.pack_a, {f.kp.pub}), Catch::Contains("not newer than the installed 2.0.0"));
  }
  SECTION("the same version with other content") {
    test::write_small_source(f.tmp.path() / "src-b2", 12, "2.0.0");
    build_pack(f.tmp.path() / "src-b2", f.tmp.path() / "b2.kpack", f.kp.secret);
    CHECK_THROWS_WITH(store.install(f.tmp.path() / "b2.kpack", {f.kp.pub}), Catch::Contains("not newer"));
  }
  SECTION("another pack id") {
    forge_with(f.tmp.path() / "other.kpack", f.kp, "another.center", "9.0.0", "2026-01-01T00:00:00Z");
    CHECK_THROWS_WITH(store.install(f.tmp.path() / "other.kpack", {f.kp.pub}), Catch::Contains("explicit override"));
  }
  SECTION("a creation time in the future or nonsense") {
    const std::string id = store.current()->manifest.pack_id;
    forge_with(f.tmp.path() / "future.kpack", f.kp, id, "3.0.0", "2099-01-01T00:00:00Z");
    CHECK_THROWS_WITH(store.install(f.tmp.path() / "future.kpack", {f.kp.pub}), Catch::Contains("in the future"));
    forge_with(f.tmp.path() / "nonsense.kpack", f.kp, id, "3.0.0", "yesterday");
    CHECK_THROWS_WITH(store.install(f.tmp.path() / "nonsense.kpack", {f.kp.pub}), Catch::Contains("not a UTC time stamp"));
    // A pack made a few minutes "ahead" by a kiosk clock slightly behind is fine.
    InstallPolicy skewed;
    skewed.now = std::chrono::system_clock::now() - std::chrono::minutes(10);
    forge_with(f.tmp.path() / "soon.kpack", f.kp, id, "3.0.0", "2026-01-01T00:00:00Z");
    CHECK_NOTHROW(store.install(f.tmp.path() / "soon.kpack", {f.kp.pub}, {}, skewed));
    return;
  }
  SECTION("reinstalling the very same pack does nothing") {
    auto again = store.install(f.pack_b, {f.kp.pub});
    CHECK(again.already_installed);
    CHECK(store.current()->dir == installed);
    CHECK_FALSE(store.previous());
    return;
  }
  CHECK(store.current()->dir == installed);
  // Staff may override, explicitly: it is done and written in the history.
  InstallPolicy o;
  o.allow_older = true;
  auto r = store.install(f.pack_a, {f.kp.pub}, {}, o);
  REQUIRE(r.overrides.size() == 1);
  CHECK(r.overrides[0] == "version 2.0.0 replaced by 1.0.0");
  const auto h = store.history();
  REQUIRE(h.size() == 2);
  CHECK(h[1].find("OVERRIDE: version 2.0.0 replaced by 1.0.0") != std::string::npos);
}

TEST_CASE("installing an old pack twice never evicts the only copy of the newer one", "[security]") {
  Fixture f;
  ContentStore store(f.store_dir);
  store.install(f.pack_a, {f.kp.pub});
  store.install(f.pack_b, {f.kp.pub});
  InstallPolicy o;
  o.allow_older = true;
  test::write_small_source(f.tmp.path() / "src-a2", 31, "1.0.1");
  build_pack(f.tmp.path() / "src-a2", f.tmp.path() / "a2.kpack", f.kp.secret);
  store.install(f.pack_a, {f.kp.pub}, {}, o);                    // current 1.0.0, previous 2.0.0
  store.install(f.tmp.path() / "a2.kpack", {f.kp.pub}, {}, o);   // current 1.0.1, previous still 2.0.0
  CHECK(store.current()->manifest.version == "1.0.1");
  CHECK(store.previous()->manifest.version == "2.0.0");
  CHECK(store.rollback().manifest.version == "2.0.0");
}

TEST_CASE("a damaged catalog is found at start: the previous pack serves, or none", "[security]") {
  Fixture f;
  ContentStore store(f.store_dir);
  store.install(f.pack_a, {f.kp.pub});
  store.install(f.pack_b, {f.kp.pub});
  auto u = store.usable();
  REQUIRE(u.pack);
  CHECK(u.pack->manifest.version == "2.0.0");
  CHECK_FALSE(u.fell_back);
  auto flip = [](const std::filesystem::path& file) {
    std::fstream io(file, std::ios::in | std::ios::out | std::ios::binary);
    io.seekp(5000);
    io.write("\xde\xad\xbe\xef", 4);
  };
  flip(store.current()->dir / "catalog.sqlite");
  u = store.usable();
  REQUIRE(u.pack);
  CHECK(u.fell_back);
  CHECK(u.pack->manifest.version == "1.0.0");
  REQUIRE(u.problems.size() == 1);
  CHECK(u.problems[0].find("2.0.0 is damaged") != std::string::npos);
  flip(store.previous()->dir / "catalog.sqlite");
  u = store.usable();
  CHECK_FALSE(u.pack);
  CHECK(u.problems.size() == 2);
}

TEST_CASE("a schema 1 pack, whose rows carry no class, installs and reads back classified", "[content][classes]") {
  files::TempDir tmp;
  KeyPair kp = generate_keypair();
  const std::string pack_json = R"({"pack_id":"old.pack","publisher":"p","version":"1.0","center":{"name":"Trung tâm"}})";
  const std::string procs =
      R"({"code":"1.000001","name":"Đăng ký kết hôn","documents":[)"
      R"({"name":"- Tờ khai đăng ký kết hôn;","copies":"1 bản chính"},)"
      R"({"name":"+ Người tiếp nhận có trách nhiệm kiểm tra hồ sơ.","copies":"0 bản chính","note":"* Lưu ý:"}]})"
      "\n";
  const auto out = tmp.path() / "old.kpack";
  const std::string manifest = test::forge_manifest({{"pack.json", pack_json}, {"procedures.jsonl", procs}}, 1);
  REQUIRE(nlohmann::json::parse(manifest)["schema_version"] == 1);
  test::forge_pack(out, manifest, kp.secret, {{"content/pack.json", pack_json}, {"content/procedures.jsonl", procs}});
  ContentStore store(tmp.path() / "store");
  store.install(out, {kp.pub});
  Catalog cat(store.current_catalog());
  auto p = cat.procedure("1.000001");
  REQUIRE(p);
  REQUIRE(p->documents.size() == 2);
  CHECK(p->documents[0].kind == Document::Kind::Paper);
  CHECK(p->documents[0].title == "Tờ khai đăng ký kết hôn");
  CHECK(p->documents[1].kind == Document::Kind::Note);
}

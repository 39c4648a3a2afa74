// Every way a pack can be bad is refused with a one-line reason naming the problem.
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>

#include "common/files.hpp"
#include "content/pack.hpp"
#include "content/pack_content.hpp"
#include "pack_forge.hpp"

using namespace kiosk;
using namespace kiosk::content;
using test::ForgedEntry;

namespace {

const std::string kPackJson =
    R"({"pack_id":"t","publisher":"p","version":"1","center":{"name":"Trung tâm"}})";
const std::string kOneProcedure = R"({"code":"1.000001","name":"Đăng ký kết hôn"})" "\n";

// Verifies and loads the content the way an install does.
void open_pack(const std::filesystem::path& pack, const PublicKey& key) {
  files::TempDir out;
  verify_and_extract(pack, {key}, out.path());
  load_pack_content(out.path());
}

// A pack whose archive and signature are sound, with the given content files.
void forge_signed(const std::filesystem::path& out, const KeyPair& kp,
                  const std::vector<std::pair<std::string, std::string>>& files) {
  std::vector<ForgedEntry> entries;
  for (const auto& [p, d] : files) entries.push_back({"content/" + p, d});
  test::forge_pack(out, test::forge_manifest(files), kp.secret, entries);
}

}  // namespace

TEST_CASE("bad packs are refused with a reason") {
  files::TempDir tmp;
  const auto pack = tmp.path() / "bad.kpack";
  auto kp = generate_keypair();
  const std::vector<std::pair<std::string, std::string>> good = {{"pack.json", kPackJson},
                                                                  {"procedures.jsonl", kOneProcedure}};

  SECTION("the forge itself makes acceptable packs") {
    forge_signed(pack, kp, good);
    CHECK_NOTHROW(open_pack(pack, kp.pub));
  }
  SECTION("a content byte changed after signing") {
    std::string manifest = test::forge_manifest(good);
    std::string altered = kOneProcedure;
    altered[12] = '9';
    test::forge_pack(pack, manifest, kp.secret, {{"content/pack.json", kPackJson}, {"content/procedures.jsonl", altered}});
    CHECK_THROWS_WITH(open_pack(pack, kp.pub), Catch::Contains("does not match its SHA-256"));
  }
  SECTION("the manifest changed after signing") {
    auto mj = nlohmann::json::parse(test::forge_manifest(good));
    mj["signing_key_id"] = key_id(kp.pub);
    std::string manifest = mj.dump();
    // Sign the original, ship an altered copy: build by hand.
    auto sig = sign(kp.secret, manifest);
    std::string altered = manifest;
    altered.replace(altered.find("forged"), 6, "f0rged");
    test::forge_pack(pack, altered, kp.secret,
                     {{"manifest.sig", std::string(reinterpret_cast<const char*>(sig.data()), 64)}}, false);
    CHECK_THROWS_WITH(open_pack(pack, kp.pub), Catch::Contains("altered after signing"));
  }
  SECTION("no signature") {
    test::forge_pack(pack, test::forge_manifest(good), kp.secret,
                     {{"content/pack.json", kPackJson}, {"content/procedures.jsonl", kOneProcedure}}, false);
    CHECK_THROWS_WITH(open_pack(pack, kp.pub), Catch::Contains("signature is missing"));
  }
  SECTION("a malformed signature") {
    test::forge_pack(pack, test::forge_manifest(good), kp.secret, {{"manifest.sig", "short"}}, false);
    CHECK_THROWS_WITH(open_pack(pack, kp.pub), Catch::Contains("signature is missing or malformed"));
  }
  SECTION("signed by a key the kiosk does not trust") {
    auto stranger = generate_keypair();
    forge_signed(pack, stranger, good);
    CHECK_THROWS_WITH(open_pack(pack, kp.pub), Catch::Contains("signature is not from a trusted key"));
  }
  SECTION("a manifest no parser should see, signed by a stranger: refused for its signature") {
    // The signature is checked before the manifest is read as JSON (#11): garbage from an
    // untrusted signer is refused as untrusted, not as malformed JSON.
    auto stranger = generate_keypair();
    test::forge_pack(pack, std::string(200000, '[') + "\"\xff", stranger.secret,
                     {{"content/pack.json", kPackJson}, {"content/procedures.jsonl", kOneProcedure}});
    CHECK_THROWS_WITH(open_pack(pack, kp.pub), Catch::Contains("trusted key") && !Catch::Contains("JSON"));
  }
  SECTION("signed by an untrusted key that names itself") {
    files::TempDir src;
    test::write_small_source(src.path(), 2);
    auto stranger = generate_keypair();
    build_pack(src.path(), pack, stranger.secret);
    CHECK_THROWS_WITH(open_pack(pack, kp.pub), Catch::Contains("untrusted key (" + key_id(stranger.pub) + ")"));
  }
  SECTION("a truncated file") {
    files::TempDir src;
    test::write_small_source(src.path(), 200);
    build_pack(src.path(), pack, kp.secret);
    std::filesystem::resize_file(pack, std::filesystem::file_size(pack) / 2);
    CHECK_THROWS_WITH(open_pack(pack, kp.pub), Catch::Contains("truncated"));
  }
  SECTION("not an archive at all") {
    files::write_file_durable(pack, "this is not a pack");
    CHECK_THROWS_WITH(open_pack(pack, kp.pub), Catch::Contains("not a kiosk content pack"));
  }
  SECTION("an entry escaping with .. though the manifest is clean") {
    test::forge_pack(pack, test::forge_manifest(good), kp.secret,
                     {{"content/../../etc/evil", "x"}, {"content/pack.json", kPackJson}});
    CHECK_THROWS_WITH(open_pack(pack, kp.pub), Catch::Contains("unsafe entry name"));
  }
  SECTION("a manifest naming a path with ..") {
    auto files = good;
    files.push_back({"forms/../../x", "x"});
    test::forge_pack(pack, test::forge_manifest(files), kp.secret, {});
    CHECK_THROWS_WITH(open_pack(pack, kp.pub), Catch::Contains("unsafe path"));
  }
  SECTION("an absolute path") {
    test::forge_pack(pack, test::forge_manifest(good), kp.secret, {{"/etc/passwd", "x"}});
    CHECK_THROWS_WITH(open_pack(pack, kp.pub), Catch::Contains("outside content/"));
  }
  SECTION("a symlink entry") {
    ForgedEntry link{"content/procedures.jsonl", "", ForgedEntry::Type::Symlink, "/etc/passwd", {}};
    test::forge_pack(pack, test::forge_manifest(good), kp.secret, {{"content/pack.json", kPackJson}, link});
    CHECK_THROWS_WITH(open_pack(pack, kp.pub), Catch::Contains("is a symlink"));
  }
  SECTION("a hard link entry") {
    ForgedEntry link{"content/procedures.jsonl", "", ForgedEntry::Type::HardLink, "content/pack.json", {}};
    test::forge_pack(pack, test::forge_manifest(good), kp.secret, {{"content/pack.json", kPackJson}, link});
    CHECK_THROWS_WITH(open_pack(pack, kp.pub), Catch::Contains("hard link"));
  }
  SECTION("an entry far larger than declared (decompression bomb)") {
    test::forge_bomb_pack(pack, kp.secret, 64ull << 20, 100);
    CHECK(std::filesystem::file_size(pack) < (1u << 20));
    files::TempDir out;
    CHECK_THROWS_WITH(verify_and_extract(pack, {kp.pub}, out.path()), Catch::Contains("oversized entry refused"));
    // Nothing of the bomb reached the disk.
    CHECK_FALSE(std::filesystem::exists(out.path() / "procedures.jsonl"));
  }
  SECTION("an entry missing from the manifest") {
    test::forge_pack(pack, test::forge_manifest(good), kp.secret,
                     {{"content/pack.json", kPackJson}, {"content/procedures.jsonl", kOneProcedure}, {"content/extra", "x"}});
    CHECK_THROWS_WITH(open_pack(pack, kp.pub), Catch::Contains("not in the manifest"));
  }
  SECTION("a file the manifest lists is absent") {
    test::forge_pack(pack, test::forge_manifest(good), kp.secret, {{"content/pack.json", kPackJson}});
    CHECK_THROWS_WITH(open_pack(pack, kp.pub), Catch::Contains("missing procedures.jsonl"));
  }
  SECTION("duplicate procedure codes") {
    forge_signed(pack, kp, {{"pack.json", kPackJson}, {"procedures.jsonl", kOneProcedure + kOneProcedure}});
    CHECK_THROWS_WITH(open_pack(pack, kp.pub), Catch::Contains("duplicate procedure code 1.000001"));
  }
  SECTION("invalid UTF-8") {
    forge_signed(pack, kp, {{"pack.json", kPackJson}, {"procedures.jsonl", "{\"code\":\"1\",\"name\":\"\xC3\x28\"}\n"}});
    CHECK_THROWS_WITH(open_pack(pack, kp.pub), Catch::Contains("invalid UTF-8"));
  }
  SECTION("a procedure without a name") {
    forge_signed(pack, kp, {{"pack.json", kPackJson}, {"procedures.jsonl", "{\"code\":\"1.2\"}\n"}});
    CHECK_THROWS_WITH(open_pack(pack, kp.pub), Catch::Contains("missing required field 'name'"));
  }
  SECTION("a fixed fee without an amount") {
    forge_signed(pack, kp,
                 {{"pack.json", kPackJson},
                  {"procedures.jsonl",
                   R"({"code":"1","name":"x","channels":[{"name":"Trực tiếp","fees":[{"kind":"fixed"}]}]})"}});
    CHECK_THROWS_WITH(open_pack(pack, kp.pub), Catch::Contains("amount_vnd"));
  }
  SECTION("a form file the pack does not carry") {
    forge_signed(pack, kp,
                 {{"pack.json", kPackJson},
                  {"procedures.jsonl", R"({"code":"1","name":"x","forms":[{"id":"f1","name":"Tờ khai","file":"forms/a.pdf"}]})"}});
    CHECK_THROWS_WITH(open_pack(pack, kp.pub), Catch::Contains("form file forms/a.pdf is not in the pack"));
  }
  SECTION("a newer schema than the kiosk knows") {
    test::forge_pack(pack, test::forge_manifest(good, kSchemaVersion + 1), kp.secret, {});
    CHECK_THROWS_WITH(open_pack(pack, kp.pub), Catch::Contains("newer than this kiosk knows"));
  }
  SECTION("a pack that needs a newer kiosk") {
    test::forge_pack(pack, test::forge_manifest(good, 1, "99.0"), kp.secret, {});
    CHECK_THROWS_WITH(open_pack(pack, kp.pub), Catch::Contains("needs kiosk version 99.0"));
  }
  SECTION("no pack.json") {
    forge_signed(pack, kp, {{"procedures.jsonl", kOneProcedure}});
    CHECK_THROWS_WITH(open_pack(pack, kp.pub), Catch::Contains("lacks pack.json"));
  }
}

// A flip can land in tar padding, which carries no content; what matters is that nothing
// altered is ever accepted.
TEST_CASE("random byte flips never get altered content accepted") {
  files::TempDir tmp;
  test::write_small_source(tmp.path() / "src", 50);
  auto kp = generate_keypair();
  build_pack(tmp.path() / "src", tmp.path() / "good.kpack", kp.secret);
  const std::string original = files::read_file(tmp.path() / "good.kpack");
  const std::string procedures = files::read_file(tmp.path() / "src" / "procedures.jsonl");
  std::mt19937 rng(42);
  int refused = 0;
  for (int i = 0; i < 40; ++i) {
    std::string bytes = original;
    size_t pos = rng() % bytes.size();
    bytes[pos] = static_cast<char>(bytes[pos] ^ (1 + rng() % 255));
    const auto bad = tmp.path() / "flipped.kpack";
    files::write_file_durable(bad, bytes);
    files::TempDir out;
    try {
      verify_and_extract(bad, {kp.pub}, out.path());
      CHECK(files::read_file(out.path() / "procedures.jsonl") == procedures);
    } catch (const PackError&) {
      ++refused;
    }
  }
  CHECK(refused >= 30);
}

TEST_CASE("what a hostile pack names reaches no terminal as escape sequences, and points at no file outside it", "[security]") {
  files::TempDir tmp;
  const auto pack = tmp.path() / "hostile.kpack";
  auto kp = generate_keypair();
  SECTION("an entry name with a terminal escape") {
    test::forge_pack(pack, test::forge_manifest({{"pack.json", kPackJson}}), kp.secret,
                     {{"content/pack.json", kPackJson}, {"content/\x1b]0;owned\x07.txt", "x"}});
    try {
      open_pack(pack, kp.pub);
      FAIL("accepted");
    } catch (const PackError& e) {
      const std::string what = e.what();
      CHECK(what.find('\x1b') == std::string::npos);
      CHECK(what.find('\x07') == std::string::npos);
      CHECK(what.find("?]0;owned?") != std::string::npos);
    }
  }
  SECTION("a key id with a terminal escape, from an untrusted signer") {
    auto mj = nlohmann::json::parse(test::forge_manifest({{"pack.json", kPackJson}}));
    mj["signing_key_id"] = "\x1b[2J\x1b[31mowned";
    auto stranger = generate_keypair();
    test::forge_pack(pack, mj.dump(), stranger.secret, {{"content/pack.json", kPackJson}});
    try {
      open_pack(pack, kp.pub);
      FAIL("accepted");
    } catch (const PackError& e) {
      const std::string what = e.what();
      CHECK(what.find('\x1b') == std::string::npos);
      INFO(what);
      CHECK(what.find("trusted key") != std::string::npos);
    }
  }
  SECTION("a form pointing at a file of the kiosk") {
    const std::string procs = R"({"code":"1.000001","name":"Đăng ký kết hôn","forms":[{"id":"f","name":"x","file":"/etc/hostname"}]})" "\n";
    forge_signed(pack, kp, {{"pack.json", kPackJson}, {"procedures.jsonl", procs}});
    CHECK_THROWS_WITH(open_pack(pack, kp.pub), Catch::Contains("form file '/etc/hostname'"));
    const std::string up = R"({"code":"1.000001","name":"Đăng ký kết hôn","forms":[{"id":"f","name":"x","file":"../../x.pdf"}]})" "\n";
    forge_signed(pack, kp, {{"pack.json", kPackJson}, {"procedures.jsonl", up}});
    CHECK_THROWS_WITH(open_pack(pack, kp.pub), Catch::Contains("form file '../../x.pdf'"));
  }
}

#include <catch2/catch.hpp>

#include "common/files.hpp"
#include "content/pack.hpp"
#include "content/pack_content.hpp"
#include "pack_forge.hpp"

using namespace kiosk;
using namespace kiosk::content;

TEST_CASE("a built pack verifies and extracts to the same files") {
  files::TempDir tmp;
  test::write_small_source(tmp.path() / "src", 25);
  auto kp = generate_keypair();
  Manifest built = build_pack(tmp.path() / "src", tmp.path() / "p.kpack", kp.secret);
  REQUIRE(built.files.size() == 2);
  CHECK(built.signing_key_id == key_id(kp.pub));

  std::filesystem::create_directories(tmp.path() / "out");
  auto v = verify_and_extract(tmp.path() / "p.kpack", {kp.pub}, tmp.path() / "out");
  CHECK(v.manifest.pack_id == "synthetic");
  CHECK(v.signer == kp.pub);
  for (const char* f : {"pack.json", "procedures.jsonl"})
    CHECK(files::read_file(tmp.path() / "out" / f) == files::read_file(tmp.path() / "src" / f));
  CHECK(load_pack_content(tmp.path() / "out").procedures.size() == 25);
}

TEST_CASE("any of several trusted keys is accepted") {
  files::TempDir tmp;
  test::write_small_source(tmp.path() / "src", 3);
  auto a = generate_keypair(), b = generate_keypair();
  build_pack(tmp.path() / "src", tmp.path() / "p.kpack", b.secret);
  auto v = verify_and_extract(tmp.path() / "p.kpack", {a.pub, b.pub}, tmp.path());
  CHECK(v.signer == b.pub);
}

TEST_CASE("key files round-trip and reject the wrong kind") {
  files::TempDir tmp;
  auto kp = generate_keypair();
  write_secret_key(tmp.path() / "k.key", kp.secret);
  write_public_key(tmp.path() / "k.pub", kp.pub);
  CHECK(read_secret_key(tmp.path() / "k.key") == kp.secret);
  CHECK(read_public_key(tmp.path() / "k.pub") == kp.pub);
  CHECK(public_half(kp.secret) == kp.pub);
  CHECK_THROWS_WITH(read_public_key(tmp.path() / "k.key"), Catch::Contains("not an ed25519-public key"));
}

TEST_CASE("the builder refuses a source a kiosk would refuse") {
  files::TempDir tmp;
  test::write_small_source(tmp.path() / "src", 3);
  auto kp = generate_keypair();
  SECTION("a symlink in the source") {
    std::filesystem::create_symlink("/etc/passwd", tmp.path() / "src" / "passwd");
    CHECK_THROWS_WITH(build_pack(tmp.path() / "src", tmp.path() / "p.kpack", kp.secret), Catch::Contains("symlink"));
  }
  SECTION("no pack.json") {
    std::filesystem::remove(tmp.path() / "src" / "pack.json");
    CHECK_THROWS_WITH(build_pack(tmp.path() / "src", tmp.path() / "p.kpack", kp.secret), Catch::Contains("pack.json"));
  }
  CHECK_FALSE(std::filesystem::exists(tmp.path() / "p.kpack"));
}

TEST_CASE("version comparison is numeric per component") {
  CHECK(version_at_least("0.10.0", "0.9.9"));
  CHECK(version_at_least("1.0", "1.0.0"));
  CHECK_FALSE(version_at_least("0.1.0", "0.2"));
  CHECK_FALSE(version_at_least("1.9", "1.10"));
}

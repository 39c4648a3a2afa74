// The fleet's content channel against a real nginx over TLS (a test CA): publish, then one
// update pass at a time, as a kiosk polls.
#include <catch2/catch.hpp>

#include "common/files.hpp"
#include "content/channel.hpp"
#include "content/pack.hpp"
#include "content/update.hpp"
#include "rig/https_server.hpp"
#include "pack_forge.hpp"
#include "process.hpp"

using namespace kiosk::content;
using Kind = UpdateOutcome::Kind;
namespace fs = std::filesystem;

namespace {

struct Fleet {
  kiosk::files::TempDir tmp;
  kiosk::rig::HttpsServer server;
  KeyPair key = generate_keypair();
  fs::path v1 = tmp.path() / "v1.kpack", v2 = tmp.path() / "v2.kpack";
  ContentStore store{tmp.path() / "store"};
  UpdateOptions opt;
  std::string check_result;  // what the self-check says
  int checks = 0;

  Fleet() {
    kiosk::test::write_small_source(tmp.path() / "src1", 3, "1.0.0");
    kiosk::test::write_small_source(tmp.path() / "src2", 200, "2.0.0");
    build_pack(tmp.path() / "src1", v1, key.secret);
    build_pack(tmp.path() / "src2", v2, key.secret);
    store.install(v1, {key.pub});
    opt.channel_url = server.url("stable.json");
    opt.trusted = {key.pub};
    opt.kiosk_id = "kiosk-a";
    opt.kiosk_version = "0.1.0";
    opt.http.ca_bundle = server.ca_bundle();
  }
  UpdateOutcome pass() {
    return update_from_channel(store, opt, [this](const InstalledPack&) {
      ++checks;
      return check_result;
    });
  }
  std::string installed() { return store.current()->manifest.version; }
};

}  // namespace

TEST_CASE("channel: a new pack is fetched, checked and installed, then the channel costs a 304", "[channel]") {
  Fleet f;
  const auto e = publish_pack(f.v2, f.server.root(), f.key.secret, "stable", 100);
  CHECK(e.version == "2.0.0");
  CHECK(e.size == fs::file_size(f.v2));
  const auto r = f.pass();
  CHECK(r.kind == Kind::Installed);
  CHECK(f.installed() == "2.0.0");
  CHECK(f.checks == 1);
  CHECK(f.server.requests_for(e.file, 200, 1) == 1);
  // Polled again: nothing changed, nothing downloaded.
  CHECK(f.pass().kind == Kind::Unchanged);
  CHECK(f.server.requests_for("stable.json", 304, 1) == 1);
  CHECK(f.server.requests_for(e.file, 200, 1) == 1);
  // Staff roll back by hand: the next pass reads the channel again and finds the newer pack.
  f.store.rollback();
  CHECK(f.pass().kind == Kind::Installed);
}

TEST_CASE("channel: the installed version is up to date, an older one is never installed", "[channel]") {
  Fleet f;
  publish_pack(f.v1, f.server.root(), f.key.secret, "stable", 100);
  CHECK(f.pass().kind == Kind::UpToDate);
  f.store.install(f.v2, {f.key.pub});
  CHECK(f.pass().kind == Kind::UpToDate);  // the channel's 1.0.0 is older
  CHECK(f.installed() == "2.0.0");
}

TEST_CASE("channel: a cut download is resumed, a wrong one is refused and thrown away", "[channel]") {
  Fleet f;
  const auto e = publish_pack(f.v2, f.server.root(), f.key.secret, "stable", 100);
  const std::string whole = kiosk::files::read_file(f.server.root() / e.file);
  // The server holds only half the file (a copy in progress, a cut connection).
  kiosk::files::write_file_durable(f.server.root() / e.file, whole.substr(0, whole.size() / 2));
  CHECK_THROWS_WITH(f.pass(), Catch::Contains("cut short"));
  CHECK(f.installed() == "1.0.0");
  const auto part = f.tmp.path() / "store" / "channel" / (e.file + ".part");
  REQUIRE(fs::file_size(part) == whole.size() / 2);
  // The pack is gone from the server for a while: its 404 page never lands in the part, which
  // is dropped (the pack will be fetched whole).
  fs::remove(f.server.root() / e.file);
  CHECK_THROWS_WITH(f.pass(), Catch::Contains("pack download"));
  CHECK_FALSE(fs::exists(part));
  kiosk::files::write_file_durable(f.server.root() / e.file, whole.substr(0, whole.size() / 2));
  CHECK_THROWS_WITH(f.pass(), Catch::Contains("cut short"));
  CHECK(fs::file_size(part) == whole.size() / 2);
  // The rest arrives: the next pass asks only for the missing half.
  kiosk::files::write_file_durable(f.server.root() / e.file, whole);
  CHECK(f.pass().kind == Kind::Installed);
  CHECK(f.server.requests_for(e.file, 206, 1) == 1);
  // Now a pack whose bytes are not the channel's (same size): refused, nothing installed.
  Fleet g;
  const auto e2 = publish_pack(g.v2, g.server.root(), g.key.secret, "stable", 100);
  std::string bytes = kiosk::files::read_file(g.server.root() / e2.file);
  bytes[bytes.size() / 2] ^= 0x5a;
  kiosk::files::write_file_durable(g.server.root() / e2.file, bytes);
  CHECK_THROWS_WITH(g.pass(), Catch::Contains("SHA-256"));
  CHECK(g.installed() == "1.0.0");
  CHECK_FALSE(fs::exists(g.tmp.path() / "store" / "channel" / (e2.file + ".part")));
  // A server sending more than the channel says: cut at the channel's size, thrown away.
  Fleet h;
  const auto e3 = publish_pack(h.v2, h.server.root(), h.key.secret, "stable", 100);
  kiosk::files::write_file_durable(h.server.root() / e3.file, kiosk::files::read_file(h.v2) + std::string(100000, 'x'));
  CHECK_THROWS_WITH(h.pass(), Catch::Contains("larger than"));
  CHECK_FALSE(fs::exists(h.tmp.path() / "store" / "channel" / (e3.file + ".part")));
  CHECK(h.installed() == "1.0.0");
}

TEST_CASE("channel: forged, unsigned or tampered channel files are refused", "[channel]") {
  Fleet f;
  const auto e = publish_pack(f.v2, f.server.root(), f.key.secret, "stable", 100);
  const std::string good = kiosk::files::read_file(f.server.root() / "stable.json");
  // Signed by another key.
  const KeyPair other = generate_keypair();
  kiosk::files::write_file_durable(f.server.root() / "stable.json", channel_document(e, other.secret));
  CHECK_THROWS_WITH(f.pass(), Catch::Contains("not signed by a trusted key"));
  // The payload edited after signing (a bigger rollout, another hash).
  std::string edited = good;
  edited.replace(edited.find("\\\"rollout\\\":100"), 15, "\\\"rollout\\\":99 ");
  kiosk::files::write_file_durable(f.server.root() / "stable.json", edited);
  CHECK_THROWS_WITH(f.pass(), Catch::Contains("not signed by a trusted key"));
  kiosk::files::write_file_durable(f.server.root() / "stable.json", "<html>gateway error</html>");
  CHECK_THROWS_WITH(f.pass(), Catch::Contains("not a channel file"));
  // A pack name with a path in it, even signed by the right key.
  ChannelEntry sneaky = e;
  sneaky.file = "../../etc/passwd";
  kiosk::files::write_file_durable(f.server.root() / "stable.json", channel_document(sneaky, f.key.secret));
  CHECK_THROWS_WITH(f.pass(), Catch::Contains("path"));
  CHECK(f.installed() == "1.0.0");
}

TEST_CASE("channel: a channel file signed for another channel is refused (pilot.json served as stable.json)", "[channel][security]") {
  Fleet f;
  publish_pack(f.v2, f.server.root(), f.key.secret, "pilot", 100);
  // Before: the signature held, the name inside was never looked at, and stable kiosks took the
  // pilot's pack.
  fs::copy_file(f.server.root() / "pilot.json", f.server.root() / "stable.json");
  CHECK_THROWS_WITH(f.pass(), Catch::Contains("signed for channel 'pilot', not 'stable'"));
  CHECK(f.installed() == "1.0.0");
  // The pilot kiosks themselves take it.
  f.opt.channel_url = f.server.url("pilot.json");
  CHECK(f.pass().kind == Kind::Installed);
  CHECK(channel_name_of("https://h/kiosks/stable.json?t=1") == "stable");
}

TEST_CASE("channel: a rollout leaves the same kiosks out every poll, a pin holds a kiosk back", "[channel]") {
  Fleet f;
  publish_pack(f.v2, f.server.root(), f.key.secret, "stable", 10);
  int in = 0;
  for (int i = 0; i < 1000; ++i) in += in_rollout("kiosk-" + std::to_string(i), 10) ? 1 : 0;
  CHECK(in > 60);
  CHECK(in < 140);
  std::string out_id;
  for (int i = 0; out_id.empty(); ++i)
    if (!in_rollout("kiosk-" + std::to_string(i), 10)) out_id = "kiosk-" + std::to_string(i);
  f.opt.kiosk_id = out_id;
  CHECK(f.pass().kind == Kind::NotInRollout);
  CHECK(f.pass().kind == Kind::NotInRollout);  // read again each poll: the share may grow
  publish_pack(f.v2, f.server.root(), f.key.secret, "stable", 100);
  f.opt.pinned_version = "1.0.0";
  CHECK(f.pass().kind == Kind::Pinned);
  f.opt.pinned_version.clear();
  CHECK(f.pass().kind == Kind::Installed);
}

TEST_CASE("channel: a pack failing its self-check is rolled back, and not tried again", "[channel]") {
  Fleet f;
  publish_pack(f.v2, f.server.root(), f.key.secret, "stable", 100);
  f.check_result = "search does not answer";
  const auto r = f.pass();
  CHECK(r.kind == Kind::RolledBack);
  CHECK(r.detail.find("search does not answer") != std::string::npos);
  CHECK(f.installed() == "1.0.0");
  CHECK(f.pass().kind == Kind::Unchanged);  // the same channel file: the bad pack is not fetched again
}

TEST_CASE("channel: a server down, and one too slow, leave the installed pack serving", "[channel]") {
  Fleet f;
  const auto e = publish_pack(f.v2, f.server.root(), f.key.secret, "stable", 100);
  // Slow: the channel file is small and arrives (the first kilobyte is not held back); the pack,
  // at 100 bytes a second after that, does not in time.
  f.opt.channel_url = f.server.url("slow/stable.json");
  f.opt.http.total_timeout = std::chrono::milliseconds(1500);
  REQUIRE(e.size > 2048);
  CHECK_THROWS_WITH(f.pass(), Catch::Contains("pack download"));
  CHECK(f.installed() == "1.0.0");
  // The channel names a pack the server does not hold: its 404 page is never kept as a part.
  f.opt.channel_url = f.server.url("stable.json");
  f.opt.http.total_timeout = std::chrono::milliseconds(8000);
  fs::remove(f.tmp.path() / "store" / "channel" / (e.file + ".part"));
  fs::rename(f.server.root() / e.file, f.tmp.path() / "away.kpack");
  CHECK_THROWS_WITH(f.pass(), Catch::Contains("HTTP 404"));
  CHECK_FALSE(fs::exists(f.tmp.path() / "store" / "channel" / (e.file + ".part")));
  f.server.stop();
  CHECK_THROWS_WITH(f.pass(), Catch::Contains("channel: offline"));
  CHECK(f.installed() == "1.0.0");
}

TEST_CASE("kioskctl content publish and update, end to end", "[channel]") {
  Fleet f;
  const fs::path secret = f.tmp.path() / "k.key", pub = f.tmp.path() / "k.pub";
  write_secret_key(secret, f.key.secret);
  write_public_key(pub, f.key.pub);
  using kiosk::test::run_tool;
  const auto published = run_tool("kioskctl", {"--json", "content", "publish", f.v2.string(), "--channel-dir", f.server.root().string(),
                                               "--key", secret.string(), "--rollout", "100"});
  REQUIRE(published.exit_code == 0);
  CHECK(published.out.find("\"version\": \"2.0.0\"") != std::string::npos);
  const std::vector<std::string> update = {"--json", "content", "update", "--store", (f.tmp.path() / "store").string(), "--channel",
                                           f.server.url("stable.json"), "--trust", pub.string(), "--ca-bundle", f.server.ca_bundle(),
                                           "--kiosk-id", "kiosk-a"};
  const auto first = run_tool("kioskctl", update);
  CHECK(first.exit_code == 0);
  CHECK(first.out.find("\"installed\": true") != std::string::npos);
  const auto second = run_tool("kioskctl", update);
  CHECK(second.exit_code == 0);
  CHECK(second.out.find("\"installed\": false") != std::string::npos);
  CHECK(second.out.find("unchanged") != std::string::npos);
  // Without the test CA the server is not trusted.
  auto no_ca = update;
  no_ca.resize(no_ca.size() - 4);
  const auto refused = run_tool("kioskctl", no_ca);
  CHECK(refused.exit_code != 0);
  CHECK(refused.err.find("tls") != std::string::npos);
}

// The kiosk's own content updates: the worker polls the channel (a real nginx over TLS) only while
// nobody uses the kiosk, and hands the UI the install.
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>
#include <thread>

#include "common/files.hpp"
#include "content/channel.hpp"
#include "content/pack.hpp"
#include "content/store.hpp"
#include "rig/https_server.hpp"
#include "model/content_updater.hpp"
#include "model/health.hpp"
#include "model/update_record.hpp"
#include "model/update_self_check.hpp"
#include "pack_forge.hpp"
#include "search/index.hpp"

using namespace kiosk;
using Kind = content::UpdateOutcome::Kind;

namespace {

// A kiosk's store holding v1 and a channel on a real nginx offering v2 (of `v2_procedures`),
// read through `path` ("slow/" for the throttled location).
struct ChannelSetup {
  files::TempDir tmp;
  rig::HttpsServer server;
  content::KeyPair key = content::generate_keypair();
  app::KioskConfig config;
  content::ChannelEntry v2;

  explicit ChannelSetup(int v2_procedures = 5, const std::string& path = "") {
    test::write_small_source(tmp.path() / "src1", 3, "1.0.0");
    test::write_small_source(tmp.path() / "src2", v2_procedures, "2.0.0");
    content::build_pack(tmp.path() / "src1", tmp.path() / "v1.kpack", key.secret);
    content::build_pack(tmp.path() / "src2", tmp.path() / "v2.kpack", key.secret);
    std::filesystem::create_directories(tmp.path() / "keys");
    content::write_public_key(tmp.path() / "keys" / "fleet.pub", key.pub);
    config.store = tmp.path() / "store";
    content::ContentStore(config.store).install(tmp.path() / "v1.kpack", {key.pub}, {search::index_extension()});
    v2 = content::publish_pack(tmp.path() / "v2.kpack", server.root(), key.secret, "stable", 100);
    config.content_channel = server.url(path + "stable.json");
    config.content_channel_ca = server.ca_bundle();
    config.trusted_keys = {tmp.path() / "keys"};
    config.kiosk_id = "kiosk-test";
  }
};

}  // namespace

TEST_CASE("content updater: waits while a citizen uses the kiosk", "[updater]") {
  ChannelSetup setup;
  auto& server = setup.server;
  app::KioskConfig& c = setup.config;
  std::ostringstream out;
  Logger log(out);
  int wakes = 0;
  app::ContentUpdater updater(c, log, [&] { ++wakes; }, std::chrono::milliseconds(50));
  // A citizen at the screen: the channel is not even asked.
  std::this_thread::sleep_for(std::chrono::milliseconds(400));
  CHECK_FALSE(updater.take());
  CHECK(server.requests_for("stable.json", 200) == 0);
  CHECK(content::ContentStore(c.store).current()->manifest.version == "1.0.0");
}

TEST_CASE("content updater: an idle kiosk takes the new pack and says so", "[updater]") {
  ChannelSetup setup;
  app::KioskConfig& c = setup.config;
  std::ostringstream out;
  Logger log(out);
  std::atomic<int> wakes{0};
  app::ContentUpdater updater(c, log, [&] { ++wakes; }, std::chrono::milliseconds(200));
  updater.set_idle(true);
  std::optional<content::UpdateOutcome> r;
  for (int i = 0; i < 100 && !r; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    r = updater.take();
  }
  REQUIRE(r);
  CHECK(r->kind == Kind::Installed);
  CHECK(wakes >= 1);
  CHECK(content::ContentStore(c.store).current()->manifest.version == "2.0.0");
  CHECK(out.str().find("update: installed") != std::string::npos);
  // The outcome is kept for the staff's health report (and the fleet's).
  const auto last = app::read_update_record(c.store);
  REQUIRE(last);
  CHECK(last->outcome == "installed");
  CHECK(app::update_record_text(*last).find("đã cài bản 2.0.0") != std::string::npos);
  c.printing = false;
  bool shown = false;
  for (const auto& check : app::check_health(c))
    if (check.id == "content")
      for (const auto& line : check.lines) shown = shown || line.find("Cập nhật qua kênh") != std::string::npos;
  CHECK(shown);
  // A plain-http channel is refused at start.
  c.content_channel = "http://content.example.vn/stable.json";
  CHECK_THROWS(app::ContentUpdater(c, log, [] {}));
}

TEST_CASE("update self-check: search, the printed summary, and the printer no worse than before", "[updater]") {
  files::TempDir tmp;
  const auto key = content::generate_keypair();
  test::write_small_source(tmp.path() / "src", 3, "1.0.0");
  content::build_pack(tmp.path() / "src", tmp.path() / "v1.kpack", key.secret);
  content::ContentStore store(tmp.path() / "store");
  const auto installed = store.install(tmp.path() / "v1.kpack", {key.pub}, {search::index_extension()}).pack;

  app::KioskConfig c;
  c.printing = false;
  CHECK(app::UpdateSelfCheck(c)(installed).empty());
  // A printer that was not there before the switch is not "worse" after it; the summary still
  // has to lay out.
  c.printing = true;
  c.cups_server = "127.0.0.1:9";
  CHECK(app::UpdateSelfCheck(c)(installed).empty());

  printing::PrinterStatus ready;
  ready.server_reachable = ready.exists = ready.accepting = true;
  ready.state = printing::PrinterStatus::State::Idle;
  printing::PrinterStatus jammed = ready;
  jammed.state = printing::PrinterStatus::State::Stopped;
  jammed.reasons = {"media-jam-error"};
  CHECK(app::printer_worse(ready, jammed));
  CHECK_FALSE(app::printer_worse(jammed, ready));
  CHECK_FALSE(app::printer_worse(jammed, jammed));
  CHECK_FALSE(app::printer_worse(ready, ready));

  // A catalog search cannot answer from: refused by name.
  std::filesystem::remove(installed.dir / "catalog.sqlite");
  std::ofstream(installed.dir / "catalog.sqlite") << "not a database";
  CHECK_FALSE(app::UpdateSelfCheck(c)(installed).empty());
}

TEST_CASE("content updater: a kiosk that quits mid-download stops at once and keeps the part", "[updater]") {
  ChannelSetup setup(40, "slow/");
  app::KioskConfig& c = setup.config;
  const auto& entry = setup.v2;
  REQUIRE(entry.size > 3000);  // at 100 bytes a second, far from done when the kiosk quits
  std::ostringstream out;
  Logger log(out);
  const auto part = c.store / "channel" / (entry.file + ".part");
  std::optional<app::ContentUpdater> updater;
  updater.emplace(c, log, [] {}, std::chrono::milliseconds(50));
  updater->set_idle(true);
  for (int i = 0; i < 100 && !std::filesystem::exists(part); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  const auto t0 = std::chrono::steady_clock::now();
  updater.reset();
  const auto quitting = std::chrono::steady_clock::now() - t0;
  // Without the cut, the transfer would run on until the stalled-server rule (15 s) or the end.
  CHECK(quitting < std::chrono::seconds(5));
  REQUIRE(std::filesystem::exists(part));
  CHECK(std::filesystem::file_size(part) > 0);
  CHECK(std::filesystem::file_size(part) < entry.size);
  CHECK(out.str().find("stopped (the kiosk is quitting)") != std::string::npos);
  const auto last = app::read_update_record(c.store);
  REQUIRE(last);
  CHECK(last->outcome == "failed");
  CHECK(app::update_record_text(*last).find("lỗi: ") != std::string::npos);
  CHECK(content::ContentStore(c.store).current()->manifest.version == "1.0.0");
}

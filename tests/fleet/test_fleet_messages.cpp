// The fleet's messages without a broker: topics, broker addresses, sealed commands and overrides.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "fleet/messages.hpp"
#include "fleet/mqtt_client.hpp"
#include "fleet/topics.hpp"

using namespace kiosk;
using fleet::Action;

TEST_CASE("fleet topics: one level per id, wildcards and odd names refused") {
  CHECK(fleet::topic("hcc-dn", "kiosk-01", "status") == "tthc/hcc-dn/kiosk-01/status");
  const auto p = fleet::split_topic("tthc/hcc-dn/kiosk-01/health");
  REQUIRE(p);
  CHECK(p->center == "hcc-dn");
  CHECK(p->kiosk == "kiosk-01");
  CHECK(p->leaf == "health");
  for (const char* bad : {"tthc/hcc/+/status", "tthc/hcc/#", "tthc/hcc/k1/a/b", "other/hcc/k1/status", "tthc//k1/status", "tthc/hcc/k1/"})
    CHECK_FALSE(fleet::split_topic(bad));
  CHECK(fleet::valid_id("kiosk_07.b"));
  CHECK_FALSE(fleet::valid_id("kiosk 07"));
  CHECK_FALSE(fleet::valid_id(""));
  CHECK_FALSE(fleet::valid_id(std::string(65, 'k')));
}

TEST_CASE("fleet broker addresses are TLS only") {
  const auto b = fleet::parse_broker_url("mqtts://broker.hcc.gov.vn:8884");
  CHECK(b.host == "broker.hcc.gov.vn");
  CHECK(b.port == 8884);
  CHECK(fleet::parse_broker_url("mqtts://10.0.0.5").port == 8883);
  CHECK_THROWS_AS(fleet::parse_broker_url("mqtt://10.0.0.5:1883"), fleet::FleetError);
  CHECK_THROWS_AS(fleet::parse_broker_url("mqtts://10.0.0.5:99999"), fleet::FleetError);
  CHECK_THROWS_AS(fleet::parse_broker_url("mqtts://10.0.0.5:88x"), fleet::FleetError);
  CHECK_THROWS_AS(fleet::parse_broker_url("mqtts://"), fleet::FleetError);
}

TEST_CASE("a sealed command reads back, but not under another key, as another kind, or with a bad field") {
  const auto key = content::generate_keypair();
  const fleet::Command c{fleet::random_id(), "hcc-dn", "kiosk-01", Action::TestPage, fleet::now_ms()};
  const auto back = fleet::parse_command(fleet::command_document(c, key.secret), {key.pub});
  CHECK(back.id == c.id);
  CHECK(back.action == Action::TestPage);
  CHECK(back.issued_ms == c.issued_ms);
  CHECK_THROWS_WITH(fleet::parse_command(fleet::command_document(c, key.secret), {content::generate_keypair().pub}),
                    Catch::Contains("not signed by a trusted key"));
  const fleet::ConfigOverride o{"hcc-dn", "all", fleet::now_ms(), "Thông báo", 120};
  CHECK_THROWS_WITH(fleet::parse_command(fleet::config_document(o, key.secret), {key.pub}), Catch::Contains("not a fleet command"));
  CHECK_THROWS_WITH(fleet::parse_command(content::seal(R"({"kind":"command","id":"x1","center":"hcc-dn","target":"k1","action":"format-disk","issued_ms":5})", key.secret), {key.pub}),
                    Catch::Contains("unknown action"));
  CHECK_THROWS_WITH(fleet::parse_command(content::seal(R"({"kind":"command","id":"x1","center":"hcc/dn","target":"k1","action":"reload","issued_ms":5})", key.secret), {key.pub}),
                    Catch::Contains("bad center or kiosk"));
  CHECK_THROWS_AS(fleet::parse_command("", {key.pub}), fleet::FleetError);
  // A kind of the wrong type is refused like any other wrong kind (it once escaped as a JSON error).
  CHECK_THROWS_AS(fleet::parse_command(content::seal(R"({"kind":7})", key.secret), {key.pub}), fleet::FleetError);
}

TEST_CASE("overrides: bounds on the idle time, plain text only in the announcement") {
  const auto key = content::generate_keypair();
  auto parsed = [&](fleet::ConfigOverride o) { return fleet::parse_config(content::seal(
      nlohmann::json{{"kind", "config"}, {"center", o.center}, {"target", o.target}, {"issued_ms", o.issued_ms},
                     {"expires_ms", o.issued_ms + 3600000}, {"announcement", o.announcement},
                     {"idle_seconds", o.idle_seconds.value_or(60)}}.dump(), key.secret), {key.pub}); };
  CHECK(parsed({"hcc", "all", 1, "Nghỉ lễ 2/9", 45}).idle_seconds == 45);
  CHECK_THROWS_WITH(parsed({"hcc", "all", 1, "", 5}), Catch::Contains("idle time"));
  CHECK_THROWS_WITH(parsed({"hcc", "all", 1, "", 5000}), Catch::Contains("idle time"));
  CHECK_THROWS_WITH(parsed({"hcc", "all", 1, "Nghỉ\x1b[2J lễ", 60}), Catch::Contains("plain text"));
  CHECK_THROWS_WITH(parsed({"hcc", "all", 1, std::string(700, 'a'), 60}), Catch::Contains("too long"));
  CHECK_THROWS_AS(fleet::config_document({"hcc", "all", 0, "", std::nullopt}, key.secret), fleet::FleetError);
}

TEST_CASE("overrides carry a signed lifetime of at most 31 days, and a clear is signed like any other") {
  const auto key = content::generate_keypair();
  const auto raw = [&](const nlohmann::json& j) { return fleet::parse_config(content::seal(j.dump(), key.secret), {key.pub}); };
  const nlohmann::json base{{"kind", "config"}, {"center", "hcc"}, {"target", "all"}, {"issued_ms", 1000}, {"announcement", "Nghỉ lễ"}};
  // Before: no expiry at all, so an override held for ever and an old one could come back.
  CHECK_THROWS_WITH(raw(base), Catch::Contains("expires_ms"));
  auto with = [&](int64_t expires) {
    auto j = base;
    j["expires_ms"] = expires;
    return j;
  };
  CHECK(raw(with(1000 + 3600000)).announcement == "Nghỉ lễ");
  CHECK_THROWS_WITH(raw(with(1000)), Catch::Contains("lifetime"));
  CHECK_THROWS_WITH(raw(with(1000 + fleet::kMaxOverrideLifetimeMs + 1)), Catch::Contains("lifetime"));
  auto both = with(5000);
  both["clear"] = true;
  CHECK_THROWS_WITH(raw(both), Catch::Contains("both clears and sets"));
  // What the operator's tool makes: a week by default; a clear holds no announcement.
  fleet::ConfigOverride o{"hcc", "all", 2000, "Nghỉ lễ", std::nullopt};
  CHECK(fleet::parse_config(fleet::config_document(o, key.secret), {key.pub}).expires_ms == 2000 + fleet::kDefaultOverrideLifetimeMs);
  o.clear = true;
  o.announcement.clear();
  const auto cleared = fleet::parse_config(fleet::config_document(o, key.secret), {key.pub});
  CHECK(cleared.clear);
  CHECK(cleared.announcement.empty());
}

TEST_CASE("the test call is a command like the others: sealed, read back, named") {
  const auto key = content::generate_keypair();
  fleet::Command c{"t1", "hcc-dn", "hall-1", Action::TestCall, fleet::now_ms()};
  const auto back = fleet::parse_command(fleet::command_document(c, key.secret), {key.pub});
  CHECK(back.action == Action::TestCall);
  CHECK(std::string(fleet::action_name(Action::TestCall)) == "test-call");
  CHECK(fleet::parse_action("test-call") == Action::TestCall);
}

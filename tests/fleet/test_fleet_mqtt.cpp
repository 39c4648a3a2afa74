// The fleet over a real mosquitto on 127.0.0.1, with the shipped configuration (TLS, client
// certificates, the ACL): presence and the last will, health, signed and forged commands and
// overrides, replays, a kiosk writing under another's id, a broker restart.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <future>
#include <sstream>
#include <thread>

#include "common/files.hpp"
#include "eventually.hpp"
#include "fleet/agent.hpp"
#include "fleet/operator.hpp"
#include "fleet/topics.hpp"
#include "rig/mqtt_broker.hpp"

using namespace kiosk;
using kiosk::test::eventually;
using namespace std::chrono_literals;
using fleet::Action;

namespace {

constexpr const char* kCenter = "hcc-test";

std::string read_if_there(const std::string& path) {
  std::ifstream in(path);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

fleet::TlsFiles tls_of(const rig::CertFiles& f) { return {f.ca, f.cert, f.key}; }

// What the fleet CA issues a kiosk's certificate to: its center and its id.
std::string kiosk_cert(const std::string& id, const std::string& center = kCenter) { return center + "/" + id; }

struct Fleet {
  rig::MqttBroker broker;
  files::TempDir tmp;
  content::KeyPair key = content::generate_keypair();
  std::ostringstream log_text;
  Logger log{log_text};
  fleet::OperatorLink link;

  Fleet() {
    link.broker = fleet::parse_broker_url(broker.url());
    link.tls = tls_of(broker.client("fleet-operator"));
    link.center = kCenter;
  }

  fleet::AgentConfig agent_config(const std::string& id) {
    fleet::AgentConfig c;
    c.broker = link.broker;
    c.tls = tls_of(broker.client(kiosk_cert(id)));
    c.center = kCenter;
    c.kiosk_id = id;
    c.fleet_keys = {key.pub};
    c.state_file = tmp.path() / (id + ".last-command");
    return c;
  }

  std::string status_of(const std::string& id) {
    for (const auto& row : fleet::read_fleet_status(link, 300ms))
      if (row.kiosk == id) return row.status;
    return "";
  }

  fleet::Command command(const std::string& target, Action a, int64_t issued = 0) {
    return {fleet::random_id(), kCenter, target, a, issued ? issued : fleet::now_ms()};
  }

  // A message as the operator's certificate may send it, outside kioskctl's checks; then time
  // for the kiosk to handle it.
  void publish_raw(const std::string& topic_name, const std::string& payload, bool retained = false) {
    auto raw = raw_client("fleet-operator");
    raw->publish(topic_name, payload, 1, retained);
    raw->wait_published(3s);
    std::this_thread::sleep_for(500ms);
  }

  // Raw publishing, as the operator's certificate or a kiosk's.
  std::unique_ptr<fleet::MqttClient> raw_client(const std::string& cert_name) {
    auto c = std::make_unique<fleet::MqttClient>(cert_name + "-raw", true, tls_of(broker.client(cert_name)), std::nullopt,
                                                 fleet::MqttClient::Handlers{}, 30);
    c->start(link.broker);
    REQUIRE(eventually([&] { return c->connected(); }));
    return c;
  }
};

bool has_result(const std::vector<fleet::Acknowledgement>& acks, const std::string& result, const std::string& detail_part = "") {
  for (const auto& a : acks)
    if (a.result == result && a.detail.find(detail_part) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("a kiosk shows online with its health, and offline once its process is killed (the last will)") {
  Fleet f;
  const auto cfg = f.agent_config("kiosk-01");
  content::write_public_key(f.tmp.path() / "fleet.pub", f.key.pub);
  const std::string ready = (f.tmp.path() / "ready").string();
  const pid_t pid = fork();
  if (pid == 0) {
    execl(KIOSK_BIN_DIR "/fleet_kiosk_tool", "fleet_kiosk_tool", f.broker.url().c_str(), cfg.tls.ca.c_str(), cfg.tls.cert.c_str(),
          cfg.tls.key.c_str(), kCenter, "kiosk-01", (f.tmp.path() / "fleet.pub").c_str(), "2026.11.3", ready.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  REQUIRE(eventually([&] { return read_if_there(ready) == "ready\n"; }));
  std::vector<fleet::KioskRow> rows;
  REQUIRE(eventually([&] {
    rows = fleet::read_fleet_status(f.link, 300ms);
    return rows.size() == 1 && rows[0].status == "online" && !rows[0].health.is_null();
  }));
  CHECK(rows[0].kiosk == "kiosk-01");
  CHECK(rows[0].health.value("content_version", "") == "2026.11.3");
  CHECK(rows[0].health.value("kiosk", "") == "kiosk-01");
  CHECK(!rows[0].health.value("at", "").empty());

  kill(pid, SIGKILL);
  waitpid(pid, nullptr, 0);
  CHECK(eventually([&] { return f.status_of("kiosk-01") == "offline"; }));
}

TEST_CASE("a kiosk that stops cleanly says offline, and its health stays readable") {
  Fleet f;
  {
    fleet::FleetAgent agent(f.agent_config("kiosk-02"), f.log, {}, {});
    agent.publish_health({{"content_version", "1"}});
    REQUIRE(eventually([&] { return f.status_of("kiosk-02") == "online"; }));
  }
  CHECK(f.status_of("kiosk-02") == "offline");
  const auto rows = fleet::read_fleet_status(f.link, 300ms);
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].health.value("content_version", "") == "1");
}

TEST_CASE("a signed command is accepted, carried out and acknowledged, while forged, misaddressed, stale and replayed ones are refused") {
  Fleet f;
  fleet::FleetAgent agent(f.agent_config("kiosk-03"), f.log, {}, {});
  REQUIRE(eventually([&] { return agent.connected(); }));

  const auto signed_reload = f.command("kiosk-03", Action::Reload);
  auto pending = std::async(std::launch::async, [&] { return fleet::send_command(f.link, signed_reload, f.key.secret, 8s); });
  std::vector<fleet::Command> taken;
  REQUIRE(eventually([&] {
    for (auto& c : agent.take_commands()) taken.push_back(c);
    return !taken.empty();
  }));
  REQUIRE(taken.size() == 1);
  CHECK(taken[0].action == Action::Reload);
  CHECK(taken[0].id == signed_reload.id);
  agent.acknowledge(taken[0], true, "content reloaded");
  const auto acks = pending.get();
  for (const auto& a : acks) UNSCOPED_INFO(a.kiosk << " " << a.result << " " << a.detail);
  CHECK(has_result(acks, "accepted"));
  CHECK(has_result(acks, "done", "content reloaded"));

  std::string why;
  SECTION("signed by another key") {
    why = "not signed by a trusted key";
    const auto forger = content::generate_keypair();
    const auto forged = fleet::send_command(f.link, f.command("kiosk-03", Action::Restart), forger.secret, 3s);
    CHECK(has_result(forged, "refused", "not signed by a trusted key"));
  }
  SECTION("signed for another kiosk, sent to this one") {
    why = "addressed to another kiosk";
    f.publish_raw(fleet::topic(kCenter, "kiosk-03", "command"), fleet::command_document(f.command("kiosk-99", Action::Restart), f.key.secret));
  }
  SECTION("issued two hours ago") {
    why = "expired";
    const auto stale = fleet::send_command(f.link, f.command("kiosk-03", Action::Restart, fleet::now_ms() - 2 * 3600 * 1000), f.key.secret, 3s);
    CHECK(has_result(stale, "refused", "expired"));
  }
  SECTION("the same signed command sent again") {
    why = "replayed";
    f.publish_raw(fleet::topic(kCenter, "kiosk-03", "command"), fleet::command_document(signed_reload, f.key.secret));
  }
  SECTION("not a command at all") {
    why = "not a fleet command file";
    f.publish_raw(fleet::topic(kCenter, "kiosk-03", "command"), "{\"payload\": 1");
  }
  CHECK(agent.take_commands().empty());
  CHECK(f.log_text.str().find(why) != std::string::npos);
}

TEST_CASE("the last command obeyed is remembered across a restart, so it cannot be replayed then") {
  Fleet f;
  const auto first = f.command("kiosk-04", Action::TestPage);
  {
    fleet::FleetAgent agent(f.agent_config("kiosk-04"), f.log, {}, {});
    REQUIRE(eventually([&] { return agent.connected(); }));
    CHECK(has_result(fleet::send_command(f.link, first, f.key.secret, 3s), "accepted"));
    CHECK(agent.take_commands().size() == 1);
  }
  fleet::FleetAgent again(f.agent_config("kiosk-04"), f.log, {}, {});
  REQUIRE(eventually([&] { return again.connected(); }));
  CHECK(has_result(fleet::send_command(f.link, first, f.key.secret, 3s), "refused", "replayed"));
  CHECK(has_result(fleet::send_command(f.link, f.command("kiosk-04", Action::TestPage), f.key.secret, 3s), "accepted"));
}

TEST_CASE("a command to all reaches every kiosk, each acknowledging it") {
  Fleet f;
  fleet::FleetAgent a(f.agent_config("kiosk-a"), f.log, {}, {});
  fleet::FleetAgent b(f.agent_config("kiosk-b"), f.log, {}, {});
  REQUIRE(eventually([&] { return a.connected() && b.connected(); }));
  std::this_thread::sleep_for(200ms);  // their subscriptions settle
  const auto acks = fleet::send_command(f.link, f.command("all", Action::Reload), f.key.secret, 2s);
  int accepted = 0;
  for (const auto& ack : acks) accepted += ack.result == "accepted";
  CHECK(accepted == 2);
  CHECK(a.take_commands().size() == 1);
  CHECK(b.take_commands().size() == 1);
}

TEST_CASE("the broker's ACL keeps a kiosk to its own topics") {
  Fleet f;
  fleet::FleetAgent victim(f.agent_config("kiosk-05"), f.log, {}, {});
  REQUIRE(eventually([&] { return f.status_of("kiosk-05") == "online"; }));
  auto intruder = f.raw_client(kiosk_cert("kiosk-06"));
  intruder->publish(fleet::topic(kCenter, "kiosk-05", "status"), "offline", 1, true);
  intruder->publish(fleet::topic(kCenter, "kiosk-05", "health"), "{\"content_version\":\"forged\"}", 1, true);
  intruder->publish(fleet::topic(kCenter, "kiosk-06", "status"), "online", 1, true);
  intruder->wait_published(3s);
  std::this_thread::sleep_for(300ms);
  CHECK(f.status_of("kiosk-05") == "online");
  CHECK(f.status_of("kiosk-06") == "online");  // its own topic it may write
  for (const auto& row : fleet::read_fleet_status(f.link, 300ms))
    if (row.kiosk == "kiosk-05") CHECK(row.health.is_null());
}

TEST_CASE("configuration overrides: the center's, a kiosk's own over it, forged ones ignored, cleared") {
  Fleet f;
  fleet::FleetAgent agent(f.agent_config("kiosk-07"), f.log, {}, {});
  REQUIRE(eventually([&] { return agent.connected(); }));
  fleet::ConfigOverride all{kCenter, "all", fleet::now_ms(), "Trung tâm nghỉ làm việc chiều thứ Sáu 04/12.", 90};
  fleet::publish_config(f.link, all, f.key.secret, false);
  REQUIRE(eventually([&] { return agent.config_override().has_value(); }));
  CHECK(agent.config_override()->announcement == all.announcement);
  CHECK(agent.config_override()->idle_seconds == 90);

  const auto forger = content::generate_keypair();
  fleet::ConfigOverride forged{kCenter, "kiosk-07", fleet::now_ms(), "Chuyển khoản phí vào tài khoản 123456789", std::nullopt};
  const auto generation = agent.config_generation();
  fleet::publish_config(f.link, forged, forger.secret, false);
  std::this_thread::sleep_for(500ms);
  CHECK(agent.config_generation() == generation);
  CHECK(agent.config_override()->announcement == all.announcement);
  CHECK(f.log_text.str().find("override refused") != std::string::npos);

  fleet::ConfigOverride own{kCenter, "kiosk-07", fleet::now_ms(), "Kiosk này tạm không in được.", std::nullopt};
  fleet::publish_config(f.link, own, f.key.secret, false);
  REQUIRE(eventually([&] { return agent.config_override()->announcement == own.announcement; }));

  fleet::publish_config(f.link, own, f.key.secret, true);
  REQUIRE(eventually([&] { return agent.config_override()->announcement == all.announcement; }));
  fleet::publish_config(f.link, all, f.key.secret, true);
  CHECK(eventually([&] { return !agent.config_override().has_value(); }));
}

TEST_CASE("after a broker restart the kiosk reconnects by itself, is online again and takes commands") {
  Fleet f;
  fleet::FleetAgent agent(f.agent_config("kiosk-08"), f.log, {}, {});
  REQUIRE(eventually([&] { return agent.connected(); }));
  f.broker.stop();
  REQUIRE(eventually([&] { return !agent.connected(); }));
  std::this_thread::sleep_for(500ms);
  f.broker.start();
  REQUIRE(eventually([&] { return agent.connected(); }, 20s));
  CHECK(f.status_of("kiosk-08") == "online");
  CHECK(has_result(fleet::send_command(f.link, f.command("kiosk-08", Action::Reload), f.key.secret, 3s), "accepted"));
  CHECK(f.log_text.str().find("fleet broker lost") != std::string::npos);
}

TEST_CASE("the operator's tools fail with a clear reason when the broker is not there") {
  Fleet f;
  f.broker.stop();
  f.link.connect_timeout = 1500ms;
  CHECK_THROWS_WITH(fleet::read_fleet_status(f.link), Catch::Contains("did not accept the connection"));
}

TEST_CASE("overrides: an expired one is refused, an old one never comes back after a restart, an empty message clears nothing",
          "[security]") {
  Fleet f;
  const auto cfg = f.agent_config("kiosk-09");
  const int64_t t = fleet::now_ms();
  const fleet::ConfigOverride old_one{kCenter, "all", t - 60000, "Thông báo cũ đã hết hiệu lực.", std::nullopt};
  const fleet::ConfigOverride newer{kCenter, "all", t - 1000, "Trung tâm làm việc cả sáng thứ Bảy.", std::nullopt};
  const std::string topic_all = fleet::topic(kCenter, "all", "config");
  {
    fleet::FleetAgent agent(cfg, f.log, {}, {});
    REQUIRE(eventually([&] { return agent.connected(); }));
    fleet::publish_config(f.link, old_one, f.key.secret, false);
    REQUIRE(eventually([&] { return agent.config_override() && agent.config_override()->announcement == old_one.announcement; }));
    fleet::publish_config(f.link, newer, f.key.secret, false);
    REQUIRE(eventually([&] { return agent.config_override()->announcement == newer.announcement; }));
  }
  // Whoever can write the topic puts the old signed override back (retained), and the kiosk
  // restarts. Before: its newest time was in memory only, and the old one applied again.
  f.publish_raw(topic_all, fleet::config_document(old_one, f.key.secret), true);
  {
    fleet::FleetAgent agent(cfg, f.log, {}, {});
    REQUIRE(eventually([&] { return agent.connected(); }));
    std::this_thread::sleep_for(700ms);
    REQUIRE(agent.config_override());
    CHECK(agent.config_override()->announcement == newer.announcement);  // kept across the restart, the replay refused
    CHECK(f.log_text.str().find("replayed or older than the newest override") != std::string::npos);
    // An unsigned empty retained message: before, it cleared the override.
    f.publish_raw(topic_all, "", true);
    CHECK(agent.config_override()->announcement == newer.announcement);
    CHECK(f.log_text.str().find("unsigned empty override ignored") != std::string::npos);
    // A signed override whose lifetime is over is refused (before: no age limit at all).
    fleet::ConfigOverride stale{kCenter, "kiosk-09", t - 7200000, "Hết hạn.", std::nullopt};
    stale.expires_ms = t - 3600000;
    f.publish_raw(fleet::topic(kCenter, "kiosk-09", "config"), fleet::config_document(stale, f.key.secret));
    CHECK(agent.config_override()->announcement == newer.announcement);
    CHECK(f.log_text.str().find("override refused: expired") != std::string::npos);
    // Clearing takes a signed clear, and it holds after a restart too.
    fleet::publish_config(f.link, newer, f.key.secret, true);
    REQUIRE(eventually([&] { return !agent.config_override().has_value(); }));
  }
  fleet::FleetAgent again(cfg, f.log, {}, {});
  REQUIRE(eventually([&] { return again.connected(); }));
  std::this_thread::sleep_for(700ms);
  CHECK_FALSE(again.config_override().has_value());
}

TEST_CASE("a kiosk's certificate cannot take another kiosk's place, nor write under another center", "[security]") {
  Fleet f;
  fleet::FleetAgent k1(f.agent_config("k1"), f.log, {}, {});
  REQUIRE(eventually([&] { return f.status_of("k1") == "online"; }));
  // k2's certificate, asking for k1's client id (both the bare id and the one k1 uses). Before,
  // the broker took it for k1: k1 was knocked offline and its persistent session, with the
  // commands queued for it, went to the intruder.
  std::vector<std::unique_ptr<fleet::MqttClient>> intruders;
  for (const std::string& id : {std::string("k1"), kiosk_cert("k1")}) {
    auto c = std::make_unique<fleet::MqttClient>(id, false, tls_of(f.broker.client(kiosk_cert("k2"))), std::nullopt,
                                                 fleet::MqttClient::Handlers{}, 30);
    c->start(f.link.broker);
    REQUIRE(eventually([&] { return c->connected(); }));
    intruders.push_back(std::move(c));
  }
  std::this_thread::sleep_for(500ms);
  CHECK(k1.connected());
  CHECK(f.status_of("k1") == "online");
  CHECK(has_result(fleet::send_command(f.link, f.command("k1", Action::TestPage), f.key.secret, 3s), "accepted"));
  CHECK(k1.take_commands().size() == 1);  // the command reached k1, not the intruder
  // k2 of this center writing under another center's k2: dropped by the broker.
  intruders.front()->publish(fleet::topic("hcc-other", "k2", "status"), "online", 1, true);
  intruders.front()->publish(fleet::topic("hcc-other", "k1", "health"), "{\"forged\":true}", 1, true);
  intruders.front()->wait_published(3s);
  std::this_thread::sleep_for(300ms);
  fleet::OperatorLink other = f.link;
  other.center = "hcc-other";
  CHECK(fleet::read_fleet_status(other, 300ms).empty());
  // A certificate issued to another name than the kiosk's configuration says: refused at start,
  // with the reason, rather than every message dropped unseen.
  auto wrong = f.agent_config("k3");
  wrong.tls = tls_of(f.broker.client("k3"));  // issued to "k3", not "hcc-test/k3"
  CHECK_THROWS_WITH(fleet::FleetAgent(wrong, f.log, {}, {}), Catch::Contains("issued to 'k3', not to 'hcc-test/k3'"));
}

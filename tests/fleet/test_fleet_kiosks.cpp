// Two kiosks (the real tthc-kiosk, headless, playing a script) against a real mosquitto and a
// real nginx: both show in `kioskctl fleet status`, both show the fleet's announcement, a pack
// published on the channel reaches both while idle after `fleet command all reload`, and a
// command signed by another key is refused.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "common/files.hpp"
#include "eventually.hpp"
#include "content/pack.hpp"
#include "content/signing.hpp"
#include "content/store.hpp"
#include "pack_forge.hpp"
#include "process.hpp"
#include "rig/https_server.hpp"
#include "rig/mqtt_broker.hpp"
#include "search/index.hpp"

using namespace kiosk;
using kiosk::test::eventually;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

constexpr const char* kCenter = "hcc-demo";
constexpr const char* kNotice = "Chiều thứ Sáu 04/12 trung tâm nghỉ làm việc";

struct KioskProcess {
  int pid = -1;
  ~KioskProcess() {
    if (pid > 0) {
      kill(pid, SIGKILL);
      waitpid(pid, nullptr, 0);
    }
  }
};

// kiosk.conf's lines that put a kiosk (or a display) called `id` in the test's fleet.
std::string fleet_lines(rig::MqttBroker& broker, const std::filesystem::path& dir, const std::string& id) {
  const auto cert = broker.client(std::string(kCenter) + "/" + id);
  return "kiosk_id = " + id + "\nfleet_broker = " + broker.url() + "\nfleet_center = " + kCenter +
         "\nfleet_ca = " + cert.ca + "\nfleet_cert = " + cert.cert + "\nfleet_cert_key = " + cert.key +
         "\nfleet_trust = " + (dir / "fleet.pub").string() + "\n";
}

// The real tthc-kiosk, headless, playing `script`; what it logs goes to `log`.
void start(KioskProcess& k, const std::filesystem::path& conf, const std::filesystem::path& store,
           const std::filesystem::path& state, const std::filesystem::path& script, const std::filesystem::path& shots,
           const std::filesystem::path& log) {
  k.pid = fork();
  if (k.pid == 0) {
    freopen(log.c_str(), "w", stderr);
    execl(KIOSK_BIN_DIR "/tthc-kiosk", "tthc-kiosk", "--config", conf.c_str(), "--store", store.c_str(), "--state-db",
          state.c_str(), "--script", script.c_str(), "--screenshots", shots.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
}

}  // namespace

TEST_CASE("two kiosks in the fleet: status, announcement, a pack for both, a forged command refused") {
  files::TempDir tmp;
  const auto dir = tmp.path();
  rig::MqttBroker broker;
  rig::HttpsServer web;
  const auto content_key = content::generate_keypair();
  const auto fleet_key = content::generate_keypair();
  const auto forger = content::generate_keypair();
  content::write_public_key(dir / "content.pub", content_key.pub);
  content::write_secret_key(dir / "content.key", content_key.secret);
  content::write_public_key(dir / "fleet.pub", fleet_key.pub);
  content::write_secret_key(dir / "fleet.key", fleet_key.secret);
  content::write_secret_key(dir / "forged.key", forger.secret);
  test::write_small_source(dir / "src1", 3, "1.0.0");
  test::write_small_source(dir / "src2", 5, "2.0.0");
  content::build_pack(dir / "src1", dir / "v1.kpack", content_key.secret);
  content::build_pack(dir / "src2", dir / "v2.kpack", content_key.secret);
  const auto op = broker.client("fleet-operator");
  const std::vector<std::string> link = {"--broker", broker.url(), "--center", kCenter, "--ca", op.ca, "--cert", op.cert, "--cert-key", op.key};
  auto fleet_tool = [&](std::vector<std::string> args) {
    args.insert(args.end(), link.begin(), link.end());
    return test::run_tool("kioskctl", args);
  };

  {
    std::ofstream script(dir / "idle.script");
    script << "wait 300\nawait " << kNotice << "\nshot announcement\nwait 120000\n";
  }
  KioskProcess kiosks[2];
  for (int i = 0; i < 2; ++i) {
    const std::string id = "kiosk-" + std::to_string(i + 1);
    const auto kd = dir / id;
    std::filesystem::create_directories(kd);
    content::ContentStore(kd / "store").install(dir / "v1.kpack", {content_key.pub}, {search::index_extension()});
    std::ofstream(kd / "kiosk.conf") << "printer = none\nspeech = off\n"
                                     << "trust = " << (dir / "content.pub").string() << "\n"
                                     << "content_channel = " << web.url("stable.json") << "\n"
                                     << "content_channel_ca = " << web.ca_bundle() << "\n"
                                     << fleet_lines(broker, dir, id);
    start(kiosks[i], kd / "kiosk.conf", kd / "store", kd / "state.db", dir / "idle.script", kd, kd / "kiosk.log");
  }

  // Both kiosks show in the fleet's status.
  json status;
  const bool both_online = eventually(
      [&] {
        const auto r = fleet_tool({"--json", "fleet", "status"});
        if (r.exit_code != 0) return false;
        status = json::parse(r.out);
        return status["online"] == 2;
      },
      30s);
  INFO(status.dump(1) + "\n" + files::read_file(dir / "kiosk-1" / "kiosk.log"));
  REQUIRE(both_online);
  CHECK(status["kiosks"][0]["kiosk"] == "kiosk-1");
  CHECK(status["kiosks"][1]["kiosk"] == "kiosk-2");

  // The announcement reaches both screens (each kiosk's script waits for it, then takes a shot).
  REQUIRE(fleet_tool({"fleet", "config", "--key", (dir / "fleet.key").string(), "--announcement", kNotice}).exit_code == 0);
  CHECK(eventually([&] { return std::filesystem::exists(dir / "kiosk-1" / "announcement.png") && std::filesystem::exists(dir / "kiosk-2" / "announcement.png"); }, 30s));

  // A new pack on the channel, and both are told to look now: both hold it while idle.
  REQUIRE(test::run_tool("kioskctl", {"content", "publish", (dir / "v2.kpack").string(), "--channel-dir", web.root().string(), "--key",
                                      (dir / "content.key").string()})
              .exit_code == 0);
  const auto reload = fleet_tool({"--json", "fleet", "command", "all", "reload", "--key", (dir / "fleet.key").string(), "--wait", "3"});
  INFO(reload.out + reload.err);
  REQUIRE(reload.exit_code == 0);
  const json acks = json::parse(reload.out)["acks"];
  int done = 0;
  for (const auto& a : acks) done += a["result"] == "done";
  CHECK(done == 2);
  auto version_of = [&](const std::string& id) {
    const auto p = content::ContentStore(dir / id / "store").current();
    return p ? p->manifest.version : std::string();
  };
  CHECK(eventually([&] { return version_of("kiosk-1") == "2.0.0" && version_of("kiosk-2") == "2.0.0"; }, 40s));

  // A command signed by another key: refused by the kiosk, which stays up.
  const auto forged = fleet_tool({"fleet", "command", "kiosk-1", "restart", "--key", (dir / "forged.key").string(), "--wait", "5"});
  CHECK(forged.exit_code == 1);
  CHECK(forged.out.find("refused") != std::string::npos);
  CHECK(forged.out.find("not signed by a trusted key") != std::string::npos);
  // A citizen kiosk calls no numbers: it refuses IT's test call, saying why.
  const auto test_call = fleet_tool({"fleet", "command", "kiosk-2", "test-call", "--key", (dir / "fleet.key").string(), "--wait", "5"});
  INFO(test_call.out + test_call.err);
  CHECK(test_call.exit_code == 1);
  CHECK(test_call.out.find("not a hall display") != std::string::npos);
  std::this_thread::sleep_for(500ms);
  CHECK(waitpid(kiosks[0].pid, nullptr, WNOHANG) == 0);
  // Kept for people to look at, with the other scripted sessions' shots.
  const std::filesystem::path shots = KIOSK_BIN_DIR "/../screenshots/fleet";
  std::filesystem::create_directories(shots);
  std::filesystem::copy_file(dir / "kiosk-1" / "announcement.png", shots / "announcement.png", std::filesystem::copy_options::overwrite_existing);
}

// A hall display is a member of the fleet like a kiosk (issue 29): its kind shows in the status,
// the fleet's announcement reaches its screen, and IT's test call is said aloud and acknowledged,
// while a citizen kiosk refuses one.
TEST_CASE("a hall display in the fleet: its kind in the status, the announcement, the test call") {
  files::TempDir tmp;
  const auto dir = tmp.path();
  rig::MqttBroker broker;
  const auto fleet_key = content::generate_keypair();
  content::write_public_key(dir / "fleet.pub", fleet_key.pub);
  content::write_secret_key(dir / "fleet.key", fleet_key.secret);
  const auto op = broker.client("fleet-operator");
  const std::vector<std::string> link = {"--broker", broker.url(), "--center", kCenter, "--ca", op.ca, "--cert", op.cert, "--cert-key", op.key};
  auto fleet_tool = [&](std::vector<std::string> args) {
    args.insert(args.end(), link.begin(), link.end());
    return test::run_tool("kioskctl", args);
  };
  {
    // The test call comes after the announcement's shot; the script listens for it, then ends.
    std::ofstream script(dir / "hall.script");
    script << "wait 300\nawait " << kNotice << "\nshot announcement\nwait 12000\nexpect-spoken Gọi thử\n";
  }
  const std::string id = "hall-1";
  std::ofstream(dir / "display.conf") << "mode = display\nprinter = none\nspeech = on\n" << fleet_lines(broker, dir, id);
  KioskProcess display;
  start(display, dir / "display.conf", dir / "store", dir / "state.db", dir / "hall.script", dir, dir / "display.log");

  json status;
  const bool online = eventually(
      [&] {
        const auto r = fleet_tool({"--json", "fleet", "status"});
        if (r.exit_code != 0) return false;
        status = json::parse(r.out);
        return status["online"] == 1 && status["kiosks"][0]["kind"] == "display";
      },
      30s);
  INFO(status.dump(1) + "\n" + files::read_file(dir / "display.log"));
  REQUIRE(online);
  CHECK(status["kiosks"][0]["kiosk"] == id);
  CHECK(fleet_tool({"fleet", "status"}).out.find("hall-1 [display]") != std::string::npos);

  REQUIRE(fleet_tool({"fleet", "config", "--key", (dir / "fleet.key").string(), "--announcement", kNotice}).exit_code == 0);
  REQUIRE(eventually([&] { return std::filesystem::exists(dir / "announcement.png"); }, 30s));

  const auto call = fleet_tool({"--json", "fleet", "command", id, "test-call", "--key", (dir / "fleet.key").string(), "--wait", "5"});
  INFO(call.out + call.err);
  REQUIRE(call.exit_code == 0);
  // "accepted" at once, then "done" once it has been said.
  const json acks = json::parse(call.out)["acks"];
  bool said_done = false;
  for (const auto& a : acks) said_done = said_done || (a["result"] == "done" && a["detail"] == "test call being said");
  CHECK(said_done);

  // The script heard the test call (it fails otherwise) and wrote down what was said.
  int rc = -1;
  REQUIRE(eventually([&] { return waitpid(display.pid, &rc, WNOHANG) == display.pid; }, 30s));
  display.pid = -1;
  INFO(files::read_file(dir / "display.log"));
  CHECK(WIFEXITED(rc));
  CHECK(WEXITSTATUS(rc) == 0);
  const std::string said = files::read_file(dir / "spoken.log");
  CHECK(said.find("[chuông]\nGọi thử") != std::string::npos);
  const std::filesystem::path shots = KIOSK_BIN_DIR "/../screenshots/fleet";
  std::filesystem::create_directories(shots);
  std::filesystem::copy_file(dir / "announcement.png", shots / "hall-announcement.png", std::filesystem::copy_options::overwrite_existing);
}

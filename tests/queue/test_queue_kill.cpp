// Kills `kioskctl queue take` at random points, over a hundred times, while the queue server
// now and then fails or answers slowly. Afterwards `kioskctl queue resume` asks again for every
// tap never answered, with its own key. Then: every number the server issued belongs to exactly
// one tap of the kiosk and is recorded with it (no number shown elsewhere or lost), no tap has
// two, none is left unanswered.
#include <signal.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <map>
#include <random>
#include <thread>

#include "common/files.hpp"
#include "sim.hpp"

using nlohmann::json;

TEST_CASE("killed at any point while taking numbers: never two for one tap, none lost", "[queue][kill]") {
  kiosk::test::SimServer sim;
  kiosk::files::TempDir tmp;
  const std::string db = (tmp.path() / "state.db").string();
  const std::vector<std::string> services = {"tu-phap", "cong-an", "xay-dung", "nong-nghiep-moi-truong"};
  auto take_args = [&](const std::string& service) {
    return std::vector<std::string>{"queue", "take", service, "--queue", sim.url(), "--allow-http", "--state", db, "--kiosk-id", "k7"};
  };
  // How long a take lasts here: kills are spread over it.
  const auto t0 = std::chrono::steady_clock::now();
  REQUIRE(kiosk::test::wait_exit(kiosk::test::spawn_tool("kioskctl", take_args(services[0]))) == 0);
  const long full_us =
      std::max<long>(10000, std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0).count());

  std::mt19937 rng(20261207);
  int killed = 0, finished = 0;
  for (int i = 0; i < 200; ++i) {
    if (rng() % 12 == 0) sim.call(std::string("/_sim/fault?mode=") + (rng() % 3 == 0 ? "flaky" : rng() % 2 ? "slow&delay_ms=300" : "none"), "{}");
    const pid_t pid = kiosk::test::spawn_tool("kioskctl", take_args(services[rng() % services.size()]));
    std::this_thread::sleep_for(std::chrono::microseconds(rng() % full_us));
    kill(pid, SIGKILL);
    if (kiosk::test::wait_exit(pid) >= 0)
      ++finished;
    else
      ++killed;
  }
  sim.call("/_sim/fault?mode=none", "{}");
  const auto resumed = kiosk::test::run_tool("kioskctl", {"--json", "queue", "resume", "--queue", sim.url(), "--allow-http", "--state", db});
  REQUIRE(resumed.exit_code == 0);

  const auto r = kiosk::test::run_tool("kioskctl", {"--json", "queue", "taps", "--state", db, "--limit", "1000"});
  REQUIRE(r.exit_code == 0);
  std::map<std::string, json> taps;
  for (const auto& t : json::parse(r.out)) taps[t["key"]] = t;
  const json tickets = sim.call("/_sim/queue")["tickets"];
  INFO(tickets.size() << " tickets issued, " << taps.size() << " taps, " << killed << " killed, " << finished << " finished");
  std::map<std::string, int> per_key;
  for (const auto& t : tickets) {
    const std::string key = t["idempotency_key"];
    CHECK(++per_key[key] == 1);  // never two numbers for one tap
    REQUIRE(taps.count(key));    // every number issued is one of the kiosk's taps…
    CHECK(taps[key]["state"] == "issued");
    CHECK(taps[key]["ticket"]["id"] == t["id"]);  // …and recorded with it
    CHECK(taps[key]["ticket"]["number"] == t["number"]);
  }
  int issued = 0;
  for (const auto& [key, t] : taps) {
    CHECK(t["state"] != "asked");  // none left unanswered
    issued += t["state"] == "issued";
  }
  CHECK(issued == static_cast<int>(tickets.size()));
  CHECK(killed >= 100);
  WARN(killed << " kills, " << finished << " finished; " << taps.size() << " taps, " << tickets.size() << " numbers issued, "
              << json::parse(resumed.out).size() << " taps answered only on resume");
}

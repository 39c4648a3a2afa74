// Kills `kioskctl rating record` and `rating upload` at random points, hundreds of times, while
// the backend loses answers now and then. Afterwards, one clean upload: every rating whose
// recording was confirmed (the kiosk's thank-you) reached the backend exactly once, and the
// backend holds no rating the kiosk did not record.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <algorithm>
#include <chrono>
#include <fstream>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include "common/files.hpp"
#include "content/store.hpp"
#include "rating/rating_log.hpp"
#include "sim.hpp"

using nlohmann::json;

namespace {

using kiosk::test::wait_exit;

std::string read_all(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("killed at any point, over 100 times, while rating and uploading: every rating once", "[rating][kill]") {
  kiosk::test::SimServer sim;
  kiosk::files::TempDir tmp;
  const auto store = tmp.path() / "store";
  kiosk::content::ContentStore(store).install(
      KIOSK_SAMPLE_PACK, {kiosk::content::read_public_key(std::string(KIOSK_SOURCE_DIR) + "/content/sample/test-signing.pub")});
  const std::string db = (tmp.path() / "state.db").string(), out = (tmp.path() / "out.txt").string();
  const std::vector<std::string> officers = {"MAU-CB01", "MAU-CB03", "MAU-CB06", "MAU-CB09"};
  const std::vector<std::string> levels = {"rat-hai-long", "hai-long", "khong-hai-long"};
  auto record_args = [&](std::mt19937& rng) {
    const std::string level = levels[rng() % levels.size()];
    std::vector<std::string> a = {"rating", "record", "--state", db, "--store", store.string(), "--officer", officers[rng() % officers.size()],
                                  "--level", level};
    if (level == "khong-hai-long") a.insert(a.end(), {"--reason", rng() % 2 ? "thai-do" : "chờ quá lâu ở quầy"});
    return a;
  };
  const std::vector<std::string> upload_args = {"rating", "upload", "--state", db, "--backend", sim.url(), "--allow-http"};

  std::mt19937 rng(20261131);
  std::set<std::string> confirmed;  // recordings that said so: what the citizen was thanked for
  auto note_confirmed = [&] {
    const std::string text = read_all(out);
    if (text.rfind("recorded ", 0) == 0) confirmed.insert(text.substr(9, 32));
  };
  // How long a record takes here (the median of three, caches warm): kills are spread over it.
  std::vector<long> took;
  for (int i = 0; i < 3; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    REQUIRE(wait_exit(kiosk::test::spawn_tool("kioskctl", record_args(rng), out)) == 0);
    took.push_back(std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0).count());
    note_confirmed();
  }
  std::sort(took.begin(), took.end());
  const long full_us = std::max<long>(20000, took[1]);

  // Rounds until at least 120 runs were killed mid-way and 30 ratings confirmed, however fast
  // or loaded the machine is (at most 900).
  int killed = 0, finished = 0, faults = 0, rounds = 0;
  for (; rounds < 900 && (killed < 120 || confirmed.size() < 30 || rounds < 200); ++rounds) {
    if (rng() % 12 == 0) {
      // The backend keeps a rating but its answer is lost, or it is away.
      const char* modes[] = {"http500", "flaky", "none", "none"};
      sim.call(std::string("/_sim/fault?mode=") + modes[rng() % 4], "{}");
      ++faults;
    }
    const bool record = rng() % 3 != 0;
    std::filesystem::remove(out);
    const pid_t pid = kiosk::test::spawn_tool("kioskctl", record ? record_args(rng) : upload_args, out);
    // Up to half again as long as a full run: most are killed somewhere inside, some finish.
    std::this_thread::sleep_for(std::chrono::microseconds(rng() % (full_us * 3 / 2)));
    kill(pid, SIGKILL);
    if (wait_exit(pid) >= 0)
      ++finished;
    else
      ++killed;
    if (record) note_confirmed();
  }
  sim.call("/_sim/fault?mode=none", "{}");
  for (int i = 0; i < 2; ++i) REQUIRE(wait_exit(kiosk::test::spawn_tool("kioskctl", upload_args, out)) == 0);

  std::set<std::string> at_backend;
  size_t stored = 0;
  for (const auto& rating : sim.call("/_sim/ratings")) {
    at_backend.insert(rating.at("id").get<std::string>());
    ++stored;
  }
  // What the kiosk's database holds, read through the outbox command (nothing left waiting).
  const auto box = kiosk::test::run_tool("kioskctl", {"--json", "rating", "outbox", "--state", db});
  REQUIRE(box.exit_code == 0);
  CHECK(json::parse(box.out).at("pending").empty());
  CHECK(stored == at_backend.size());  // kept once each
  for (const auto& id : confirmed) CHECK(at_backend.count(id));
  // None invented: every rating the backend has is one the kiosk recorded (its database), and
  // every recorded one reached it.
  std::set<std::string> in_db;
  for (const auto& rating : kiosk::rating::RatingLog(db, 1).all()) in_db.insert(rating.id);
  CHECK(in_db == at_backend);
  CHECK(killed >= 100);
  CHECK(confirmed.size() >= 30);
  WARN(rounds << " rounds, " << killed << " killed mid-way, " << finished << " finished, " << confirmed.size() << " ratings confirmed, " << at_backend.size()
              << " at the backend, " << faults << " fault switches");
}

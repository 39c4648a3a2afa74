// Kills `kioskctl content install` at random moments: the store must always hold the old pack or
// the new one, complete, and the next install must succeed.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <random>
#include <thread>

#include "common/files.hpp"
#include "common/sqlite.hpp"
#include "content/catalog.hpp"
#include "content/store.hpp"
#include "pack_forge.hpp"
#include "process.hpp"

using namespace kiosk;
using namespace kiosk::content;

namespace {

// Back and forth between two versions: every other switch is a (staff-overridden) downgrade.
int start_install(const std::filesystem::path& pack, const std::filesystem::path& store, const std::filesystem::path& pub) {
  return test::spawn_tool("kioskctl", {"content", "install", pack.string(), "--store", store.string(), "--trust", pub.string(), "--allow-older"});
}

using test::wait_exit;

}  // namespace

TEST_CASE("an install killed at any point leaves the old pack or the new one, complete") {
  files::TempDir tmp;
  auto kp = generate_keypair();
  write_public_key(tmp.path() / "k.pub", kp.pub);
  test::write_small_source(tmp.path() / "src-a", 300, "1.0.0");
  test::write_small_source(tmp.path() / "src-b", 400, "2.0.0");
  const auto pack_a = tmp.path() / "a.kpack", pack_b = tmp.path() / "b.kpack", store_dir = tmp.path() / "store";
  build_pack(tmp.path() / "src-a", pack_a, kp.secret);
  build_pack(tmp.path() / "src-b", pack_b, kp.secret);

  // Kill points are spread over one whole install's duration, measured again as we go: on a
  // loaded machine an install takes longer, and kills must still land on both sides of the switch.
  auto measure = [&](const std::filesystem::path& pack) {
    auto t0 = std::chrono::steady_clock::now();
    REQUIRE(wait_exit(start_install(pack, store_dir, tmp.path() / "k.pub")) == 0);
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0).count();
  };
  long full_us = measure(pack_a);

  std::mt19937 rng(20261126);
  int saw_old = 0, saw_new = 0, rounds = 0;
  while (rounds < 60 || ((saw_old < 5 || saw_new < 5) && rounds < 400)) {
    ++rounds;
    if (rounds % 20 == 0) {
      const bool on_a = ContentStore(store_dir).current()->manifest.version == "1.0.0";
      full_us = std::max(full_us, measure(on_a ? pack_b : pack_a));
    }
    // Alternate the target so every round is a real switch.
    const bool to_b = ContentStore(store_dir).current()->manifest.version == "1.0.0";
    pid_t pid = start_install(to_b ? pack_b : pack_a, store_dir, tmp.path() / "k.pub");
    std::this_thread::sleep_for(std::chrono::microseconds(rng() % (full_us + full_us / 3 + 1)));
    kill(pid, SIGKILL);
    wait_exit(pid);

    ContentStore store(store_dir);
    auto cur = store.current();
    REQUIRE(cur);
    const std::string v = cur->manifest.version;
    REQUIRE((v == "1.0.0" || v == "2.0.0"));
    Catalog cat(store.current_catalog());
    CHECK(cat.meta("version") == v);
    CHECK(store.usable().pack->dir == cur->dir);  // its catalog is as its recorded hash says
    CHECK(cat.stats().procedures == (v == "1.0.0" ? 300 : 400));
    {
      auto check = cat.db().prepare("PRAGMA quick_check");
      REQUIRE(check.step());
      CHECK(check.text(0) == "ok");
    }
    ((v == "1.0.0") == to_b ? saw_old : saw_new)++;
  }
  INFO("rounds " << rounds << ", old kept " << saw_old << ", new installed " << saw_new);
  // Both outcomes happened, so the kills really landed before and after the switch.
  CHECK(saw_old > 0);
  CHECK(saw_new > 0);
  // The store is still usable: a clean install works and debris is gone.
  REQUIRE(wait_exit(start_install(pack_b, store_dir, tmp.path() / "k.pub")) == 0);
  int dirs = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(store_dir / "packs")) ++dirs;
  CHECK(dirs <= 2);
}

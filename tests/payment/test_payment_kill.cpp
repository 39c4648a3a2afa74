// Kills `kioskctl payment start` and `payment reconcile` at random points, hundreds of times,
// while citizens pay (the simulator's /_sim/pay) and the gateway fails now and then. Afterwards,
// reconciled: no payment lost, none made twice, one receipt number per paid payment, every paid
// payment known to the backend.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <map>
#include <random>
#include <set>
#include <thread>

#include "common/files.hpp"
#include "sim.hpp"

using nlohmann::json;

namespace {

struct Payable {
  std::string code, owner_last4;
};
const std::vector<Payable> kDossiers = {{"000.00.12.H04-261115-0006", "7891"}, {"000.00.12.H04-261120-0011", "3401"},
                                        {"000.00.12.H04-261120-0012", "6702"}, {"000.00.12.H04-261120-0013", "9003"},
                                        {"000.00.12.H04-261120-0014", "1004"}};

using kiosk::test::wait_exit;

struct Run {
  std::string gateway;
  int killed = 0, completed = 0, paid_by_citizens = 0, faults = 0;
};

void kill_rounds(Run& run, int rounds, uint32_t seed) {
  kiosk::test::SimServer sim;
  kiosk::files::TempDir tmp, keys;
  const std::string db = (tmp.path() / "state.db").string();
  for (const auto& [f, v] : {std::pair{"client-id", "sim-client"}, {"api-key", "sim-api-key"}, {"checksum-key", "sim-checksum-key"}})
    kiosk::files::write_file_durable(keys.path() / f, v, 0600);
  const std::vector<std::string> common = {"--state",      db,   "--gateway", run.gateway, "--payos-url", sim.url(), "--payos-keys",
                                           keys.path().string(), "--allow-http", "--kiosk-number", "9"};
  auto start_args = [&](const Payable& d) {
    // Payable for a second only: codes expire all along, so new ones are made, and some money
    // arrives after the kiosk gave up.
    std::vector<std::string> a = {"payment", "start", d.code, "--owner-id", d.owner_last4, "--backend", sim.url(), "--ttl", "1"};
    a.insert(a.end(), common.begin(), common.end());
    return a;
  };
  auto reconcile_args = [&] {
    std::vector<std::string> a = {"payment", "reconcile", "--backend", sim.url()};
    a.insert(a.end(), common.begin(), common.end());
    return a;
  };
  // How long a start takes here (a lookup, a create): kills are spread over it.
  auto t0 = std::chrono::steady_clock::now();
  REQUIRE(wait_exit(kiosk::test::spawn_tool("kioskctl", start_args(kDossiers[0]))) == 0);
  const long full_us = std::max<long>(20000, std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0).count());

  std::mt19937 rng(seed);
  for (int i = 0; i < rounds; ++i) {
    // Now and then the gateway fails for a while.
    if (rng() % 10 == 0) {
      sim.call(std::string("/_sim/payfault?mode=") + (rng() % 2 ? "down" : "none"), "{}");
      ++run.faults;
    }
    const bool start = rng() % 3 != 0;
    const pid_t pid = kiosk::test::spawn_tool("kioskctl", start ? start_args(kDossiers[rng() % kDossiers.size()]) : reconcile_args());
    std::this_thread::sleep_for(std::chrono::microseconds(rng() % full_us));
    kill(pid, SIGKILL);
    if (wait_exit(pid) >= 0)
      ++run.completed;  // it finished before the kill
    else
      ++run.killed;
    // Citizens pay what is (or was) on their screens, now and then: in full, sometimes less,
    // sometimes twice, sometimes after the code expired.
    if (rng() % 20 == 0) {
      std::vector<json> candidates;
      for (const auto& l : sim.call("/_sim/ledger"))
        if (l.at("status") == "pending" || l.at("status") == "underpaid" || l.at("status") == "expired") candidates.push_back(l);
      if (!candidates.empty()) {
        const json& l = candidates[rng() % candidates.size()];
        const int64_t amount = l.at("amount").get<int64_t>();
        const int64_t pay = rng() % 5 == 0 ? amount / 2 : amount;
        sim.call("/_sim/pay", json{{"order_code", l.at("order_code")}, {"amount", pay}}.dump());
        if (rng() % 10 == 0) sim.call("/_sim/pay", json{{"order_code", l.at("order_code")}, {"amount", pay}}.dump());
        ++run.paid_by_citizens;
      }
    }
  }
  sim.call("/_sim/payfault?mode=none", "{}");
  // Settle: reconcile (and report) until nothing changes, then compare.
  for (int i = 0; i < 3; ++i) REQUIRE(wait_exit(kiosk::test::spawn_tool("kioskctl", reconcile_args())) == 0);
  const auto r = kiosk::test::run_tool("kioskctl", {"--json", "payment", "journal", "--state", db});
  REQUIRE(r.exit_code == 0);
  const json journal = json::parse(r.out);
  std::map<std::string, json> by_order;
  for (const auto& e : journal) by_order[e.at("order_code")] = e;
  const auto x = kiosk::test::run_tool("kioskctl", {"--json", "payment", "exceptions", "--state", db});
  REQUIRE(x.exit_code == 0);
  std::set<std::string> exceptions;
  for (const auto& e : json::parse(x.out)) exceptions.insert(e.at("order_code").get<std::string>());
  const json ledger = sim.call("/_sim/ledger");
  INFO(run.gateway << ": " << ledger.size() << " orders at the gateway, " << journal.size() << " in the journal");

  // None made twice: the gateway received at most one create per order code.
  for (const auto& l : ledger) CHECK(l.at("creates") == 1);
  // None lost: every order the gateway took money for is in the journal, as paid or underpaid,
  // with what was paid.
  for (const auto& l : ledger) {
    REQUIRE(by_order.count(l.at("order_code")));  // the gateway never has an order the journal lacks
    if (l.at("paid_amount") == 0) continue;
    const json& e = by_order[l.at("order_code")];
    CHECK(e.at("amount_paid") == l.at("paid_amount"));
    const bool full = l.at("paid_amount").get<int64_t>() >= l.at("amount").get<int64_t>();
    if (full) {
      CHECK(e.at("state") == "paid");
      continue;
    }
    // Part of the money: underpaid while the code was open. Arrived after the kiosk gave up on
    // the code (another may be open for the fee now), the entry stays closed, flagged late for
    // staff: money taken is listed, never dropped, and never a second open payment.
    if (e.at("state") != "underpaid") {
      INFO(e.dump());
      CHECK(e.at("late") == true);
      CHECK_FALSE(e.at("last_error").get<std::string>().empty());
      CHECK(exceptions.count(e.at("order_code")));
    }
  }
  // At most one open payment per dossier fee.
  std::map<std::string, int> open;
  for (const auto& e : journal)
    if (e.at("state") == "created" || e.at("state") == "requested" || e.at("state") == "underpaid") ++open[e.at("dossier")];
  for (const auto& [d, n] : open) CHECK(n <= 1);
  // One receipt number per paid payment: unique, and gapless from 1.
  std::set<std::string> receipts;
  int paid = 0;
  for (const auto& e : journal) {
    if (e.at("state") != "paid") {
      CHECK(e.at("receipt_no").is_null());
      continue;
    }
    ++paid;
    REQUIRE(e.at("receipt_no").is_string());
    CHECK(receipts.insert(e.at("receipt_no").get<std::string>()).second);
    // Every paid payment is known to the backend.
    CHECK(e.at("reported") == true);
  }
  for (int n = 1; n <= paid; ++n) {
    bool found = false;
    for (const auto& rn : receipts) found = found || rn.size() > 6 && std::stoi(rn.substr(rn.size() - 6)) == n;
    CHECK(found);
  }
  if (run.gateway == "payos") {
    std::set<std::string> confirmed;
    for (const auto& c : sim.call("/_sim/confirmations")) confirmed.insert(c.at("body").at("order_code").get<std::string>());
    for (const auto& e : journal)
      if (e.at("state") == "paid") CHECK(confirmed.count(e.at("order_code")));
  }
  CHECK(paid > 0);
  int late = 0;
  for (const auto& e : journal) late += e.at("late") == true;
  WARN(run.gateway << ": " << late << " paid after expiry; " << rounds << " rounds, " << run.killed << " killed mid-way, " << run.completed << " finished, " << paid << " paid, "
                   << journal.size() << " payments in the journal, " << run.faults << " fault switches");
}

}  // namespace

TEST_CASE("killed at any point, over 120 times, through the backend: nothing lost, nothing doubled", "[payment][kill]") {
  Run run{"backend"};
  kill_rounds(run, 300, 20261129);
  CHECK(run.killed >= 120);
}

TEST_CASE("killed at any point, over 120 times, through payOS: nothing lost, nothing doubled", "[payment][kill]") {
  Run run{"payos"};
  kill_rounds(run, 300, 20261130);
  CHECK(run.killed >= 120);
}

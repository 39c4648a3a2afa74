// The print queue in the state database, without a printer: what expires, what is deleted, what
// is purged, and a state database the worker cannot use.
#include <catch2/catch.hpp>
#include <chrono>
#include <ctime>
#include <fstream>
#include <sstream>
#include <thread>

#include "common/files.hpp"
#include "printing/print_queue.hpp"
#include "printing/print_service.hpp"

namespace fs = std::filesystem;
using namespace kiosk::printing;

TEST_CASE("a finished job's document is deleted, and old finished jobs are purged", "[print][security]") {
  kiosk::files::TempDir tmp;
  PrintQueue q(tmp.path() / "state.db");
  const int64_t done = q.enqueue("summary", "a", "%PDF-a");
  const int64_t waiting = q.enqueue("summary", "b", "%PDF-b");
  q.mark_sending(done);
  q.mark_sent(done, 42);
  q.mark_final(done, "completed");
  CHECK_THROWS_WITH(q.document(done), Catch::Contains("deleted"));
  CHECK(q.document(waiting) == "%PDF-b");
  const int64_t t = static_cast<int64_t>(std::time(nullptr));
  CHECK(q.purge_finished(t - 3600) == 0);  // finished just now: kept for the retention period
  CHECK(q.purge_finished(t + 1) == 1);
  CHECK_FALSE(q.get(done));
  CHECK(q.get(waiting));  // unfinished jobs are never purged
}

TEST_CASE("a citizen's job expires at its time or when its session ends", "[print][security]") {
  kiosk::files::TempDir tmp;
  PrintQueue q(tmp.path() / "state.db");
  const int64_t t = 1'800'000'000;
  const int64_t citizen = q.enqueue("summary", "citizen", "%PDF", {}, std::nullopt, t + 120);
  const int64_t staff = q.enqueue("receipt", "staff", "%PDF");
  CHECK(q.expire_due(t).empty());
  q.expire_now(citizen, t + 5);
  CHECK(q.expire_due(t + 5) == std::vector<int64_t>{citizen});
  CHECK(q.get(citizen)->state == "expired");
  CHECK_THROWS(q.document(citizen));
  CHECK(q.expire_due(t + 1'000'000).empty());  // a staff job never expires
  CHECK(q.get(staff)->state == "queued");
}

TEST_CASE("a state database it cannot use: citizens are told at once, the worker backs off, the log says so once",
          "[print][security]") {
  kiosk::files::TempDir tmp;
  std::ofstream(tmp.path() / "not-a-dir") << "x";
  std::ostringstream log_text;
  kiosk::Logger log(log_text);
  PrintServiceOptions o;
  o.poll_ms = 50;
  o.idle_poll_ms = 50;
  PrintService svc(tmp.path() / "not-a-dir" / "state.db", CupsPrinter("none", 200, "127.0.0.1:9"), log, nullptr, o);
  const uint64_t t = svc.request("summary", "x", [] { return std::string("%PDF"); });
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(3);
  while (std::chrono::steady_clock::now() < until && svc.snapshot().tickets.at(t).state != TicketState::Failed)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  CHECK(svc.snapshot().tickets.at(t).state == TicketState::Failed);
  CHECK_FALSE(svc.snapshot().queue_ok);
  // More presses while it is broken are refused at once, and cost no tries at the disk.
  for (int i = 0; i < 20; ++i) svc.request("summary", "again", [] { return std::string("%PDF"); });
  std::this_thread::sleep_for(std::chrono::seconds(3));
  const std::string logged = log_text.str();
  size_t lines = 0;
  for (size_t at = logged.find("print queue unavailable"); at != std::string::npos; at = logged.find("print queue unavailable", at + 1))
    ++lines;
  CHECK(lines == 1);
  for (const auto& [id, ticket] : svc.snapshot().tickets) CHECK(ticket.state == TicketState::Failed);
}

// The kiosk's recent problems: what the logger hands over, kept in the state database.
#include <catch2/catch.hpp>
#include <sstream>

#include "common/files.hpp"
#include "model/problem_log.hpp"

using kiosk::app::ProblemLog;
using kiosk::app::recent_problems;

TEST_CASE("problem log: warnings and errors kept, newest first — info is not a problem", "[problems]") {
  kiosk::files::TempDir tmp;
  const auto db = tmp.path() / "state.db";
  std::ostringstream out;
  kiosk::Logger log(out);
  ProblemLog problems(db, log);
  log.info("kiosk", "started");
  log.warn("print", "paper low");
  log.error("payment", "gateway timed out");
  CHECK(recent_problems(db, 0, 10).empty());  // nothing written before the loop flushes
  problems.flush(2'000'000'000);
  const auto r = recent_problems(db, 0, 10);
  REQUIRE(r.size() == 2);
  CHECK(r[0].error);
  CHECK(r[0].component == "payment");
  CHECK_FALSE(r[1].error);
  CHECK(r[1].message == "paper low");
  // Still in the log as always.
  CHECK(out.str().find("gateway timed out") != std::string::npos);
}

TEST_CASE("problem log: a repeat within the hour adds to its row, later it is a new row", "[problems]") {
  kiosk::files::TempDir tmp;
  const auto db = tmp.path() / "state.db";
  std::ostringstream out;
  kiosk::Logger log(out);
  ProblemLog problems(db, log);
  for (int i = 0; i < 5; ++i) log.error("dossier", "backend answered 502");
  problems.flush(1);
  auto r = recent_problems(db, 0, 10);
  REQUIRE(r.size() == 1);
  CHECK(r[0].repeats == 5);
}

TEST_CASE("problem log: bounded in the database and in memory, and lets go of the logger", "[problems]") {
  kiosk::files::TempDir tmp;
  const auto db = tmp.path() / "state.db";
  std::ostringstream out;
  kiosk::Logger log(out);
  {
    ProblemLog problems(db, log);
    for (size_t round = 0; round < 3; ++round) {
      for (size_t i = 0; i < ProblemLog::kQueueMax; ++i) log.warn("test", "problem " + std::to_string(round) + "-" + std::to_string(i));
      problems.flush(100);
    }
    CHECK(recent_problems(db, 0, 1000).size() == ProblemLog::kKeep);
    // A flood between two flushes: the overflow is counted in one line, not kept.
    for (size_t i = 0; i < ProblemLog::kQueueMax + 50; ++i) log.warn("flood", std::to_string(i));
    problems.flush(200);
    const auto r = recent_problems(db, 0, 1);
    REQUIRE(r.size() == 1);
    CHECK(r[0].message == "50 more problems were logged than kept");
  }
  // The problem log is gone: logging goes on, into the stream only.
  log.error("kiosk", "after");
  CHECK(out.str().find("after") != std::string::npos);
  CHECK(recent_problems(db, 0, 1000).size() == ProblemLog::kKeep);
  CHECK(recent_problems(tmp.path() / "missing.db", 0, 10).empty());
}

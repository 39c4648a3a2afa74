#include <catch2/catch.hpp>

#include <sstream>

#include "common/files.hpp"
#include "common/pin_hash.hpp"
#include "model/staff_gate.hpp"

using kiosk::app::StaffGate;
using namespace std::chrono_literals;

TEST_CASE("wrong staff PINs are logged, and after five the pad waits longer each time", "[staff]") {
  std::ostringstream out;
  kiosk::Logger log(out);
  StaffGate gate(kiosk::pin::hash_pin("246810"), log);
  auto t = StaffGate::Clock::time_point{} + 1h;
  for (int i = 1; i <= 4; ++i) CHECK(gate.try_pin("111111", t + std::chrono::seconds(i)) == StaffGate::Outcome::Wrong);
  CHECK(gate.locked_seconds(t + 5s) == 0);
  CHECK(gate.try_pin("111111", t + 5s) == StaffGate::Outcome::Wrong);  // the fifth: locked 30 s
  CHECK(gate.locked_seconds(t + 5s) == 30);
  // Even the right PIN is not checked while locked.
  CHECK(gate.try_pin("246810", t + 20s) == StaffGate::Outcome::Locked);
  CHECK(gate.try_pin("111111", t + 36s) == StaffGate::Outcome::Wrong);  // the sixth: 60 s
  CHECK(gate.locked_seconds(t + 36s) == 60);
  CHECK(gate.try_pin("246810", t + 97s) == StaffGate::Outcome::Open);
  CHECK(gate.failures() == 0);
  const std::string logged = out.str();
  CHECK(logged.find("wrong staff PIN (1 in a row)") != std::string::npos);
  CHECK(logged.find("wrong staff PIN (6 in a row); locked for 60 s") != std::string::npos);
  CHECK(logged.find("while locked") != std::string::npos);
  CHECK(logged.find("246810") == std::string::npos);
  CHECK(logged.find("111111") == std::string::npos);
}

TEST_CASE("thirty wrong PINs then the right one: still locked", "[staff]") {
  std::ostringstream out;
  kiosk::Logger log(out);
  StaffGate gate(kiosk::pin::hash_pin("246810"), log);
  auto t = StaffGate::Clock::time_point{} + 1h;
  for (int i = 0; i < 30; ++i) gate.try_pin("000000", t + std::chrono::seconds(i));
  CHECK(gate.try_pin("246810", t + 31s) == StaffGate::Outcome::Locked);
}

TEST_CASE("a restart gives no fresh PIN tries: the count and the lock are kept in the state database", "[staff][security]") {
  kiosk::files::TempDir tmp;
  const auto db = tmp.path() / "state.db";
  std::ostringstream out;
  kiosk::Logger log(out);
  const auto hash = kiosk::pin::hash_pin("246810");
  {
    StaffGate gate(hash, log, db);
    const auto t = StaffGate::Clock::now();
    for (int i = 0; i < 5; ++i) gate.try_pin("111111", t);
    CHECK(gate.locked_seconds(t) == 30);
  }
  // The plug pulled and put back: before, five fresh tries; now still locked, and the next wrong
  // one doubles the wait.
  StaffGate after(hash, log, db);
  const auto t = StaffGate::Clock::now();
  CHECK(after.failures() == 5);
  CHECK(after.locked_seconds(t) >= 28);
  CHECK(after.try_pin("246810", t) == StaffGate::Outcome::Locked);
  CHECK(after.try_pin("111111", t + 31s) == StaffGate::Outcome::Wrong);
  CHECK(after.locked_seconds(t + 31s) == 60);
  CHECK(after.try_pin("246810", t + 92s) == StaffGate::Outcome::Open);
  CHECK(StaffGate(hash, log, db).failures() == 0);  // the right PIN resets what is kept too
}

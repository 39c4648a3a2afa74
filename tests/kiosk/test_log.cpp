// The kiosk's log lines: stamped for a file or a terminal, with sd-daemon priorities for the
// journal, one line whatever a message holds; and how the kiosk knows its stderr is the journal.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <sstream>
#include <string>

#include "common/log.hpp"

TEST_CASE("log lines: stamped when plain, with priorities for the journal, one line each", "[log]") {
  std::ostringstream plain, journal;
  kiosk::Logger a(plain), b(journal, kiosk::LogLevel::Info, true);
  for (auto* log : {&a, &b}) {
    log->info("print", "đã in xong");
    log->warn("speech", "no sound device");
    log->error("content", "a pack's name\nwith a line break");
    log->log(kiosk::LogLevel::Debug, "x", "not shown");
  }
  CHECK(journal.str().rfind("<6>print: đã in xong\n<4>speech: no sound device\n<3>content: a pack's name", 0) == 0);
  CHECK(plain.str().find(" INFO print: đã in xong\n") != std::string::npos);
  CHECK(plain.str().find("Z WARN speech") != std::string::npos);
  for (const auto* out : {&plain, &journal}) {
    const std::string s = out->str();
    CHECK(std::count(s.begin(), s.end(), '\n') == 3);
    CHECK(s.find("not shown") == std::string::npos);
  }
}

TEST_CASE("stderr is the journal only when JOURNAL_STREAM names it", "[log]") {
  unsetenv("JOURNAL_STREAM");
  CHECK_FALSE(kiosk::stderr_goes_to_journal());
  struct stat st{};
  REQUIRE(fstat(STDERR_FILENO, &st) == 0);
  const std::string mine = std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino);
  setenv("JOURNAL_STREAM", mine.c_str(), 1);
  CHECK(kiosk::stderr_goes_to_journal());
  setenv("JOURNAL_STREAM", (std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino + 1)).c_str(), 1);
  CHECK_FALSE(kiosk::stderr_goes_to_journal());
  setenv("JOURNAL_STREAM", "garbage", 1);
  CHECK_FALSE(kiosk::stderr_goes_to_journal());
  unsetenv("JOURNAL_STREAM");
}

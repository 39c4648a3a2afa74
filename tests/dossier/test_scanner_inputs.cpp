#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <condition_variable>
#include <mutex>
#include <vector>

#include "dossier/scanner_inputs.hpp"

using namespace kiosk::dossier;
using namespace std::chrono_literals;
using Clock = WedgeDetector::Clock;

TEST_CASE("a wedge scanner's burst is a scan, a person's typing stays typing") {
  WedgeDetector w;
  auto t = Clock::time_point{} + 1h;
  for (char c : std::string("H04-230101-0001")) {
    CHECK(w.key(std::string(1, c), t).empty());
    t += 4ms;
  }
  auto r = w.enter(t);
  REQUIRE(r.scan);
  CHECK(*r.scan == "H04-230101-0001");
  CHECK(r.typed.empty());

  // The same keys at a person's pace: returned as typing as soon as the pace shows.
  std::string typed;
  for (char c : std::string("dang ky")) {
    typed += w.key(std::string(1, c), t);
    t += 180ms;
  }
  auto r2 = w.enter(t);
  CHECK_FALSE(r2.scan);
  CHECK(typed + r2.typed == "dang ky");

  // A short fast burst (two keys at once) is not a scan.
  w.key("a", t);
  w.key("b", t + 2ms);
  auto r3 = w.enter(t + 4ms);
  CHECK_FALSE(r3.scan);
  CHECK(r3.typed == "ab");

  // A burst whose Enter never came is typing once the line goes quiet.
  w.key("x", t + 10s);
  CHECK(w.flush(t + 10s + 10ms).empty());
  CHECK(w.flush(t + 11s) == "x");
}

TEST_CASE("after a person typed without Enter, a pause, then a slip's burst is still a scan") {
  WedgeDetector w;
  auto t = Clock::time_point{} + 1h;
  std::string typed;
  for (char c : std::string("cccd")) {
    typed += w.key(std::string(1, c), t);
    t += 200ms;
  }
  typed += w.flush(t);  // the line went quiet: what was typed goes to the query
  CHECK(typed == "cccd");
  t += 2s;
  for (char c : std::string("https://dvc.vn/tra-cuu?SGT=001203112233&MHS=H04-261102-00099")) {
    CHECK(w.key(std::string(1, c), t).empty());
    t += 3ms;
  }
  const auto r = w.enter(t);
  REQUIRE(r.scan);
  CHECK(r.scan->find("MHS=H04-261102-00099") != std::string::npos);
  // Typing right before the burst, no pause for a flush: the typing comes out, the burst is a scan.
  w.key("x", t + 1s);
  CHECK(w.key("H", t + 2s) == "x");
  for (char c : std::string("04-261102-00099")) w.key(std::string(1, c), t + 2s + 1ms);
  CHECK(w.enter(t + 2s + 2ms).scan == "H04-261102-00099");
}

TEST_CASE("a burst cut anyway is put back together at Enter, and what went to the query is taken back", "[scanner]") {
  const std::string slip = "https://dvc.vn/portaldvc/tra-cuu?SGT=001203112233&MHS=000.00.12.H04-261102-0009";
  WedgeDetector w;
  auto t = Clock::time_point{} + 1h;
  std::string typed;
  // A person types "ho chieu" at a person's pace, pauses 1.5 s, then the scanner's burst comes,
  // and a stall the loop could not account for (250 ms) cuts it after 20 keys.
  for (char c : std::string("ho chieu")) {
    typed += w.key(std::string(1, c), t);
    t += 220ms;
  }
  typed += w.flush(t);
  t += 1500ms;
  for (size_t i = 0; i < slip.size(); ++i) {
    if (i == 20) {
      typed += w.flush(t + 250ms);
      t += 250ms;
    }
    typed += w.key(slip.substr(i, 1), t);
    t += 4ms;
  }
  CHECK(typed == "ho chieu" + slip.substr(0, 20));  // the head went to the query box
  const auto r = w.enter(t);
  REQUIRE(r.scan);
  CHECK(*r.scan == slip);
  CHECK(r.reclaimed == 20);  // ... and is taken back out of it; "ho chieu" stays
}

TEST_CASE("a person typing, even a dossier code, and pressing Enter is never a scan", "[scanner]") {
  WedgeDetector w;
  auto t = Clock::time_point{} + 1h;
  for (const std::string text : {"ho chieu", "000.00.12.H04-261102-0009"}) {
    std::string typed;
    for (char c : text) {
      typed += w.key(std::string(1, c), t);
      t += 90ms;  // a quick typist
    }
    const auto r = w.enter(t + 20ms);  // Enter right after the last key
    CHECK_FALSE(r.scan);
    CHECK(typed + r.typed == text);
    CHECK(r.reclaimed == 0);
    t += 3s;
  }
}

TEST_CASE("a serial scanner, through a pseudo-terminal, gives one scan per line") {
  int master = posix_openpt(O_RDWR | O_NOCTTY);
  REQUIRE(master >= 0);
  REQUIRE(grantpt(master) == 0);
  REQUIRE(unlockpt(master) == 0);
  const std::string slave = ptsname(master);

  std::mutex m;
  std::condition_variable cv;
  std::vector<std::string> scans;
  {
    SerialScanner scanner(slave, [&](std::string s) {
      std::lock_guard lock(m);
      scans.push_back(std::move(s));
      cv.notify_all();
    });
    const std::string data = "000.00.12.H04-230101-0001\r\nH04-230101-0002\n\r\n" + std::string(5000, 'z') +
                             "\nhttps://x.vn/tra-cuu?MHS=H04-230101-0003\r";
    REQUIRE(::write(master, data.data(), data.size()) == static_cast<ssize_t>(data.size()));
    std::unique_lock lock(m);
    CHECK(cv.wait_for(lock, 5s, [&] { return scans.size() >= 3; }));
  }  // the scanner stops and joins its thread here
  ::close(master);
  REQUIRE(scans.size() == 3);
  CHECK(scans[0] == "000.00.12.H04-230101-0001");
  CHECK(scans[1] == "H04-230101-0002");
  CHECK(scans[2] == "https://x.vn/tra-cuu?MHS=H04-230101-0003");  // the 5000-byte line was dropped
}

TEST_CASE("a missing scanner device is named in the error") {
  CHECK_THROWS_WITH(SerialScanner("/dev/nonexistent-scanner", [](std::string) {}),
                    Catch::Contains("/dev/nonexistent-scanner"));
}

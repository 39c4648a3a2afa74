// The background worker behind search and lookups: the newest request wins, a slow setup counts as
// work in progress, and destroying the worker stops that setup instead of waiting it out.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include "eventually.hpp"
#include "model/latest_worker.hpp"

using namespace std::chrono_literals;
using Worker = kiosk::app::LatestWorker<int, std::string>;

TEST_CASE("a worker is busy while its setup runs, and its setup is told to stop when the worker goes") {
  std::atomic<bool> stopped{false};
  const auto started = std::chrono::steady_clock::now();
  {
    Worker w(
        [&](std::stop_token stop) -> Worker::Job {
          // A setup that would take a minute unless told to stop (a large catalog's index).
          while (!stop.stop_requested() &&
                 std::chrono::steady_clock::now() - started < 60s)
            std::this_thread::sleep_for(1ms);
          stopped = stop.stop_requested();
          return [](const int& n) { return std::to_string(n); };
        },
        {});
    CHECK(w.busy());
  }
  CHECK(stopped);
  CHECK(std::chrono::steady_clock::now() - started < 30s);
}

TEST_CASE("once set up, a worker answers the newest request and is idle again") {
  std::atomic<bool> release{false};
  std::atomic<int> notified{0};
  Worker w(
      [&](std::stop_token) -> Worker::Job {
        while (!release) std::this_thread::sleep_for(1ms);
        return [](const int& n) { return std::to_string(n * 2); };
      },
      [&] { ++notified; });
  w.request(1);
  const uint64_t newest = w.request(21);  // replaces 1, still waiting for the setup
  CHECK(w.busy());
  release = true;
  REQUIRE(kiosk::test::eventually([&] { return notified.load() == 1; }));
  const auto answer = w.take();
  REQUIRE(answer);
  CHECK(answer->id == newest);
  CHECK(answer->result == "42");
  CHECK(kiosk::test::eventually([&] { return !w.busy(); }));
  CHECK_FALSE(w.take());
}

// `kioskctl bench display`: a number called at the queue server (the stand-in's officer call) to
// the hall display's board holding it and its announcement started: the display's own feed,
// board and announcer (kiosk/hall), its one-second poll included. The frame that shows it is
// the UI bench's (`tthc-kiosk --bench`); the voice's first sound, `bench speech`'s.
#include <unistd.h>

#include <condition_variable>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

#include "bench_figures.hpp"
#include "commands.hpp"
#include "common/http.hpp"
#include "hall/call_announcer.hpp"
#include "hall/hall_board.hpp"
#include "hall/hall_feed.hpp"
#include "queue/client.hpp"

namespace kioskctl {

using nlohmann::json;
namespace qu = kiosk::queue;
using Clock = std::chrono::steady_clock;

namespace {

// The display's feed wakes the bench as it wakes the display's loop.
struct FeedSignal {
  std::mutex mu;
  std::condition_variable cv;
  bool woken = false;
  void wake() {
    std::lock_guard lock(mu);
    woken = true;
    cv.notify_all();
  }
  void wait(std::chrono::milliseconds at_most) {
    std::unique_lock lock(mu);
    cv.wait_for(lock, at_most, [&] { return woken; });
    woken = false;
  }
};

// The stand-in's officer calls the service's oldest waiting number to `counter`: the number.
std::string call_next(const std::string& url, const std::string& counter) {
  kiosk::http::Options o;
  o.policy.allow_http_loopback = true;
  const auto r = kiosk::http::perform(
      {"POST", url + "/_sim/queue/call", {"Content-Type: application/json"}, json{{"service", "tu-phap"}, {"counter", counter}}.dump()}, o);
  const auto* called = std::get_if<kiosk::http::Response>(&r);
  const json answer = called ? json::parse(called->body, nullptr, false) : json();
  if (!answer.is_object() || !answer.contains("number") || !answer["number"].is_string())
    throw std::runtime_error("the stand-in's call failed");
  return answer["number"];
}

long rss_kb() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

// Hours of a busy hall compressed: 400 calls an hour (20 counters, one call each every three
// minutes), made 8 at a time as fast as the display's one-second poll takes them. Every number
// called must reach the board exactly once and be said (a chime, then twice); the process's
// resident memory is sampled each simulated hour and must stay flat after the first.
template <typename Drain>
Output soak(const std::string& url, double hours, qu::QueueClient& taker, Drain& drain, kiosk::hall::CallAnnouncer& announcer,
            FeedSignal& signal) {
  constexpr int kPerHour = 400, kBurst = 8;
  constexpr long kFlatKb = 2048;
  const int total = std::max(1, static_cast<int>(hours * kPerHour));
  std::map<std::string, int> seen;
  std::vector<std::string> called;
  std::vector<long> rss = {rss_kb()};
  auto pump = [&](auto done, std::chrono::milliseconds budget) {
    const auto until = Clock::now() + budget;
    while (!done() && Clock::now() < until) {
      signal.wait(std::chrono::milliseconds(50));
      std::vector<qu::Call> fresh;
      drain(&fresh);
      for (const auto& c : fresh) ++seen[c.number];
      while (announcer.tick()) {
      }
    }
  };
  const auto t0 = Clock::now();
  for (int made = 0; made < total;) {
    const int burst = std::min(kBurst, total - made);
    std::vector<std::string> batch;
    for (int k = 0; k < burst; ++k, ++made) {
      const auto t = taker.take({"tu-phap", "", qu::Priority::None, "bench-soak", "tap-soak-" + std::to_string(made) + "-" +
                                                                                   std::to_string(std::time(nullptr))});
      if (!std::holds_alternative<qu::Ticket>(t)) throw std::runtime_error("the stand-in gave no number to call");
      batch.push_back(call_next(url, std::to_string(1 + made % 20)));
    }
    called.insert(called.end(), batch.begin(), batch.end());
    pump([&] { return std::all_of(batch.begin(), batch.end(), [&](const std::string& n) { return seen.count(n) > 0; }); },
         std::chrono::milliseconds(5000));
    if (made % kPerHour == 0) rss.push_back(rss_kb());
  }
  pump([] { return false; }, std::chrono::milliseconds(1500));  // a late double would show here
  int missed = 0, doubled = 0;
  for (const auto& n : called) {
    const auto it = seen.find(n);
    missed += it == seen.end();
    doubled += it != seen.end() && it->second > 1;
  }
  const size_t said = announcer.sentences_said();
  const long base = rss.size() > 1 ? rss[1] : rss[0];
  const long growth = rss.back() - base;
  std::ostringstream text;
  text << "display soak against " << url << ": " << hours << " h of a busy hall (" << called.size() << " calls) in "
       << std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - t0).count() << " s\n"
       << "  " << missed << " missed, " << doubled << " on the board twice, " << said << " sentences said (3 a call)\n"
       << "  resident memory by simulated hour (KB):";
  for (long kb : rss) text << ' ' << kb;
  text << "\n  after the first hour it grew " << growth << " KB (limit " << kFlatKb << ")\n";
  if (missed || doubled || said != 3 * called.size() || growth > kFlatKb)
    throw std::runtime_error(text.str() + "a call was missed, doubled or not said, or memory grew");
  return Output{text.str(), json{{"calls", called.size()}, {"missed", missed}, {"doubled", doubled}, {"said", said},
                                 {"rss_kb_by_hour", rss}, {"growth_kb", growth}}};
}

}  // namespace

void register_display_bench(CLI::App& bench, Action& action) {
  auto* cmd = bench.add_subcommand("display", "The hall display: a call at the queue server to the board and the voice");
  auto url = std::make_shared<std::string>();
  auto calls = std::make_shared<int>(100);
  auto soak_hours = std::make_shared<double>(0);
  cmd->add_option("--queue", *url, "The queue stand-in (tests/sim: its /_sim/queue/call makes the calls)")->required();
  cmd->add_option("--calls", *calls, "How many calls");
  cmd->add_option("--soak-hours", *soak_hours,
                  "Instead: this many hours of a busy hall's calls (400 an hour), compressed to 8 a second; "
                  "fails on a call missed, said twice, or memory that grows");
  cmd->callback([&action, url, calls, soak_hours] {
    action = [=] {
      qu::ClientSettings s;
      s.url = *url;
      s.http.policy.allow_http_loopback = true;
      auto taker = qu::make_client(s);
      std::ostringstream quiet;
      kiosk::Logger log(quiet, kiosk::LogLevel::Warn);
      FeedSignal signal;
      kiosk::hall::HallFeed feed(qu::make_client(s), std::nullopt, kiosk::hall::FeedTiming{}, log, [&] { signal.wake(); });
      auto speaker = kiosk::speech::make_log_speaker();
      // As on the wall: what was said is forgotten once said (the soak watches memory).
      kiosk::hall::CallAnnouncer announcer(speaker.get(), kiosk::speech::Voice{}, true, *soak_hours <= 0);
      kiosk::hall::HallBoard board;
      bool first = true;
      // Everything the feed has brought, applied as the display's loop does.
      auto drain = [&](std::vector<qu::Call>* fresh) {
        for (auto& u : feed.take()) {
          if (u.services) board.set_services(std::move(u.services->services));
          if (!u.calls) continue;
          auto got = board.apply(*u.calls, Clock::now(), !first);
          if (!first)
            for (const auto& c : got) {
              announcer.add(c);
              fresh->push_back(c);
            }
          first = false;
        }
      };
      // The display's first look (services, the calls before it) before the clock starts.
      for (int i = 0; i < 50 && first; ++i) {
        std::vector<qu::Call> none;
        signal.wait(std::chrono::milliseconds(100));
        drain(&none);
      }
      if (first) throw std::runtime_error("the display's feed got no answer from " + *url);
      if (*soak_hours > 0) return soak(*url, *soak_hours, *taker, drain, announcer, signal);
      std::vector<double> ms;
      int missed = 0;
      for (int i = 0; i < *calls; ++i) {
        const auto t = taker->take({"tu-phap", "", qu::Priority::None, "bench-display", "tap-bench-display-" + std::to_string(i) + "-" +
                                                                                            std::to_string(std::time(nullptr))});
        // There is someone to call (the stand-in calls the service's oldest waiting number).
        if (!std::holds_alternative<qu::Ticket>(t)) throw std::runtime_error("the stand-in gave no number to call");
        // Calls at a random moment of the display's poll, as officers call.
        std::this_thread::sleep_for(std::chrono::milliseconds(37 * (i % 27)));
        const auto t0 = Clock::now();
        const std::string number = call_next(*url, "11");
        bool seen = false;
        while (!seen && Clock::now() - t0 < std::chrono::seconds(5)) {
          signal.wait(std::chrono::milliseconds(50));
          std::vector<qu::Call> fresh;
          drain(&fresh);
          for (const auto& c : fresh) seen = seen || c.number == number;
        }
        if (seen)
          ms.push_back(ms_since(t0));
        else
          ++missed;
      }
      while (announcer.tick()) {
      }
      const Spread sp = spread(ms);
      const size_t said = speaker->spoken().size();
      std::ostringstream text;
      text << "display bench against " << *url << " (the display's feed polls every second)\n"
           << "  call to the board and its announcement: p50 " << sp.p50 << " ms, p99 " << sp.p99 << " ms, max " << sp.max << " ms over "
           << sp.n << " calls; " << missed << " not seen within 5 s; " << said << " sentences said (each call a chime, then twice)\n"
           << "  targets: p50 <= 1000 ms, p99 <= 1500 ms including the poll\n";
      // A call missed or said other than twice is a fault, not a figure.
      if (missed || said != 3 * ms.size()) throw std::runtime_error(text.str() + "calls were missed or not said twice");
      return Output{text.str(), json{{"calls", sp.n}, {"p50_ms", sp.p50}, {"p99_ms", sp.p99}, {"max_ms", sp.max}, {"said", said}}};
    };
  });
}

}  // namespace kioskctl

// The display's sources, off the UI thread: the queue server's calls every second, how many wait
// every 5 s, its services every 5 minutes; the backend's month figures every 5 minutes. What
// came is taken by the UI thread before a frame; a source that fails is said stale, the others go on.
#pragma once
#include <condition_variable>
#include <ctime>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "common/log.hpp"
#include "dossier/month_stats.hpp"
#include "queue/client.hpp"

namespace kiosk::hall {

struct FeedUpdate {
  std::optional<queue::ServiceList> services;
  std::optional<std::vector<queue::Call>> calls;
  std::optional<std::vector<queue::ServiceStatus>> status;
  std::optional<dossier::MonthStats> stats;
  // A source that failed this round, and when: shown as stale until it answers again.
  bool queue_failed = false, stats_failed = false;
  bool queue_ok = false, stats_ok = false;
  std::time_t at = 0;
};

struct FeedTiming {
  std::chrono::milliseconds calls{1000}, status{5000}, services{300000}, stats{300000};
};

class HallFeed {
 public:
  // `queue` and `backend` may be absent (that part of the screen then says nothing). `wake` is
  // called from the feed's thread when an update is waiting.
  HallFeed(std::unique_ptr<queue::QueueClient> queue, std::optional<dossier::BackendConfig> backend, FeedTiming timing, Logger& log,
           std::function<void()> wake);
  ~HallFeed();
  HallFeed(const HallFeed&) = delete;
  HallFeed& operator=(const HallFeed&) = delete;

  std::vector<FeedUpdate> take();

 private:
  void run();
  void push(FeedUpdate u);

  std::unique_ptr<queue::QueueClient> queue_;
  std::optional<dossier::BackendConfig> backend_;
  FeedTiming timing_;
  Logger& log_;
  std::function<void()> wake_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::vector<FeedUpdate> inbox_;
  std::thread thread_;  // last: it uses the members above
};

}  // namespace kiosk::hall

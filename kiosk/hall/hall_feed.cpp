#include "hall/hall_feed.hpp"

#include <algorithm>
#include <utility>

namespace kiosk::hall {

namespace {

// The month as the center counts it (UTC+7), "2026-12".
std::string center_month(std::time_t now) {
  const std::time_t t = now + 7 * 3600;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[8];
  std::strftime(buf, sizeof buf, "%Y-%m", &tm);
  return buf;
}

}  // namespace

HallFeed::HallFeed(std::unique_ptr<queue::QueueClient> queue, std::optional<dossier::BackendConfig> backend, FeedTiming timing, Logger& log,
                   std::function<void()> wake)
    : queue_(std::move(queue)), backend_(std::move(backend)), timing_(timing), log_(log), wake_(std::move(wake)), thread_([this] { run(); }) {}

HallFeed::~HallFeed() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

std::vector<FeedUpdate> HallFeed::take() {
  std::lock_guard lock(mu_);
  return std::exchange(inbox_, {});
}

void HallFeed::push(FeedUpdate u) {
  {
    std::lock_guard lock(mu_);
    // The UI thread may be slow to come: calls are never dropped, the rest is superseded.
    inbox_.push_back(std::move(u));
  }
  if (wake_) wake_();
}

void HallFeed::run() {
  using Clock = std::chrono::steady_clock;
  Clock::time_point next_services{}, next_status{}, next_stats{};
  int64_t after = 0;
  bool queue_down = false, stats_down = false;
  std::optional<std::vector<queue::ServiceStatus>> last_status;
  for (;;) {
    const auto now = Clock::now();
    FeedUpdate u;
    u.at = std::time(nullptr);
    bool any = false;
    if (queue_) {
      auto failed = [&](const queue::QueueError& e, const char* what) {
        if (!queue_down) log_.warn("display", std::string("queue server: ") + what + ": " + queue::kind_name(e.kind) + ": " + e.detail);
        queue_down = true;
        u.queue_failed = true;
        any = true;
      };
      if (now >= next_services) {
        auto r = queue_->services();
        if (auto* l = std::get_if<queue::ServiceList>(&r)) {
          u.services = std::move(*l);
          next_services = now + timing_.services;
        } else {
          failed(std::get<queue::QueueError>(r), "services");
          next_services = now + timing_.calls;
        }
        any = true;
      }
      if (!u.queue_failed) {
        auto r = queue_->calls(after);
        if (auto* c = std::get_if<std::vector<queue::Call>>(&r)) {
          if (!c->empty()) after = c->back().seq;
          if (!c->empty()) any = true;
          u.calls = std::move(*c);
          u.queue_ok = true;
        } else {
          failed(std::get<queue::QueueError>(r), "calls");
        }
      }
      if (!u.queue_failed && now >= next_status) {
        auto r = queue_->status();
        if (auto* s = std::get_if<std::vector<queue::ServiceStatus>>(&r)) {
          // Only a change is worth a frame (at 4K the software renderer's frame is not free).
          auto same = [](const queue::ServiceStatus& a, const queue::ServiceStatus& b) {
            return a.service == b.service && a.serving == b.serving && a.waiting == b.waiting;
          };
          if (!last_status || !std::equal(s->begin(), s->end(), last_status->begin(), last_status->end(), same)) {
            last_status = *s;
            u.status = std::move(*s);
            any = true;
          }
        } else {
          failed(std::get<queue::QueueError>(r), "status");
        }
        next_status = now + timing_.status;
      }
      if (u.queue_ok && !u.queue_failed && queue_down) {
        log_.info("display", "queue server answers again");
        queue_down = false;
        any = true;
      }
    }
    if (backend_ && now >= next_stats) {
      auto r = dossier::fetch_month_stats(*backend_, center_month(u.at));
      if (auto* s = std::get_if<dossier::MonthStats>(&r)) {
        u.stats = std::move(*s);
        u.stats_ok = true;
        if (stats_down) log_.info("display", "the backend's figures answer again");
        stats_down = false;
        next_stats = now + timing_.stats;
      } else {
        const auto& e = std::get<dossier::LookupError>(r);
        if (!stats_down) log_.warn("display", "backend figures: " + std::string(dossier::kind_name(e.kind)) + ": " + e.detail);
        stats_down = true;
        u.stats_failed = true;
        next_stats = now + std::min(timing_.stats, std::chrono::milliseconds(10000));
      }
      any = true;
    }
    if (any) push(std::move(u));
    std::unique_lock lock(mu_);
    if (cv_.wait_for(lock, timing_.calls, [this] { return stop_; })) return;
  }
}

}  // namespace kiosk::hall

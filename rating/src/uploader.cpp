#include "rating/uploader.hpp"

#include <chrono>
#include <ctime>

#include "rating/rating_log.hpp"

namespace kiosk::rating {

Uploader::Uploader(std::filesystem::path state_db, UploaderOptions o, Logger& log)
    : db_(std::move(state_db)), opt_(std::move(o)), log_(log), thread_([this] { run(); }) {}

Uploader::~Uploader() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void Uploader::poke() {
  {
    std::lock_guard lock(mu_);
    poked_ = true;
  }
  cv_.notify_all();
}

void Uploader::run() {
  std::optional<RatingLog> ratings;
  auto last_warning = std::chrono::steady_clock::time_point{};
  for (;;) {
    try {
      if (!ratings) ratings.emplace(db_, 1);
      const auto d = ratings->upload(opt_.backend, opt_.headers, opt_.http, static_cast<int64_t>(std::time(nullptr)));
      if (!d.delivered.empty()) log_.info("rating", std::to_string(d.delivered.size()) + " rating(s) delivered");
      // Offline for days is fine: said in the log once an hour, not at every pass.
      const auto now = std::chrono::steady_clock::now();
      if (d.failed && now - last_warning >= std::chrono::hours(1)) {
        log_.warn("rating", "ratings not delivered yet: " + d.last_error);
        last_warning = now;
      }
    } catch (const std::exception& e) {
      log_.error("rating", std::string("rating uploader: ") + e.what());
      ratings.reset();
    }
    std::unique_lock lock(mu_);
    cv_.wait_for(lock, std::chrono::seconds(opt_.interval_seconds), [this] { return stop_ || poked_; });
    if (stop_) return;
    poked_ = false;
  }
}

}  // namespace kiosk::rating

#include "model/content_updater.hpp"

#include <ctime>

#include "model/update_record.hpp"
#include "model/update_self_check.hpp"
#include "search/index.hpp"

namespace kiosk::app {

namespace {

std::vector<content::PublicKey> trusted_keys(const KioskConfig& c) {
  if (c.trusted_keys.empty()) return content::read_trusted_keys({"/etc/tthc-kiosk/trusted-keys"});
  return content::read_trusted_keys(c.trusted_keys);
}

}  // namespace

ContentUpdater::ContentUpdater(const KioskConfig& config, Logger& log, std::function<void()> wake, std::chrono::milliseconds first_poll)
    : config_(config),
      store_(config.store), interval_(std::chrono::minutes(config.content_poll_minutes)), log_(log), wake_(std::move(wake)) {
  options_.channel_url = config.content_channel;
  options_.trusted = trusted_keys(config);
  if (options_.trusted.empty()) throw std::runtime_error("no trusted key for the content channel");
  options_.extensions = {search::index_extension()};
  options_.kiosk_id = kiosk_id_or_hostname(config.kiosk_id);
  options_.kiosk_version = KIOSK_VERSION;
  options_.http.ca_bundle = config.content_channel_ca;
  options_.http.connect_timeout = std::chrono::seconds(5);
  options_.http.total_timeout = std::chrono::seconds(15);
  options_.http.cancel = &cancel_;
  http::check_url(options_.channel_url, http::Policy{});
  worker_ = std::thread([this, first_poll] { run(first_poll); });
}

ContentUpdater::~ContentUpdater() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cancel_ = true;
  cv_.notify_all();
  worker_.join();
}

void ContentUpdater::poll_now() {
  {
    std::lock_guard lock(mu_);
    poll_now_ = true;
  }
  cv_.notify_all();
}

void ContentUpdater::record(const UpdateRecord& r) {
  try {
    write_update_record(store_, r);
  } catch (const std::exception& e) {
    log_.warn("content", std::string("the update's outcome not kept: ") + e.what());
  }
}

std::optional<content::UpdateOutcome> ContentUpdater::take() {
  std::lock_guard lock(mu_);
  auto out = std::move(outcome_);
  outcome_.reset();
  return out;
}

void ContentUpdater::run(std::chrono::milliseconds first_poll) {
  auto wait = first_poll;
  for (;;) {
    {
      std::unique_lock lock(mu_);
      cv_.wait_for(lock, wait, [&] { return stop_ || poll_now_; });
      if (stop_) return;
      poll_now_ = false;
    }
    // A citizen at the screen: look again soon rather than a whole interval later.
    if (!idle_) {
      wait = std::min<std::chrono::milliseconds>(interval_, std::chrono::seconds(30));
      continue;
    }
    wait = interval_;
    try {
      content::ContentStore store(store_);
      const UpdateSelfCheck check(config_);
      const auto r = content::update_from_channel(store, options_, [&check](const content::InstalledPack& p) { return check(p); });
      record({content::kind_name(r.kind), r.version, r.detail, static_cast<int64_t>(std::time(nullptr))});
      using K = content::UpdateOutcome::Kind;
      if (r.kind == K::Installed || r.kind == K::RolledBack) {
        if (r.kind == K::Installed) log_.info("content", "update: " + r.detail);
        else log_.error("content", "update: " + r.detail);
        {
          std::lock_guard lock(mu_);
          outcome_ = r;
        }
        if (wake_) wake_();
      } else if (r.kind != K::Unchanged) {
        log_.info("content", std::string("update: ") + content::kind_name(r.kind) + ", " + r.detail);
      }
    } catch (const std::exception& e) {
      log_.warn("content", std::string("update from the channel failed: ") + e.what());
      record({"failed", "", e.what(), static_cast<int64_t>(std::time(nullptr))});
    }
  }
}

}  // namespace kiosk::app

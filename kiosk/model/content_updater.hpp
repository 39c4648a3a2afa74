// The kiosk's own content updates: a worker that polls the fleet's channel (content/update.hpp)
// while nobody uses the kiosk, and tells the UI when a new pack is installed so it reloads at the
// next idle moment. A pass that fails is logged and tried again at the next poll.
#pragma once
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

#include "common/log.hpp"
#include "content/update.hpp"
#include "model/config.hpp"
#include "model/update_record.hpp"

namespace kiosk::app {

class ContentUpdater {
 public:
  // `wake` is called from the worker when an outcome waits in take().
  ContentUpdater(const KioskConfig& config, Logger& log, std::function<void()> wake,
                 std::chrono::milliseconds first_poll = std::chrono::seconds(30));
  ~ContentUpdater();
  ContentUpdater(const ContentUpdater&) = delete;
  ContentUpdater& operator=(const ContentUpdater&) = delete;

  // The UI says whether a citizen is using the kiosk; passes run only while idle.
  void set_idle(bool idle) { idle_ = idle; }
  // Looks at the channel now (a fleet "reload"), still only while idle.
  void poll_now();
  // An install (or a rollback after a failed self-check) since the last call.
  std::optional<content::UpdateOutcome> take();

 private:
  void run(std::chrono::milliseconds first_poll);
  void record(const UpdateRecord& r);
  content::UpdateOptions options_;
  KioskConfig config_;  // for the self-check (the printer)
  std::filesystem::path store_;
  std::chrono::milliseconds interval_;
  Logger& log_;
  std::function<void()> wake_;
  std::atomic<bool> idle_{false};
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::atomic<bool> cancel_{false};  // cuts a download in progress when the kiosk quits
  bool poll_now_ = false;
  std::optional<content::UpdateOutcome> outcome_;
  std::thread worker_;
};

}  // namespace kiosk::app

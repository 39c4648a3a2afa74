// SIGTERM and SIGINT as the kiosk's own events, not SDL's: SDL turns them into a quit event,
// which a kiosk in kiosk mode must ignore (the compositor's close request), so the service
// manager's stop went unheard until its SIGKILL. The signals are blocked in every thread and read
// from a signalfd by one watcher thread, which tells the main loop.
#pragma once
#include <atomic>
#include <functional>
#include <thread>

namespace kiosk::platform {

class StopSignals {
 public:
  // Blocks SIGTERM and SIGINT: construct it before any thread starts, so every thread inherits
  // the mask and only the watcher ever sees them.
  StopSignals();
  ~StopSignals();
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

  // Starts watching; `wake` is called (from the watcher thread) when a signal arrives.
  void watch(std::function<void()> wake);
  // The signal that asked the kiosk to stop, or 0.
  int received() const { return received_.load(); }

 private:
  void run();
  int signal_fd_ = -1;
  int stop_fd_ = -1;  // an eventfd that ends the watcher
  std::atomic<int> received_{0};
  std::function<void()> wake_;
  std::thread watcher_;
};

}  // namespace kiosk::platform

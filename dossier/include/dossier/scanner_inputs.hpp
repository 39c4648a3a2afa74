// The slip scanners a kiosk meets besides the camera: USB keyboard-wedge scanners (keystrokes)
// and serial / USB-CDC scanners (a tty that sends one line per scan).
#pragma once
#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <thread>

namespace kiosk::dossier {

// A wedge scanner types a whole code within milliseconds and ends with Enter; a person types
// slower. Keys fed here come back either as a scan or as typing for the query box.
class WedgeDetector {
 public:
  using Clock = std::chrono::steady_clock;
  struct Options {
    std::chrono::milliseconds max_gap{35};  // scanners send a key every 2-20 ms
    size_t min_length = 6;
  };
  WedgeDetector() : WedgeDetector(Options{}) {}
  explicit WedgeDetector(Options o) : opt_(o) {}

  // A typed character (UTF-8). Returns text now known to be typing (a pause ends a burst).
  std::string key(const std::string& ch, Clock::time_point t);
  // Enter: a fast burst long enough is a scan; anything else is returned as typing.
  struct Result {
    std::optional<std::string> scan;
    std::string typed;
  };
  Result enter(Clock::time_point t);
  // Called when no key came for a while: a pending slow sequence is typing.
  std::string flush(Clock::time_point t);
  // Keys are held back, waiting to learn whether they are a scan: flush() them after max_gap.
  bool pending() const { return !buffer_.empty(); }
  std::chrono::milliseconds max_gap() const { return opt_.max_gap; }

 private:
  std::string take();
  Options opt_;
  std::string buffer_;
  Clock::time_point last_{};
};

// Reads a serial scanner: one scan per line (CR, LF or both), on its own thread.
class SerialScanner {
 public:
  // Opens the tty in raw mode; throws std::runtime_error naming the device when it cannot.
  SerialScanner(const std::filesystem::path& device, std::function<void(std::string)> on_scan);
  ~SerialScanner();
  SerialScanner(const SerialScanner&) = delete;
  SerialScanner& operator=(const SerialScanner&) = delete;

  static constexpr size_t kMaxLine = 4096;  // a line longer than this is noise, dropped

 private:
  void run();
  int fd_ = -1;
  int stop_pipe_[2] = {-1, -1};
  std::function<void(std::string)> on_scan_;
  std::thread thread_;
};

}  // namespace kiosk::dossier

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
#include <vector>

namespace kiosk::dossier {

// A wedge scanner types a whole code within milliseconds and ends with Enter; a person types
// slower. Keys fed here come back either as a scan or as typing for the query box.
//
// Keys must be stamped with when they were pressed, not when the kiosk's loop read them: the loop
// cannot read while it draws, and a frame drawn in the middle of a burst (a long result list,
// software rendering) would look like a pause (the platform stamps keys with the X server's
// time). Where no such time is known, a burst cut anyway is put back together at Enter: typing
// released in the moments before it (several keys at once, no gap longer than `reclaim_gap`)
// is taken back when, with the burst, it makes a slip (parse_slip), and the caller takes those
// bytes back out of the query. A person's typing and Enter is never a scan: a person's keys come
// one at a time, and Enter does not follow the last within a scanner's gap.
class WedgeDetector {
 public:
  using Clock = std::chrono::steady_clock;
  struct Options {
    std::chrono::milliseconds max_gap{35};  // scanners send a key every 2-20 ms
    size_t min_length = 6;
    std::chrono::milliseconds reclaim_gap{400};  // the longest frame a burst may be cut by
  };
  WedgeDetector() : WedgeDetector(Options{}) {}
  explicit WedgeDetector(Options o) : opt_(o) {}

  // A typed character (UTF-8). Returns text now known to be typing (a pause ends a burst).
  std::string key(const std::string& ch, Clock::time_point t);
  // Enter: a fast burst long enough is a scan; anything else is returned as typing.
  struct Result {
    std::optional<std::string> scan;
    std::string typed;
    // Bytes of typing released before (the last ones) that belong to this scan: the caller
    // takes them back out of wherever it put them.
    size_t reclaimed = 0;
  };
  Result enter(Clock::time_point t);
  // Called when no key came for a while: a pending slow sequence is typing.
  std::string flush(Clock::time_point t);
  // Keys are held back, waiting to learn whether they are a scan: flush() them after max_gap.
  bool pending() const { return !buffer_.empty(); }
  std::chrono::milliseconds max_gap() const { return opt_.max_gap; }

 private:
  // A piece of typing already released, remembered for a moment in case it was a burst's head.
  struct Released {
    std::string text;
    Clock::time_point first, last;
    size_t keys = 0;  // a person's typing comes out a key at a time
  };
  std::chrono::steady_clock::duration gap_since_last(Clock::time_point t) const;
  std::string take(Clock::time_point t);
  Options opt_;
  std::string buffer_;
  Clock::time_point first_{}, last_{};
  size_t keys_ = 0;  // in the buffer
  std::vector<Released> released_;
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

// Every slip scanner feeds one stream that the UI loop drains: keys pass through the
// keyboard-wedge detector (a fast burst ending in Enter is a scan, slower keys are typing), the
// serial scanner and the camera push from their threads and wake the loop. The camera's frames
// also give a small live view for the scan screen. No SDL here.
#pragma once
#include <atomic>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "common/log.hpp"
#include "dossier/frame_scanner.hpp"
#include "dossier/scanner_inputs.hpp"
#include "model/config.hpp"

namespace kiosk::app {

struct PreviewFrame {
  std::vector<unsigned char> rgba;
  int width = 0, height = 0;
};

class ScanStream {
 public:
  // Starts the serial scanner and the camera the configuration names (when `scanners` is
  // true: without a backend a scan has nowhere to go). Failures are logged, not fatal.
  ScanStream(const KioskConfig& config, bool scanners, Logger& log, std::function<void()> wake);
  ~ScanStream();
  ScanStream(const ScanStream&) = delete;
  ScanStream& operator=(const ScanStream&) = delete;

  using Clock = dossier::WedgeDetector::Clock;
  dossier::WedgeDetector& wedge() { return wedge_; }

  void push(std::string payload);  // any thread
  std::deque<std::string> take();

  bool has_camera() const { return camera_ != nullptr; }
  // New frames wake the loop only while the live view is on screen.
  void want_preview(bool on) { want_preview_ = on; }
  std::optional<PreviewFrame> take_preview();  // a new frame since the last call

 private:
  void on_frame(const dossier::GreyImage& g);

  std::function<void()> wake_;
  dossier::WedgeDetector wedge_;
  std::mutex mu_;
  std::deque<std::string> scans_;
  std::atomic<bool> want_preview_{false};
  std::optional<PreviewFrame> preview_;
  // Last: their threads use the members above until they are joined.
  std::unique_ptr<dossier::SerialScanner> serial_;
  std::unique_ptr<dossier::FrameScanner> camera_;
};

}  // namespace kiosk::app

// The hall's display: `tthc-kiosk --mode display` (or kiosk.conf mode = display). The same
// program as the citizen kiosk without its session: no touch, never idle-reset; the queue
// server's calls shown and said aloud, the backend's month figures. docs/hall-display.md.
#pragma once
#include <filesystem>
#include <memory>

#include "platform/app.hpp"

namespace kiosk::platform {

class HallApp {
 public:
  explicit HallApp(AppOptions options);
  ~HallApp();
  HallApp(const HallApp&) = delete;
  HallApp& operator=(const HallApp&) = delete;

  // Until SIGTERM/SIGINT (`stop`), or the window closes when windowed.
  int run(StopSignals* stop = nullptr);
  // A scripted display session: wait, await, expect, expect-not, shot, check-layout,
  // expect-spoken (touch verbs are refused: a display has no touch). 0, 1 on a failed expect, 2
  // on a broken script.
  int run_script(const std::filesystem::path& script, const std::filesystem::path& screenshots);

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace kiosk::platform

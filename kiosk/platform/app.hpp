// The kiosk application: the display, the session, the services and the scanners, and the
// event-driven loop that draws only when something changed. Scripted sessions (script_runner.cpp)
// and the UI benchmark (bench.cpp) drive the same loop.
#pragma once
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "model/config.hpp"

namespace kiosk::platform {

class StopSignals;

struct AppOptions {
  app::KioskConfig config;
  bool windowed = false;
  bool headless = false;  // offscreen video driver, software renderer
  int width = 1920, height = 1080;
  // Tests of the systemd watchdog only: the loop hangs this long after start.
  std::optional<std::chrono::seconds> hang_after;
};

struct DisplayOptions;  // sdl_display.hpp
// The window these options ask for (the citizen kiosk and the hall display alike).
DisplayOptions display_options(const AppOptions& o);

struct BenchFigures {
  double cold_start_ms = 0;
  double frame_p50_ms = 0, frame_p99_ms = 0;
  int frames = 0;
  double idle_cpu_percent = 0;
  double idle_seconds = 0;
  double peak_rss_mb = 0;
  std::string video_driver;  // idle CPU is only meaningful on a real one (x11): "offscreen" polls
};

class KioskApp {
 public:
  explicit KioskApp(AppOptions options);
  ~KioskApp();
  KioskApp(const KioskApp&) = delete;
  KioskApp& operator=(const KioskApp&) = delete;

  // The kiosk: until staff quit it, `stop` reports SIGTERM or SIGINT (a clean shutdown: exit 0),
  // or the window closes when windowed.
  int run(StopSignals* stop = nullptr);
  // Plays a script; returns 0, or 1 when an expect failed, 2 on a broken script.
  int run_script(const std::filesystem::path& script, const std::filesystem::path& screenshots);
  // Cold start is measured from process_start to the first frame drawn.
  BenchFigures bench(std::chrono::steady_clock::time_point process_start, double idle_seconds);

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace kiosk::platform

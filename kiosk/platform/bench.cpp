// `tthc-kiosk --bench`: cold start, frame time while flinging the results, idle CPU on the real
// loop, peak memory.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "platform/app_impl.hpp"

namespace kiosk::platform {

using app::Clock;

namespace {

double cpu_seconds() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
         static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

}  // namespace

BenchFigures KioskApp::bench(std::chrono::steady_clock::time_point process_start, double idle_seconds) {
  auto& s = *impl_;
  BenchFigures f;
  s.draw();  // first frame
  f.cold_start_ms = std::chrono::duration<double, std::milli>(Clock::now() - process_start).count();
  // Scrolling results at full size: search, then fling the list up and down.
  s.session.touch(s.now());
  s.session.go(app::Screen::Search);
  s.session.composer().set_text("dang ky");
  for (int i = 0; i < 200 && (s.session.results().empty() || !s.session.results_current()); ++i) {
    s.take_work();
    s.draw(nullptr, true);
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  std::vector<double> ms;
  ImGuiIO& io = ImGui::GetIO();
  for (int round = 0; round < 6; ++round) {
    const float x = io.DisplaySize.x / 2, y0 = io.DisplaySize.y * 0.35f;
    io.MousePos = ImVec2(x, y0);
    io.MouseDown[0] = true;
    for (int i = 0; i < 40; ++i) {
      io.MousePos = ImVec2(x, y0 + ((round % 2) ? 8.0f : -8.0f) * static_cast<float>(i));
      auto t0 = Clock::now();
      s.draw(nullptr, true);
      ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    }
    io.MouseDown[0] = false;
    for (int i = 0; i < 40 && s.ui->animating(); ++i) {
      auto t0 = Clock::now();
      s.draw(nullptr, true);
      ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    }
  }
  std::sort(ms.begin(), ms.end());
  f.frames = static_cast<int>(ms.size());
  f.frame_p50_ms = ms[ms.size() / 2];
  f.frame_p99_ms = ms[std::min(ms.size() - 1, ms.size() * 99 / 100)];
  // Idle: the real loop, untouched, on the home screen.
  s.session.home();
  s.frames_pending = 3;
  const double cpu0 = cpu_seconds();
  const auto t0 = Clock::now();
  while (std::chrono::duration<double>(Clock::now() - t0).count() < idle_seconds) s.step();
  f.idle_seconds = std::chrono::duration<double>(Clock::now() - t0).count();
  f.idle_cpu_percent = 100.0 * (cpu_seconds() - cpu0) / f.idle_seconds;
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  f.peak_rss_mb = static_cast<double>(ru.ru_maxrss) / 1024.0;
  f.video_driver = s.display.video_driver();
  return f;
}

}  // namespace kiosk::platform

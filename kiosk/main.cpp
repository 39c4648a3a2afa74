// tthc-kiosk: the citizens' touch kiosk.
//   tthc-kiosk [--config FILE] [--store DIR] [--windowed]
//   tthc-kiosk [--config FILE] [--store DIR] --script FILE --screenshots DIR [--size WxH]
//   tthc-kiosk [--store DIR] --bench [--bench-idle-seconds N] [--json]
#include <CLI/CLI.hpp>
#include <sys/stat.h>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>
#include <nlohmann/json.hpp>

#include "common/hardening.hpp"
#include "common/network.hpp"
#include "model/config.hpp"
#include "platform/app.hpp"
#include "platform/hall_app.hpp"
#include "platform/stop_signals.hpp"

int main(int argc, char** argv) {
  const auto started = std::chrono::steady_clock::now();
  // Before anything holds a citizen's data: no core dump of this process, ever.
  if (const auto problem = kiosk::forbid_core_dumps(); !problem.empty())
    std::cerr << "tthc-kiosk: core dumps may still be possible: " << problem << "\n";
  // Everything the kiosk writes (its state database, print files) holds citizens' data: its own.
  umask(0077);
  if (!kiosk::use_utf8_locale()) std::cerr << "tthc-kiosk: no UTF-8 locale: Vietnamese file names in packs may fail\n";
  // Before any thread: libcurl's memory is wiped when freed (backend answers pass through it).
  const kiosk::http::NetworkLibrary network;
  CLI::App cli{"tthc-kiosk — kiosk tra cứu thủ tục hành chính"};
  cli.set_version_flag("--version", std::string("tthc-kiosk ") + KIOSK_VERSION);
  std::string config_path, store, state_db, script, screenshots, size = "1920x1080";
  bool windowed = false, bench = false, json = false;
  double idle_seconds = 30;
  std::string mode;
  cli.add_option("--mode", mode, "kiosk (the citizen's touch screen) or display (the hall's TV); default: kiosk.conf's mode")
      ->check(CLI::IsMember({"kiosk", "display"}));
  cli.add_option("--config", config_path, "Configuration file (default /etc/tthc-kiosk/kiosk.conf if present)");
  cli.add_option("--store", store, "Content store directory (overrides the configuration)");
  cli.add_option("--state-db", state_db, "The kiosk's state database (overrides the configuration)");
  cli.add_flag("--windowed", windowed, "A window instead of the fullscreen kiosk (development)");
  cli.add_option("--script", script, "Play a scripted session headless")->check(CLI::ExistingFile);
  cli.add_option("--screenshots", screenshots, "Where the script's shots are saved as PNG");
  cli.add_option("--size", size, "Window size for scripts and benchmarks, WxH");
  cli.add_flag("--bench", bench, "Print start-up, frame time, idle CPU and memory figures");
  cli.add_option("--bench-idle-seconds", idle_seconds, "How long the idle CPU measurement runs");
  cli.add_flag("--json", json, "Benchmark figures as JSON");
  int hang_after = -1;
  // Hidden (no group): the watchdog test makes the loop hang to see systemd restart it.
  cli.add_option("--test-hang-after", hang_after, "Hang the main loop after N seconds (watchdog tests)")->group("");
  CLI11_PARSE(cli, argc, argv);

  try {
    kiosk::platform::AppOptions opt;
    if (!config_path.empty()) {
      opt.config = kiosk::app::load_config(config_path);
    } else if (std::filesystem::exists(kiosk::app::kDefaultConfigPath)) {
      opt.config = kiosk::app::load_config(kiosk::app::kDefaultConfigPath);
    }
    if (!store.empty()) opt.config.store = store;
    if (!mode.empty()) opt.config.mode = mode;
    if (!state_db.empty()) opt.config.state_db = state_db;
    opt.windowed = windowed || !opt.config.fullscreen;
    opt.width = opt.config.width;
    opt.height = opt.config.height;
    opt.headless = !script.empty() || bench;
    if (hang_after >= 0) opt.hang_after = std::chrono::seconds(hang_after);
    if (opt.headless) {
      if (std::sscanf(size.c_str(), "%dx%d", &opt.width, &opt.height) != 2 || opt.width < 320 || opt.height < 240) {
        std::cerr << "tthc-kiosk: --size takes WxH, e.g. 1920x1080\n";
        return 2;
      }
      // No display needed: SDL's offscreen driver and the software renderer.
      setenv("SDL_VIDEODRIVER", "offscreen", 0);
      setenv("SDL_RENDER_DRIVER", "software", 0);
    }
    // Before the app starts any thread: they all inherit the blocked stop signals. Scripts and
    // the benchmark keep the default (a ^C ends them at once).
    std::optional<kiosk::platform::StopSignals> stop;
    if (script.empty() && !bench) stop.emplace();
    if (opt.config.mode == "display") {
      if (bench) {
        std::cerr << "tthc-kiosk: --bench measures the citizen's screen; not in display mode\n";
        return 2;
      }
      kiosk::platform::HallApp hall(opt);
      if (!script.empty()) return hall.run_script(script, screenshots);
      return hall.run(stop ? &*stop : nullptr);
    }
    kiosk::platform::KioskApp app(opt);
    if (!script.empty()) return app.run_script(script, screenshots);
    if (bench) {
      auto f = app.bench(started, idle_seconds);
      if (json) {
        std::cout << nlohmann::json{{"cold_start_ms", f.cold_start_ms}, {"frame_p50_ms", f.frame_p50_ms},
                                    {"frame_p99_ms", f.frame_p99_ms},   {"frames", f.frames},
                                    {"idle_cpu_percent", f.idle_cpu_percent}, {"idle_seconds", f.idle_seconds},
                                    {"peak_rss_mb", f.peak_rss_mb},     {"size", size}, {"video_driver", f.video_driver}}
                         .dump(2)
                  << "\n";
      } else {
        std::printf("ui benchmark at %s, software renderer, SDL video driver %s\n", size.c_str(), f.video_driver.c_str());
        std::printf("  cold start to first frame: %.0f ms (target <= 1000)\n", f.cold_start_ms);
        std::printf("  frame time while scrolling results: p50 %.2f ms, p99 %.2f ms over %d frames (target p99 <= 16)\n",
                    f.frame_p50_ms, f.frame_p99_ms, f.frames);
        std::printf("  idle CPU: %.2f%% of a core over %.0f s (target <= 1%%)\n", f.idle_cpu_percent, f.idle_seconds);
        std::printf("  peak RSS: %.1f MB (target <= 150)\n", f.peak_rss_mb);
      }
      return 0;
    }
    return app.run(stop ? &*stop : nullptr);
  } catch (const std::exception& e) {
    std::cerr << "tthc-kiosk: " << e.what() << "\n";
    return 1;
  }
}

#include "platform/hall_app.hpp"

#include <stb_image_write.h>

#include <fstream>
#include <iostream>
#include <thread>

#include "common/files.hpp"
#include "common/log.hpp"
#include "content/catalog.hpp"
#include "content/store.hpp"
#include "hall/call_announcer.hpp"
#include "hall/hall_feed.hpp"
#include "model/client_settings.hpp"
#include "model/fleet_link.hpp"
#include "platform/script.hpp"
#include "platform/sdl_display.hpp"
#include "platform/service_notify.hpp"
#include "platform/stop_signals.hpp"
#include "speech/speaker.hpp"
#include "ui/hall_screen.hpp"
#include "ui/layout.hpp"

namespace kiosk::platform {

struct HallApp::Impl {
  AppOptions opt;
  std::ofstream log_file{opt.config.log_file.empty() ? std::string() : opt.config.log_file.string(), std::ios::app};
  Logger log{log_file.is_open() ? static_cast<std::ostream&>(log_file) : std::cerr, LogLevel::Info};
  SdlDisplay display;
  ui::Fonts fonts;
  ui::Palette pal;
  ui::VisibleItems items;
  hall::HallBoard board;
  std::unique_ptr<speech::Speaker> speaker;
  std::unique_ptr<hall::CallAnnouncer> announcer;
  std::unique_ptr<fleet::FleetAgent> fleet;
  std::unique_ptr<hall::HallFeed> feed;  // last: its thread wakes the display above
  bool first_calls = true;
  std::string announcement = opt.config.display_announcement;  // the fleet's override replaces it
  uint64_t fleet_config_seen = 0;
  bool quit = false;  // the fleet asked for a restart

  // The center's name and colours, from the installed pack (at start, and when the fleet says reload).
  bool load_center() {
    nlohmann::json center = nlohmann::json::object();
    bool found = false;
    try {
      content::ContentStore store(opt.config.store);
      if (const auto usable = store.usable(); usable.pack) {
        center = content::Catalog(usable.pack->dir / "catalog.sqlite").center();
        found = true;
      }
    } catch (const std::exception& e) {
      log.warn("display", std::string("no content pack: the center's name and colours are the defaults: ") + e.what());
    }
    board.center_name = center.value("name", std::string("Trung tâm Phục vụ hành chính công"));
    pal = ui::palette_from(center);
    ui::apply_style(pal);
    display.set_background(pal.background);
    return found;
  }

  // The fleet's override (the announcement) and commands; a display has nobody at its screen, so
  // they are carried out at once.
  void follow_fleet() {
    if (!fleet) return;
    if (const uint64_t gen = fleet->config_generation(); gen != fleet_config_seen) {
      fleet_config_seen = gen;
      const auto o = fleet->config_override();
      announcement = o && !o->announcement.empty() ? o->announcement : opt.config.display_announcement;
    }
    for (const auto& c : fleet->take_commands()) {
      switch (c.action) {
        case fleet::Action::TestCall:
          log.info("display", "fleet: test call");
          announcer->add_test_call();
          fleet->acknowledge(c, announcer->can_speak(), announcer->can_speak() ? "test call being said" : "this display has no voice");
          break;
        case fleet::Action::Reload: {
          const bool ok = load_center();
          fleet->acknowledge(c, ok, ok ? "center read again from the installed pack" : "no content installed");
          break;
        }
        case fleet::Action::TestPage:
          fleet->acknowledge(c, false, "a hall display has no printer");
          break;
        case fleet::Action::Restart:
          log.info("display", "fleet: restart asked (its service starts it again)");
          fleet->acknowledge(c, true, "restarting");
          quit = true;
          break;
      }
    }
  }

  explicit Impl(AppOptions o) : opt(std::move(o)), display(display_options(opt)) {
    load_center();
    const ImVec2 size = display.size();
    fonts = ui::load_fonts(std::min(size.x, size.y) / 1080.0f, false);
    if (opt.config.speech) {
      try {
        speaker = opt.headless ? speech::make_log_speaker() : speech::make_audio_speaker(display.waker());
      } catch (const std::exception& e) {
        log.warn("display", std::string("calls are not said aloud: ") + e.what());
      }
    }
    // Headless runs are scripted sessions, which read what was said; on the wall it is forgotten.
    announcer = std::make_unique<hall::CallAnnouncer>(speaker.get(), speech::Voice{opt.config.speech_rate, opt.config.speech_volume / 100.0, "vi"},
                                                      opt.headless, opt.headless);
    std::unique_ptr<queue::QueueClient> q;
    if (!opt.config.queue_url.empty()) {
      try {
        q = queue::make_client(app::queue_settings(opt.config));
      } catch (const std::exception& e) {
        log.error("display", std::string("no queue server: ") + e.what());
      }
    }
    std::optional<dossier::BackendConfig> backend;
    if (!opt.config.backend_url.empty()) {
      try {
        backend = app::backend_config(opt.config);
      } catch (const std::exception& e) {
        log.error("display", std::string("no backend figures: ") + e.what());
      }
    }
    app::KioskConfig as_display = opt.config;
    as_display.mode = "display";  // what the fleet's status shows, however it was started
    fleet = app::start_fleet_link(as_display, log, display.waker());
    feed = std::make_unique<hall::HallFeed>(std::move(q), std::move(backend), hall::FeedTiming{}, log, display.waker());
    log.info("display", "hall display at " + std::to_string(static_cast<int>(size.x)) + "x" + std::to_string(static_cast<int>(size.y)));
  }

  // What the feed brought. Calls made before the display started are shown, not said.
  bool collect() {
    bool changed = false;
    for (auto& u : feed->take()) {
      changed = true;
      if (u.services) board.set_services(std::move(u.services->services));
      if (u.calls) {
        const auto fresh = board.apply(*u.calls, hall::Clock::now(), !first_calls);
        if (!first_calls)
          for (const auto& c : fresh) {
            log.info("display", "call " + c.number + " to counter " + c.counter + (c.recall ? " (recall)" : ""));
            announcer->add(c);
          }
        first_calls = false;
      }
      if (u.status) board.set_status(*u.status);
      if (u.stats) board.stats = std::move(u.stats);
      if (u.queue_failed && !board.queue_stale_since) board.queue_stale_since = u.at;
      if (u.queue_ok && !u.queue_failed) board.queue_stale_since.reset();
      if (u.stats_failed && !board.stats_stale_since) board.stats_stale_since = u.at;
      if (u.stats_ok) board.stats_stale_since.reset();
    }
    return changed;
  }

  void draw(std::vector<unsigned char>* pixels = nullptr) {
    ImGuiIO& io = ImGui::GetIO();
    io.DeltaTime = 1.0f / 60;
    display.new_frame();
    ImGui::NewFrame();
    items.clear();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::Begin("hall", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBackground |
                     ImGuiWindowFlags_NoInputs);
    ui::HallView v{fonts, pal, items, display.size(), hall::Clock::now(), std::time(nullptr), announcement};
    ui::draw_hall(board, v);
    ImGui::End();
    ImGui::Render();
    display.present(pixels);
  }

  // How long the loop may sleep: a flash, the next page of counters, else the clock's next minute
  // (a still board is drawn once a minute: 4K frames from the software renderer are not free).
  int wait_ms() const {
    if (ui::hall_flashing(board, hall::Clock::now())) return 250;
    if (announcer->waiting()) return 200;
    const std::time_t now = std::time(nullptr);
    const int period = ui::hall_pages(board, display.size()) > 1 ? 10 : 60;
    return static_cast<int>((period - now % period) * 1000);
  }
};

HallApp::HallApp(AppOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
HallApp::~HallApp() = default;

int HallApp::run(StopSignals* stop) {
  Impl& s = *impl_;
  if (stop) stop->watch(s.display.waker());
  ServiceNotifier notifier;
  s.draw();
  notifier.ready("hall display");
  for (;;) {
    if (stop && stop->received()) break;
    int wait = s.wait_ms();
    if (const auto ping = notifier.until_ping(hall::Clock::now())) wait = std::min(wait, static_cast<int>(ping->count()));
    if (auto ev = s.display.next_event(wait)) {
      if (std::holds_alternative<QuitEvent>(*ev) && s.opt.windowed) break;
    }
    s.collect();
    s.follow_fleet();
    if (s.quit) break;
    s.announcer->tick();
    s.draw();
    notifier.alive(hall::Clock::now());
  }
  notifier.stopping();
  return 0;
}

int HallApp::run_script(const std::filesystem::path& script, const std::filesystem::path& shots) {
  Impl& s = *impl_;
  std::vector<ScriptStep> steps;
  try {
    steps = parse_script(files::read_file(script));
  } catch (const std::exception& e) {
    std::cerr << script.string() << ": " << e.what() << "\n";
    return 2;
  }
  if (!shots.empty()) std::filesystem::create_directories(shots);
  int failures = 0;
  auto fail = [&](const ScriptStep& st, const std::string& why) {
    std::cerr << script.filename().string() << ":" << st.line << ": " << why << "\n";
    ++failures;
  };
  auto frame = [&](std::vector<unsigned char>* px = nullptr) {
    while (s.display.next_event(0)) {
    }
    s.collect();
    s.follow_fleet();
    s.announcer->tick();
    s.draw(px);
  };
  auto spoken = [&] { return s.speaker ? s.speaker->spoken() : std::vector<std::string>{}; };
  frame();
  for (const auto& st : steps) {
    switch (st.kind) {
      case ScriptStep::Kind::Wait:
      case ScriptStep::Kind::Idle: {
        const auto until = hall::Clock::now() + std::chrono::milliseconds(st.kind == ScriptStep::Kind::Wait ? st.number : st.number * 1000);
        while (hall::Clock::now() < until) {
          frame();
          std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        break;
      }
      case ScriptStep::Kind::Await:
      case ScriptStep::Kind::Expect: {
        const auto until = hall::Clock::now() + std::chrono::seconds(st.kind == ScriptStep::Kind::Await ? 30 : 0);
        frame();
        while (!s.items.find(st.text) && hall::Clock::now() < until) {
          std::this_thread::sleep_for(std::chrono::milliseconds(50));
          frame();
        }
        if (!s.items.find(st.text)) fail(st, "nothing visible says '" + st.text + "'");
        break;
      }
      case ScriptStep::Kind::ExpectNot:
        frame();
        if (s.items.find(st.text)) fail(st, "'" + st.text + "' is visible");
        break;
      case ScriptStep::Kind::Shot: {
        std::vector<unsigned char> px;
        frame(&px);
        for (const auto& p : ui::layout_problems(s.items.all(), s.display.size())) fail(st, "layout: " + p);
        const ImVec2 size = s.display.size();
        const int w = static_cast<int>(size.x), h = static_cast<int>(size.y);
        if (shots.empty() || !stbi_write_png((shots / (st.text + ".png")).c_str(), w, h, 4, px.data(), w * 4))
          fail(st, "cannot save the screenshot " + st.text);
        break;
      }
      case ScriptStep::Kind::CheckLayout:
        frame();
        for (const auto& p : ui::layout_problems(s.items.all(), s.display.size())) fail(st, "layout: " + p);
        break;
      case ScriptStep::Kind::ExpectSpoken:
      case ScriptStep::Kind::ExpectNotSpoken: {
        frame();
        const auto said = spoken();
        const bool heard = std::any_of(said.begin(), said.end(), [&](const std::string& l) { return l.find(st.text) != std::string::npos; });
        if (st.kind == ScriptStep::Kind::ExpectSpoken && !heard) fail(st, "expected to hear '" + st.text + "'");
        if (st.kind == ScriptStep::Kind::ExpectNotSpoken && heard) fail(st, "heard '" + st.text + "'");
        break;
      }
      default:
        std::cerr << script.filename().string() << ":" << st.line << ": a display has no touch, keys or scanner\n";
        return 2;
    }
  }
  if (!shots.empty() && s.speaker) {
    std::string body;
    for (const auto& line : spoken()) body += line + "\n";
    files::write_file_durable(shots / "spoken.log", body);
  }
  return failures ? 1 : 0;
}

}  // namespace kiosk::platform

// KioskApp's insides, shared by the loop (app.cpp), the script runner and the benchmark.
#pragma once
#include <fstream>
#include <iostream>
#include <optional>

#include "common/log.hpp"
#include "model/problem_log.hpp"
#include "model/scan_stream.hpp"
#include "model/services.hpp"
#include "model/session.hpp"
#include "platform/app.hpp"
#include "platform/input.hpp"
#include "platform/sdl_display.hpp"
#include "platform/service_notify.hpp"
#include "ui/kiosk_ui.hpp"

namespace kiosk::platform {

// The problem log, or none (logged) when the state database cannot be opened.
std::unique_ptr<app::ProblemLog> open_problem_log(const std::filesystem::path& state_db, Logger& log);

struct KioskApp::Impl {
  explicit Impl(AppOptions o);

  AppOptions opt;
  // kiosk.conf's log_file when set (appended, 0600: the process's umask), else stderr, which
  // under the service is the journal, with priorities.
  std::ofstream log_file{opt.config.log_file.empty() ? std::string() : opt.config.log_file.string(), std::ios::app};
  Logger log{log_file.is_open() ? static_cast<std::ostream&>(log_file) : std::cerr, LogLevel::Info,
             !log_file.is_open() && stderr_goes_to_journal()};
  // Warnings and errors kept for the staff's health report, from the first one logged at start.
  std::unique_ptr<app::ProblemLog> problems = open_problem_log(opt.config.state_db, log);
  SdlDisplay display;
  ServiceNotifier notifier;
  app::Session session;
  app::Services services;
  std::optional<app::ScanStream> scans;
  ui::Fonts fonts;
  std::optional<ui::KioskUi> ui;
  nlohmann::json center;  // the pack's center identity, as build_ui read it
  app::Clock::duration clock_offset{};  // scripted "idle" advances the session clock
  app::Clock::time_point last_frame = app::Clock::now();
  int generation_seen = 0;
  bool release_hover = false;
  bool swallow_until_release = false;
  bool quit = false;
  bool content_waiting = false;  // the updater installed a pack: reload at the next idle moment
  int frames_pending = 3;
  // What a physical keyboard (or a wedge scanner's burst taken for typing) put into the query,
  // newest last, so that a burst put back together at Enter can be taken back out of it.
  struct TypedPiece {
    std::string before, added;
  };
  std::vector<TypedPiece> typed_pieces;
  void take_back_typing(size_t bytes);
  // The fleet's commands wait for an idle moment; its overrides are applied once per change.
  std::vector<fleet::Command> fleet_orders;
  uint64_t fleet_config_seen = 0;

  app::Clock::time_point now() const { return app::Clock::now() + clock_offset; }
  void build_ui();
  void reload_content();  // the installed pack read again, the UI rebuilt for it
  void start_speech();
  void handle(const InputEvent& e);
  void pointer(bool down, ImVec2 p);
  void typed(const std::string& t);
  // Scans, workers' answers, a wiped session: taken in before a frame is drawn.
  void take_work();
  void follow_fleet(bool idle);
  void carry_out(const fleet::Command& c);
  // Renders one frame; with `pixels`, also reads it back as RGBA.
  void draw(std::vector<unsigned char>* pixels = nullptr, bool fixed_step = false);
  int wait_timeout_ms();
  void step();
};

}  // namespace kiosk::platform

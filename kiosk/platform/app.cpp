#include "platform/app.hpp"

#include <signal.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <thread>

#include "content/store.hpp"
#include "model/actions.hpp"
#include "model/payment_actions.hpp"
#include "model/queue_actions.hpp"
#include "model/rating_actions.hpp"
#include "model/read_aloud.hpp"
#include "platform/app_impl.hpp"
#include "platform/machine_reboot.hpp"
#include "platform/stop_signals.hpp"
#include "printing/documents.hpp"

namespace kiosk::platform {

using app::Clock;

namespace {

const ImVec2 kOffscreen(-FLT_MAX, -FLT_MAX);

}  // namespace

DisplayOptions display_options(const AppOptions& o) {
  DisplayOptions d;
  d.width = o.width;
  d.height = o.height;
  d.fullscreen = !o.windowed && !o.headless;
  d.accelerated = o.config.accelerated;
  d.headless = o.headless;
  return d;
}

KioskApp::Impl::Impl(AppOptions o)
    : opt(std::move(o)),
      display(display_options(opt)),
      session(opt.config.timeouts),
      services(app::start_services(opt.config, log, display.waker())) {
  if (!opt.config.log_file.empty() && !log_file.is_open())
    log.warn("kiosk", "log_file " + opt.config.log_file.string() + " cannot be opened: logging to standard error");
  scans.emplace(opt.config, services.dossier != nullptr || services.queue != nullptr, log, display.waker());
  start_speech();
  // Fonts at their real pixel size for this screen, once: the renderer keeps the atlas.
  const ImVec2 size = display.size();
  fonts = ui::load_fonts(std::min(size.x, size.y) / 1080.0f);
  build_ui();
}

// A headless kiosk (scripted sessions, tests) writes what it would say to a log; a real one
// speaks through the sound device. No voice or no sound device: no "Nghe đọc" button.
void KioskApp::Impl::start_speech() {
  if (!opt.config.speech) return;
  if (opt.headless) {
    services.speaker = speech::make_log_speaker();
    return;
  }
  try {
    services.speaker = speech::make_audio_speaker(display.waker());
  } catch (const std::exception& e) {
    log.warn("speech", std::string("reading aloud is off: ") + e.what());
  }
}

// Palette and logo follow the installed pack (its center's colours and logo).
void KioskApp::Impl::build_ui() {
  center = nlohmann::json::object();
  try {
    if (services.catalog) center = services.catalog->center();
  } catch (const std::exception& e) {
    log.error("kiosk", std::string("the pack's center identity cannot be read: ") + e.what());
  }
  const ui::Palette palette = ui::palette_from(center);
  ui::apply_style(palette);
  display.set_background(palette.background);
  ui.emplace(fonts, palette, center);
  display.clear_logo();
  const std::string rel = center.value("logo", "");
  if (rel.empty() || services.pack_dir.empty()) return;
  if (rel[0] == '/' || rel.find("..") != std::string::npos) {
    log.warn("kiosk", "logo path ignored: " + rel);
    return;
  }
  if (auto why = display.load_logo(services.pack_dir / rel)) log.warn("kiosk", "logo not shown (" + *why + "): " + rel);
}

void KioskApp::Impl::reload_content() {
  app::load_content(services, opt.config, log, display.waker());
  build_ui();
}

void KioskApp::Impl::typed(const std::string& t) {
  if (t.empty()) return;
  session.touch(now());
  // A physical keyboard types into the search.
  if (session.screen() != app::Screen::Search) session.go(app::Screen::Search);
  const std::string before = session.composer().text();
  session.composer().set_text(before + t);
  if (typed_pieces.size() >= 64) typed_pieces.erase(typed_pieces.begin());
  typed_pieces.push_back({before, session.composer().text().substr(std::min(before.size(), session.composer().text().size()))});
}

// The last `bytes` typed belong to a scan after all (a burst cut by a stall): the query goes back
// to what it was before them. Only while the query is still what typing made it.
void KioskApp::Impl::take_back_typing(size_t bytes) {
  auto& c = session.composer();
  while (bytes > 0 && !typed_pieces.empty()) {
    const TypedPiece p = typed_pieces.back();
    if (c.text() != p.before + p.added) break;  // changed since (the on-screen keyboard, a wipe)
    typed_pieces.pop_back();
    const size_t n = std::min(bytes, p.added.size());
    c.set_text(p.before + p.added.substr(0, p.added.size() - n));
    bytes -= n;
  }
  typed_pieces.clear();
}

// A press or release at p (mouse, finger or script). The first touch on the attract screen or
// on the idle prompt only wakes the kiosk: it must not also press what lies beneath.
void KioskApp::Impl::pointer(bool down, ImVec2 p) {
  ImGuiIO& io = ImGui::GetIO();
  if (down) {
    if (session.touch(now())) {
      swallow_until_release = true;
      return;
    }
    io.MousePos = p;
    io.MouseDown[0] = true;
  } else {
    if (swallow_until_release) {
      swallow_until_release = false;
      return;
    }
    io.MousePos = p;
    io.MouseDown[0] = false;
    release_hover = true;  // touch screens have no hover: forget the position after this frame
  }
}

void KioskApp::Impl::handle(const InputEvent& ev) {
  ImGuiIO& io = ImGui::GetIO();
  std::visit(
      [&](const auto& e) {
        using T = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<T, QuitEvent>) {
          if (opt.windowed || opt.headless)
            quit = true;
          else
            log.warn("kiosk", "close request ignored (kiosk mode)");
        } else if constexpr (std::is_same_v<T, MotionEvent>) {
          if (!swallow_until_release && io.MouseDown[0]) io.MousePos = e.pos;
        } else if constexpr (std::is_same_v<T, PointerEvent>) {
          pointer(e.down, e.pos);
        } else if constexpr (std::is_same_v<T, TextEvent>) {
          // Keys go through the wedge detector: a scanner's fast burst is a scan, not typing. It
          // judges by when the key was pressed (the X server's time), when known: a key read
          // late, after a long frame, did not come late.
          const auto t = e.at.value_or(app::ScanStream::Clock::now());
          const std::string& in = e.utf8;
          for (size_t i = 0; i < in.size();) {
            size_t n = 1;
            while (i + n < in.size() && (static_cast<unsigned char>(in[i + n]) & 0xC0) == 0x80) ++n;
            typed(scans->wedge().key(in.substr(i, n), t));
            i += n;
          }
        } else if constexpr (std::is_same_v<T, KeyEvent>) {
          session.touch(now());
          if (e.key == KeyEvent::Key::Enter) {
            auto r = scans->wedge().enter(e.at.value_or(app::ScanStream::Clock::now()));
            typed(r.typed);
            // Scans are slips for the one-stop backend, or queue papers (bookings, tickets).
            const bool scans_wanted = services.dossier || services.queue;
            if (r.scan && r.reclaimed && scans_wanted) {
              // A burst cut by a stall, put back together: its head leaves the query box.
              take_back_typing(r.reclaimed);
              log.info("scan", "a scanner's burst was cut by a stall; " + std::to_string(r.reclaimed) + " bytes taken back from the query");
            }
            if (r.scan) {
              if (scans_wanted)
                scans->push(*r.scan);
              else
                typed(*r.scan);
            }
          } else if (e.key == KeyEvent::Key::Backspace) {
            session.composer().backspace();
          }
          // Escape, Alt+F4, Ctrl+Q do nothing: only staff leave the kiosk.
        }
      },
      ev);
}

std::unique_ptr<app::ProblemLog> open_problem_log(const std::filesystem::path& state_db, Logger& log) {
  try {
    return std::make_unique<app::ProblemLog>(state_db, log);
  } catch (const std::exception& e) {
    log.error("kiosk", std::string("recent problems are not kept (state database): ") + e.what());
    return nullptr;
  }
}

void KioskApp::Impl::follow_fleet(bool idle) {
  auto& agent = *services.fleet;
  if (const uint64_t gen = agent.config_generation(); gen != fleet_config_seen) {
    fleet_config_seen = gen;
    const auto o = agent.config_override();
    services.announcement = o ? o->announcement : "";
    app::SessionTimeouts t = opt.config.timeouts;
    if (o && o->idle_seconds) t.idle = std::chrono::seconds(*o->idle_seconds);
    session.set_timeouts(t);
    frames_pending = std::max(frames_pending, 2);
  }
  for (auto& c : agent.take_commands()) fleet_orders.push_back(std::move(c));
  // Never under a citizen's hands: a reload or a restart waits for the attract screen.
  if (!idle || fleet_orders.empty()) return;
  for (const auto& c : std::exchange(fleet_orders, {})) carry_out(c);
}

void KioskApp::Impl::carry_out(const fleet::Command& c) {
  auto& agent = *services.fleet;
  switch (c.action) {
    case fleet::Action::Reload: {
      if (services.updater) services.updater->poll_now();
      reload_content();
      frames_pending = std::max(frames_pending, 3);
      const bool ok = services.content_ready();
      log.info("kiosk", std::string("fleet: content reloaded") + (services.updater ? ", channel asked" : ""));
      agent.acknowledge(c, ok, ok ? "content reloaded" + std::string(services.updater ? "; the channel is being read" : "") : "no content installed");
      break;
    }
    case fleet::Action::TestPage: {
      if (!services.printer) {
        agent.acknowledge(c, false, "this kiosk has no printer");
        break;
      }
      const printing::Paper paper = services.paper;
      services.printer->request("test-page", "Trang thử", [center = center, paper] {
        return printing::render_pdf_bytes(printing::test_page(center, "", std::time(nullptr)), paper);
      });
      log.info("kiosk", "fleet: test page queued");
      agent.acknowledge(c, true, "test page queued (the printer's state follows in the health report)");
      break;
    }
    case fleet::Action::TestCall:
      agent.acknowledge(c, false, "this is a citizen kiosk, not a hall display: it calls no numbers");
      break;
    case fleet::Action::Restart:
      log.info("kiosk", "fleet: restart asked (its service starts it again)");
      agent.acknowledge(c, true, "restarting");
      quit = true;
      break;
  }
}

void KioskApp::Impl::take_work() {
  // Nobody at the screen: updates and the fleet's commands may change what it shows.
  const bool idle = session.screen() == app::Screen::Attract;
  if (services.updater) {
    services.updater->set_idle(idle);
    if (const auto r = services.updater->take(); r && r->kind == content::UpdateOutcome::Kind::Installed) content_waiting = true;
    // The new pack is shown from the next idle moment: never under a citizen's hands.
    if (content_waiting && idle) {
      content_waiting = false;
      reload_content();
    }
  }
  if (services.fleet) follow_fleet(idle);
  if (problems) {
    try {
      problems->flush(static_cast<int64_t>(std::time(nullptr)));
    } catch (const std::exception& e) {
      // Logged after the flush let go of its queue; the next flush tries again.
      log.info("kiosk", std::string("recent problems not written: ") + e.what());
    }
  }
  // Keys held back by the wedge detector are typing once the line has gone quiet.
  if (scans->wedge().pending()) typed(scans->wedge().flush(app::ScanStream::Clock::now()));
  for (auto& s : scans->take()) {
    session.touch(now());
    app::open_scanned(session, services, s);
    // What came of it, never what it held (a slip carries the owner's id number).
    const auto& d = session.dossier();
    if (session.screen() != app::Screen::Dossier)
      log.info("scan", "a queue paper scanned (a booking or a ticket)");
    else if (const auto* refusal = std::get_if<dossier::SlipRefusal::Kind>(&d.failure); refusal && d.stage == app::DossierLookup::Stage::Failed)
      log.warn("scan", std::string("a scan that is not an appointment slip (") + dossier::refusal_name(*refusal) + ", " +
                           std::to_string(s.size()) + " characters)");
    else
      log.info("scan", "a slip scanned: " + std::string(d.stage == app::DossierLookup::Stage::OwnerId ? "asking for the owner's id" : "looking it up"));
    frames_pending = std::max(frames_pending, 3);
  }
  if (app::collect_answers(session, services, log)) frames_pending = std::max(frames_pending, 2);
  if (app::follow_payment(session, services, now())) frames_pending = std::max(frames_pending, 2);
  if (app::collect_roster(session, services)) frames_pending = std::max(frames_pending, 2);
  if (app::collect_queue(session, services)) frames_pending = std::max(frames_pending, 2);
  if (app::follow_reading(session, services, now())) frames_pending = std::max(frames_pending, 2);
  if (session.generation() != generation_seen) {
    // The session was wiped: that citizen's print jobs not yet printing are cancelled.
    generation_seen = session.generation();
    typed_pieces.clear();  // the query was wiped with the rest
    if (services.printer) services.printer->end_session();
    // Payments the citizen left are not forgotten: the journal keeps following them.
    if (services.payment) services.payment->end_session();
    // What the citizen heard is theirs: the next one starts silent, at the configured voice.
    if (services.speaker) services.speaker->forget();
    if (!session.blank()) log.error("kiosk", "the session wipe left a slice not empty");
  }
  // The camera's live view, only while the citizen is asked to hold the slip up.
  const bool on_scan = session.screen() == app::Screen::Dossier && session.dossier().stage == app::DossierLookup::Stage::Scan;
  scans->want_preview(on_scan && scans->has_camera());
  if (auto frame = scans->take_preview()) display.update_preview(*frame);
  display.show_preview(on_scan);
}

void KioskApp::Impl::draw(std::vector<unsigned char>* pixels, bool fixed_step) {
  ImGuiIO& io = ImGui::GetIO();
  const auto t = Clock::now();
  io.DeltaTime = fixed_step ? 1.0f / 60 : std::clamp(std::chrono::duration<float>(t - last_frame).count(), 1e-4f, 0.1f);
  last_frame = t;
  display.new_frame();
  ImGui::NewFrame();
  const auto requests = ui->frame(session, services, now(), display.textures());
  ImGui::Render();
  display.present(pixels);
  if (release_hover && !io.MouseDown[0]) {
    io.MousePos = kOffscreen;
    release_hover = false;
  }
  if (requests.quit) {
    log.info("kiosk", "staff restarted the kiosk (its service starts it again)");
    quit = true;
  }
  if (requests.reboot) {
    // logind answers at once; the machine goes down a moment later and systemd stops us.
    if (const auto why = platform::request_reboot()) {
      log.error("kiosk", "staff asked to reboot the machine, refused: " + *why);
      session.staff().reboot = app::StaffSlice::Reboot::Failed;
    } else {
      log.info("kiosk", "staff rebooted the machine");
      session.staff().reboot = app::StaffSlice::Reboot::Asked;
    }
  }
  if (requests.rollback || requests.reload) {
    // Staff stay on their screen and read what happened; the citizen's screens start afresh.
    std::string notice;
    bool bad = false, reload = requests.reload;
    if (requests.rollback) {
      try {
        const auto back = content::ContentStore(opt.config.store).rollback();
        log.info("content", "staff rolled the content back to " + back.manifest.pack_id + " " + back.manifest.version);
        notice = "Đã quay về gói " + back.manifest.pack_id + " " + back.manifest.version;
        reload = true;
      } catch (const std::exception& e) {
        log.error("content", std::string("roll back refused: ") + e.what());
        notice = "Không quay về được: không có gói nội dung trước, hoặc gói đó hỏng (chi tiết trong nhật ký)";
        bad = true;
      }
    }
    if (reload) {
      reload_content();
      if (!requests.rollback) {
        bad = !services.content_ready();
        notice = bad ? "Không đọc được nội dung đã cài (chi tiết trong nhật ký)"
                     : "Đã tải lại nội dung: " + services.catalog->meta("pack_id") + " " + services.catalog->meta("version");
      }
    }
    auto& staff = session.staff();
    staff.notice = notice;
    staff.notice_bad = bad;
  }
}

int KioskApp::Impl::wait_timeout_ms() {
  if (frames_pending > 0 || ui->animating()) return 0;
  if (scans->wedge().pending()) return static_cast<int>(scans->wedge().max_gap().count()) + 10;
  auto deadline = session.next_deadline(now());
  // The clock in the header changes each minute.
  if (session.screen() != app::Screen::Attract) {
    auto minute = std::chrono::ceil<std::chrono::minutes>(std::chrono::system_clock::now()).time_since_epoch() -
                  std::chrono::system_clock::now().time_since_epoch();
    auto next = now() + minute;
    deadline = deadline ? std::min(*deadline, next) : next;
  }
  // The watchdog is pinged from this loop: it must turn at least that often.
  if (const auto ping = notifier.until_ping(Clock::now())) {
    const auto at = now() + *ping;
    deadline = deadline ? std::min(*deadline, at) : at;
  }
  if (!deadline) return -1;
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(*deadline - now()).count() + 5;
  return static_cast<int>(std::clamp<long long>(ms, 0, 60000));
}

// One turn of the loop: wait for something to happen, then draw if anything changed.
void KioskApp::Impl::step() {
  const int timeout = wait_timeout_ms();
  if (auto e = display.next_event(timeout)) {
    handle(*e);
    while (auto more = display.next_event(0)) handle(*more);
    frames_pending = std::max(frames_pending, 3);
  }
  if (session.tick(now())) frames_pending = std::max(frames_pending, 3);
  take_work();
  // Drawn when something changed, while moving, or when a timer (the clock) woke us.
  draw();
  if (frames_pending > 0) --frames_pending;
}

KioskApp::KioskApp(AppOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
KioskApp::~KioskApp() = default;

int KioskApp::run(StopSignals* stop) {
  auto& s = *impl_;
  if (stop) stop->watch(s.display.waker());
  s.draw();
  s.notifier.ready(s.services.content_ready() ? "serving" : "serving, no content installed");
  const auto started = Clock::now();
  while (!s.quit && !(stop && stop->received())) {
    s.step();
    s.notifier.alive(Clock::now());
    if (s.opt.hang_after && Clock::now() - started >= *s.opt.hang_after) {
      s.log.warn("kiosk", "hanging the main loop on purpose (--test-hang-after)");
      for (;;) std::this_thread::sleep_for(std::chrono::hours(1));
    }
  }
  s.notifier.stopping();
  if (stop && stop->received()) {
    // Input is no longer read. What the workers hold is durable or finished as they stop (the
    // payment journal, the print queue, the outbox) and taken up again by the next start; the
    // citizen's queued prints are left to it too, to print or expire as their time says.
    s.log.info("kiosk", std::string("stopping cleanly on ") + (stop->received() == SIGTERM ? "SIGTERM" : "SIGINT"));
    s.session.wipe();
  }
  return 0;
}

}  // namespace kiosk::platform

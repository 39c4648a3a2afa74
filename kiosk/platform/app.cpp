#include "platform/app.hpp"

#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_sdlrenderer.h>
#include <stb_image.h>
#include <stb_image_write.h>
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <deque>
#include <mutex>
#include <chrono>
#include <iostream>
#include <thread>

#include "common/files.hpp"
#include "common/text.hpp"
#include "common/log.hpp"
#include "content/catalog.hpp"
#include "content/store.hpp"
#include "model/search_worker.hpp"
#include "model/strings.hpp"
#include "platform/script.hpp"
#include "dossier/frame_scanner.hpp"
#include "dossier/scanner_inputs.hpp"
#include "dossier/v4l2_source.hpp"
#include "model/dossier_lookup.hpp"
#include "printing/print_service.hpp"
#include "ui/kiosk_ui.hpp"

namespace kiosk::platform {

using app::Clock;

namespace {

struct SdlSystem {
  SdlSystem() {
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) throw std::runtime_error(std::string("SDL: ") + SDL_GetError());
  }
  ~SdlSystem() { SDL_Quit(); }
};
struct WindowDeleter {
  void operator()(SDL_Window* w) const { SDL_DestroyWindow(w); }
};
struct RendererDeleter {
  void operator()(SDL_Renderer* r) const { SDL_DestroyRenderer(r); }
};
struct TextureDeleter {
  void operator()(SDL_Texture* t) const { SDL_DestroyTexture(t); }
};
struct StbFree {
  void operator()(unsigned char* p) const { stbi_image_free(p); }
};
struct ImGuiContextGuard {
  ImGuiContextGuard() { ImGui::CreateContext(); }
  ~ImGuiContextGuard() { ImGui::DestroyContext(); }
};
struct ImGuiRendererGuard {
  explicit ImGuiRendererGuard(SDL_Renderer* r) { ImGui_ImplSDLRenderer_Init(r); }
  ~ImGuiRendererGuard() { ImGui_ImplSDLRenderer_Shutdown(); }
};

const ImVec2 kOffscreen(-FLT_MAX, -FLT_MAX);

double cpu_seconds() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
         static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

}  // namespace

struct KioskApp::Impl {
  AppOptions opt;
  Logger log{std::cerr};
  SdlSystem sdl;
  std::unique_ptr<SDL_Window, WindowDeleter> window;
  std::unique_ptr<SDL_Renderer, RendererDeleter> renderer;
  ImGuiContextGuard imgui;
  std::optional<ImGuiRendererGuard> imgui_renderer;
  Uint32 wake_event = 0;

  app::Session session;
  std::optional<content::Catalog> catalog;
  std::optional<app::SearchWorker> worker;
  std::filesystem::path pack_dir;
  std::unique_ptr<printing::PrintService> printer;
  std::optional<app::DossierWorker> dossier;
  // Every slip scanner feeds this one stream; the UI loop drains it.
  dossier::WedgeDetector wedge;
  std::mutex scans_mu;
  std::deque<std::string> scans;
  // The live camera view, only while the citizen is asked to hold the slip up.
  std::atomic<bool> want_preview{false};
  std::mutex preview_mu;
  std::vector<unsigned char> preview_rgba;
  int preview_w = 0, preview_h = 0;
  bool preview_new = false;
  std::unique_ptr<SDL_Texture, TextureDeleter> preview_tex;
  // Declared last among these: their threads use the members above until they are joined.
  std::unique_ptr<dossier::SerialScanner> serial;
  std::unique_ptr<dossier::FrameScanner> camera;
  std::string problem;
  std::optional<ui::KioskUi> ui;
  std::unique_ptr<SDL_Texture, TextureDeleter> logo;
  Clock::duration clock_offset{};  // scripted "idle" advances the session clock
  Clock::time_point last_frame = Clock::now();
  bool release_hover = false;
  bool atlas_uploaded = false;
  bool quit = false;
  int frames_pending = 3;

  explicit Impl(AppOptions o) : opt(std::move(o)), session(opt.config.timeouts) {
    SDL_SetHint(SDL_HINT_MOUSE_AUTO_CAPTURE, "0");  // SDL capture breaks touch after a tap (SDL#11469)
    SDL_SetHint(SDL_HINT_GRAB_KEYBOARD, "1");       // Alt+Tab goes to the kiosk, not the desktop
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    Uint32 flags = SDL_WINDOW_SHOWN | SDL_WINDOW_ALLOW_HIGHDPI;
    if (!opt.windowed && !opt.headless) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    window.reset(SDL_CreateWindow("tthc-kiosk", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, opt.width, opt.height, flags));
    if (!window) throw std::runtime_error(std::string("cannot open the window: ") + SDL_GetError());
    const bool gpu = opt.config.accelerated && !opt.headless;
    if (!gpu) SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    const Uint32 rflags = gpu ? SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC : SDL_RENDERER_SOFTWARE;
    renderer.reset(SDL_CreateRenderer(window.get(), -1, rflags));
    if (!renderer) renderer.reset(SDL_CreateRenderer(window.get(), -1, SDL_RENDERER_SOFTWARE));
    if (!renderer) throw std::runtime_error(std::string("cannot create a renderer: ") + SDL_GetError());
    if (!opt.windowed && !opt.headless) SDL_SetWindowKeyboardGrab(window.get(), SDL_TRUE);
    wake_event = SDL_RegisterEvents(1);

    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // nothing of a session is written to disk
    imgui_renderer.emplace(renderer.get());
    load_content();
    int w = 0, h = 0;
    SDL_GetRendererOutputSize(renderer.get(), &w, &h);
    ui::Fonts fonts = ui::load_fonts(static_cast<float>(h) / 1080.0f);
    const auto center = catalog ? catalog->center() : nlohmann::json::object();
    ui::apply_style(ui::palette_from(center));
    ui.emplace(fonts, ui::palette_from(center), center);
    load_logo();
    start_printing();
    start_dossier();
    SDL_StartTextInput();
  }

  void wake() const {
    SDL_Event e{};
    e.type = wake_event;
    SDL_PushEvent(&e);  // thread-safe: wakes the UI loop
  }

  void push_scan(std::string s) {
    {
      std::lock_guard lock(scans_mu);
      if (scans.size() < 16) scans.push_back(std::move(s));  // a jammed scanner cannot flood us
    }
    wake();
  }

  // Dossier lookup and the slip scanners, when a backend is configured.
  void start_dossier() {
    const auto& c = opt.config;
    if (c.backend_url.empty()) return;
    try {
      dossier::BackendConfig b;
      b.base_url = c.backend_url;
      b.adapter = dossier::adapter_from_name(c.backend_adapter);
      b.ca_bundle = c.backend_ca_bundle;
      if (!c.backend_token_file.empty())
        b.auth_header = "Authorization: Bearer " + text::trim(files::read_file(c.backend_token_file));
      dossier.emplace(b, [this] { wake(); });
      log.info("kiosk", "dossier lookup through " + c.backend_url + " (" + c.backend_adapter + ")");
    } catch (const std::exception& e) {
      log.error("kiosk", std::string("dossier lookup disabled: ") + e.what());
      return;
    }
    if (!c.scanner_serial.empty()) {
      try {
        serial = std::make_unique<dossier::SerialScanner>(c.scanner_serial, [this](std::string s) { push_scan(std::move(s)); });
        log.info("kiosk", "serial scanner on " + c.scanner_serial.string());
      } catch (const std::exception& e) {
        log.error("kiosk", std::string("serial scanner not used: ") + e.what());
      }
    }
    if (!c.camera.empty() || !c.camera_frames.empty()) {
      try {
        std::unique_ptr<dossier::FrameSource> source;
        if (!c.camera.empty())
          source = std::make_unique<dossier::V4l2Source>(c.camera);
        else
          source = std::make_unique<dossier::ImageDirSource>(c.camera_frames, std::chrono::milliseconds(100));
        dossier::FrameScanner::Options fo;
        fo.preview = [this](const dossier::GreyImage& g) { take_preview(g); };
        camera = std::make_unique<dossier::FrameScanner>(std::move(source), [this](std::string s) { push_scan(std::move(s)); }, fo);
        log.info("kiosk", "camera: " + (c.camera.empty() ? "frames from " + c.camera_frames.string() : c.camera.string()));
      } catch (const std::exception& e) {
        log.error("kiosk", std::string("camera not used: ") + e.what());
      }
    }
  }

  // On the camera's thread: a small copy of the frame for the screen, when it is shown.
  void take_preview(const dossier::GreyImage& g) {
    if (g.width <= 0 || g.height <= 0) return;
    const int step = std::max(1, g.width / 480);
    const int w = g.width / step, h = g.height / step;
    {
      std::lock_guard lock(preview_mu);
      preview_rgba.resize(size_t(w) * h * 4);
      for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x) {
          const unsigned char v = g.pixels[size_t(y * step) * g.width + size_t(x * step)];
          unsigned char* p = &preview_rgba[(size_t(y) * w + x) * 4];
          p[0] = p[1] = p[2] = v;
          p[3] = 255;
        }
      preview_w = w;
      preview_h = h;
      preview_new = true;
    }
    if (want_preview) wake();  // elsewhere the frame waits for the scan screen, unseen
  }

  void upload_preview() {
    const bool on_scan = session.screen() == app::Screen::Dossier && session.dossier().stage == app::DossierLookup::Stage::Scan;
    want_preview = camera && on_scan;
    if (!on_scan) {
      ui->set_preview(nullptr, 0, 0);
      return;
    }
    std::lock_guard lock(preview_mu);
    if (!preview_new) {
      if (preview_tex) ui->set_preview(static_cast<ImTextureID>(preview_tex.get()), preview_w, preview_h);
      return;
    }
    preview_new = false;
    int tw = 0, th = 0;
    if (preview_tex) SDL_QueryTexture(preview_tex.get(), nullptr, nullptr, &tw, &th);
    if (!preview_tex || tw != preview_w || th != preview_h)
      preview_tex.reset(SDL_CreateTexture(renderer.get(), SDL_PIXELFORMAT_RGBA32, SDL_TEXTUREACCESS_STREAMING, preview_w, preview_h));
    if (!preview_tex) return;
    SDL_UpdateTexture(preview_tex.get(), nullptr, preview_rgba.data(), preview_w * 4);
    ui->set_preview(static_cast<ImTextureID>(preview_tex.get()), preview_w, preview_h);
  }

  ui::UiEnv env() {
    return ui::UiEnv{session, catalog ? &*catalog : nullptr, worker ? &*worker : nullptr, now(),
                     opt.config.staff_pin_hash, problem, printer.get(), pack_dir,
                     printing::paper_from_name(opt.config.paper), dossier ? &*dossier : nullptr,
                     opt.config.owner_id_digits};
  }

  void take_scans() {
    std::deque<std::string> got;
    {
      std::lock_guard lock(scans_mu);
      got.swap(scans);
    }
    for (auto& s : got) {
      session.touch(now());
      auto e = env();
      ui->scanned(e, s);
      frames_pending = std::max(frames_pending, 3);
    }
  }

  void typed(const std::string& t) {
    if (t.empty()) return;
    session.touch(now());
    ui->typed(session, t);
  }

  // The print worker, when this kiosk has a printer. Its state database is the kiosk's own; a
  // kiosk that cannot open it still serves citizens, only without print buttons.
  void start_printing() {
    if (!opt.config.printing) return;
    try {
      std::filesystem::create_directories(opt.config.state_db.parent_path());
      const Uint32 ev = wake_event;
      printer = std::make_unique<printing::PrintService>(
          opt.config.state_db, printing::CupsPrinter(opt.config.printer, 3000, opt.config.cups_server), log, [ev] {
            SDL_Event e{};
            e.type = ev;
            SDL_PushEvent(&e);
          });
    } catch (const std::exception& e) {
      log.error("kiosk", std::string("printing disabled: ") + e.what());
    }
  }

  void load_content() {
    worker.reset();
    catalog.reset();
    problem.clear();
    try {
      content::ContentStore store(opt.config.store);
      const auto path = store.current_catalog();
      catalog.emplace(path);
      pack_dir = path.parent_path() / "content";
      const Uint32 ev = wake_event;
      worker.emplace(path, [ev] {
        SDL_Event e{};
        e.type = ev;
        SDL_PushEvent(&e);  // thread-safe: wakes the UI loop
      });
      log.info("kiosk", "content pack " + catalog->meta("pack_id") + " " + catalog->meta("version") + " loaded");
    } catch (const std::exception& e) {
      problem = app::tr(app::Language::Vi, app::Text::CatalogError);
      log.error("kiosk", std::string("cannot load content: ") + e.what());
    }
  }

  // The center's logo from the pack (PNG or JPEG, at most 1024 px a side); none is no error.
  void load_logo() {
    logo.reset();
    ui->set_logo(nullptr, 0, 0);
    if (!catalog) return;
    const std::string rel = catalog->center().value("logo", "");
    if (rel.empty()) return;
    if (rel[0] == '/' || rel.find("..") != std::string::npos) {
      log.warn("kiosk", "logo path ignored: " + rel);
      return;
    }
    auto current = content::ContentStore(opt.config.store).current();
    if (!current) return;
    const auto path = current->dir / "content" / rel;
    int w = 0, h = 0, n = 0;
    std::unique_ptr<unsigned char, StbFree> px(stbi_load(path.c_str(), &w, &h, &n, 4));
    if (!px || w <= 0 || h <= 0 || w > 1024 || h > 1024) {
      log.warn("kiosk", "logo not shown (not a PNG/JPEG up to 1024 px): " + rel);
      return;
    }
    logo.reset(SDL_CreateTexture(renderer.get(), SDL_PIXELFORMAT_RGBA32, SDL_TEXTUREACCESS_STATIC, w, h));
    if (!logo) return;
    SDL_UpdateTexture(logo.get(), nullptr, px.get(), w * 4);
    SDL_SetTextureBlendMode(logo.get(), SDL_BLENDMODE_BLEND);
    ui->set_logo(static_cast<ImTextureID>(logo.get()), w, h);
  }

  Clock::time_point now() const { return Clock::now() + clock_offset; }

  // A press or release at p (mouse, finger or script). The first touch on the attract screen or
  // on the idle prompt only wakes the kiosk: it must not also press what lies beneath.
  bool swallow_until_release = false;
  void pointer(bool down, ImVec2 p) {
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

  void handle(const SDL_Event& e) {
    ImGuiIO& io = ImGui::GetIO();
    if (e.type == wake_event) return;
    switch (e.type) {
      case SDL_QUIT:
        if (opt.windowed || opt.headless) quit = true;
        else log.warn("kiosk", "close request ignored (kiosk mode)");
        break;
      case SDL_MOUSEMOTION:
        if (!swallow_until_release && io.MouseDown[0]) io.MousePos = ImVec2(float(e.motion.x), float(e.motion.y));
        break;
      case SDL_MOUSEBUTTONDOWN:
      case SDL_MOUSEBUTTONUP:
        if (e.button.button == SDL_BUTTON_LEFT)
          pointer(e.type == SDL_MOUSEBUTTONDOWN, ImVec2(float(e.button.x), float(e.button.y)));
        break;
      case SDL_TEXTINPUT: {
        // Keys go through the wedge detector: a scanner's fast burst is a scan, not typing.
        const auto t = dossier::WedgeDetector::Clock::now();
        const std::string in = e.text.text;
        for (size_t i = 0; i < in.size();) {
          size_t n = 1;
          while (i + n < in.size() && (static_cast<unsigned char>(in[i + n]) & 0xC0) == 0x80) ++n;
          typed(wedge.key(in.substr(i, n), t));
          i += n;
        }
        break;
      }
      case SDL_KEYDOWN:
        session.touch(now());
        if (e.key.keysym.sym == SDLK_RETURN || e.key.keysym.sym == SDLK_KP_ENTER) {
          auto r = wedge.enter(dossier::WedgeDetector::Clock::now());
          typed(r.typed);
          if (r.scan) {
            if (dossier) push_scan(*r.scan);
            else typed(*r.scan);
          }
        }
        if (e.key.keysym.sym == SDLK_BACKSPACE) ui->backspace(session);
        // Escape, Alt+F4, Ctrl+Q do nothing: only staff leave the kiosk.
        break;
      case SDL_WINDOWEVENT:
        break;
      default: break;
    }
  }

  void take_results() {
    take_scans();
    if (!worker) return;
    while (auto r = worker->take()) {
      if (!r->error.empty()) log.error("search", r->error);
      session.set_results(r->query, std::move(r->hits));
      frames_pending = std::max(frames_pending, 2);
    }
  }

  // Renders one frame; with `pixels`, also reads it back as RGBA.
  void draw(std::vector<unsigned char>* pixels = nullptr, bool fixed_step = false) {
    ImGuiIO& io = ImGui::GetIO();
    int w = 0, h = 0;
    SDL_GetRendererOutputSize(renderer.get(), &w, &h);
    io.DisplaySize = ImVec2(float(w), float(h));
    const auto t = Clock::now();
    io.DeltaTime = fixed_step ? 1.0f / 60 : std::clamp(std::chrono::duration<float>(t - last_frame).count(), 1e-4f, 0.1f);
    last_frame = t;
    ImGui_ImplSDLRenderer_NewFrame();
    if (!atlas_uploaded) {
      // The renderer has its own copy of the font atlas now: free ours (tens of MB).
      io.Fonts->ClearTexData();
      atlas_uploaded = true;
    }
    ImGui::NewFrame();
    upload_preview();
    ui::UiEnv e = env();
    auto actions = ui->frame(e);
    ImGui::Render();
    SDL_SetRenderDrawColor(renderer.get(), 0xF5, 0xF7, 0xFA, 255);
    SDL_RenderClear(renderer.get());
    ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
    if (pixels) {
      pixels->resize(static_cast<size_t>(w) * static_cast<size_t>(h) * 4);
      SDL_RenderReadPixels(renderer.get(), nullptr, SDL_PIXELFORMAT_RGBA32, pixels->data(), w * 4);
    }
    SDL_RenderPresent(renderer.get());
    if (release_hover && !io.MouseDown[0]) {
      io.MousePos = kOffscreen;
      release_hover = false;
    }
    if (actions.quit) {
      log.info("kiosk", "staff closed the kiosk");
      quit = true;
    }
    if (actions.reload) {
      load_content();
      load_logo();
      session.home();
    }
  }

  int wait_timeout_ms() {
    if (frames_pending > 0 || ui->animating()) return 0;
    if (wedge.pending()) return static_cast<int>(wedge.max_gap().count()) + 10;
    auto deadline = session.next_deadline(now());
    // The clock in the header changes each minute.
    if (session.screen() != app::Screen::Attract) {
      auto minute = std::chrono::ceil<std::chrono::minutes>(std::chrono::system_clock::now()).time_since_epoch() -
                    std::chrono::system_clock::now().time_since_epoch();
      auto next = now() + minute;
      deadline = deadline ? std::min(*deadline, next) : next;
    }
    if (!deadline) return -1;
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(*deadline - now()).count() + 5;
    return static_cast<int>(std::clamp<long long>(ms, 0, 60000));
  }

  // One turn of the loop: wait for something to happen, then draw if anything changed.
  void step() {
    SDL_Event e;
    const int timeout = wait_timeout_ms();
    const bool got = timeout < 0 ? SDL_WaitEvent(&e) : SDL_WaitEventTimeout(&e, timeout);
    if (got) {
      handle(e);
      while (SDL_PollEvent(&e)) handle(e);
      frames_pending = std::max(frames_pending, 3);
    }
    if (session.tick(now())) frames_pending = std::max(frames_pending, 3);
    if (wedge.pending()) typed(wedge.flush(dossier::WedgeDetector::Clock::now()));
    take_results();
    if (frames_pending > 0 || ui->animating()) {
      draw();
      if (frames_pending > 0) --frames_pending;
    } else {
      // A timer woke us (the clock): one frame shows it.
      draw();
    }
  }

  // Script helpers: frames with fixed steps, results awaited, inertia run out.
  void settle() {
    for (int i = 0; i < 300; ++i) {
      const bool waiting = (worker && worker->busy()) || (dossier && dossier->busy());
      take_results();
      SDL_Event e;
      while (SDL_PollEvent(&e)) handle(e);
      session.tick(now());
      draw(nullptr, true);
      if (!waiting && !ui->animating() && i >= 3) break;
      if (waiting) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    take_results();
    draw(nullptr, true);
    draw(nullptr, true);
  }

  void tap(ImVec2 p) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = p;
    draw(nullptr, true);
    pointer(true, p);
    draw(nullptr, true);
    pointer(false, p);
    draw(nullptr, true);
    settle();
  }

  void drag(ImVec2 a, ImVec2 b) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = a;
    draw(nullptr, true);
    pointer(true, a);
    draw(nullptr, true);
    for (int i = 1; i <= 12; ++i) {
      io.MousePos = ImVec2(a.x + (b.x - a.x) * i / 12.0f, a.y + (b.y - a.y) * i / 12.0f);
      draw(nullptr, true);
    }
    pointer(false, b);
    settle();
  }

  bool save_png(const std::filesystem::path& path) {
    std::vector<unsigned char> px;
    draw(&px, true);
    int w = 0, h = 0;
    SDL_GetRendererOutputSize(renderer.get(), &w, &h);
    return stbi_write_png(path.c_str(), w, h, 4, px.data(), w * 4) != 0;
  }
};

KioskApp::KioskApp(AppOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}
KioskApp::~KioskApp() = default;

int KioskApp::run() {
  auto& s = *impl_;
  s.draw();
  while (!s.quit) s.step();
  return 0;
}

int KioskApp::run_script(const std::filesystem::path& script, const std::filesystem::path& screenshots) {
  auto& s = *impl_;
  std::vector<ScriptStep> steps;
  try {
    steps = parse_script(files::read_file(script));
  } catch (const std::exception& e) {
    std::cerr << "tthc-kiosk: " << e.what() << "\n";
    return 2;
  }
  if (!screenshots.empty()) std::filesystem::create_directories(screenshots);
  int failures = 0;
  s.settle();
  for (const auto& st : steps) {
    const std::string where = script.filename().string() + ":" + std::to_string(st.line) + ": ";
    switch (st.kind) {
      case ScriptStep::Kind::TapText: {
        const auto* item = s.ui->items().find(st.text);
        if (!item) {
          std::cerr << where << "nothing visible says '" << st.text << "'\n";
          ++failures;
          break;
        }
        s.tap(ImVec2((item->min.x + item->max.x) / 2, (item->min.y + item->max.y) / 2));
        break;
      }
      case ScriptStep::Kind::TapAt: s.tap(ImVec2(st.x, st.y)); break;
      case ScriptStep::Kind::Drag: s.drag(ImVec2(st.x, st.y), ImVec2(st.x2, st.y2)); break;
      case ScriptStep::Kind::Type: {
        // Through the on-screen keyboard, key by key, as a citizen would.
        std::u32string u = text::to_u32(st.text);
        for (char32_t c : u) {
          std::string k = c == U' ' ? "␣" : text::to_utf8(std::u32string(1, c));
          const bool digit = c >= U'0' && c <= U'9';
          if (digit != s.session.numeric_keypad && c != U' ') {
            const auto* toggle = s.ui->items().find(digit ? "123" : "abc");
            if (toggle) s.tap(ImVec2((toggle->min.x + toggle->max.x) / 2, (toggle->min.y + toggle->max.y) / 2));
          }
          const auto* key = s.ui->items().find_key(k);
          if (!key) {
            std::cerr << where << "no key '" << k << "' on the keyboard\n";
            ++failures;
            break;
          }
          s.tap(ImVec2((key->min.x + key->max.x) / 2, (key->min.y + key->max.y) / 2));
        }
        break;
      }
      case ScriptStep::Kind::Key: {
        SDL_Event e{};
        e.type = SDL_KEYDOWN;
        e.key.keysym.sym = SDL_GetKeyFromName(st.text.c_str());
        if (e.key.keysym.sym == SDLK_UNKNOWN) {
          std::cerr << where << "unknown key '" << st.text << "'\n";
          ++failures;
          break;
        }
        s.handle(e);
        s.settle();
        break;
      }
      case ScriptStep::Kind::Wait: {
        const auto until = Clock::now() + std::chrono::milliseconds(st.number);
        while (Clock::now() < until) {
          s.take_results();
          s.draw(nullptr, true);
          std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        s.settle();
        break;
      }
      case ScriptStep::Kind::Idle:
        // Time passes without a touch: only the session clock moves.
        for (int i = 0; i < st.number; ++i) {
          s.clock_offset += std::chrono::seconds(1);
          s.session.tick(s.now());
        }
        s.settle();
        break;
      case ScriptStep::Kind::Shot:
        if (screenshots.empty() || !s.save_png(screenshots / (st.text + ".png"))) {
          std::cerr << where << "cannot save the screenshot " << st.text << "\n";
          ++failures;
        }
        break;
      case ScriptStep::Kind::Wedge: {
        // A keyboard-wedge scanner: every character as a key event within microseconds, then
        // Enter, through the same detector real keys go through.
        for (size_t i = 0; i < st.text.size();) {
          size_t n = 1;
          while (i + n < st.text.size() && (static_cast<unsigned char>(st.text[i + n]) & 0xC0) == 0x80) ++n;
          SDL_Event ev{};
          ev.type = SDL_TEXTINPUT;
          std::snprintf(ev.text.text, sizeof ev.text.text, "%s", st.text.substr(i, n).c_str());
          s.handle(ev);
          i += n;
        }
        SDL_Event enter{};
        enter.type = SDL_KEYDOWN;
        enter.key.keysym.sym = SDLK_RETURN;
        s.handle(enter);
        s.settle();
        break;
      }
      case ScriptStep::Kind::Await: {
        const auto until = Clock::now() + std::chrono::seconds(30);
        while (Clock::now() < until && !s.ui->items().find(st.text)) {
          s.take_results();
          s.draw(nullptr, true);
          std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        if (!s.ui->items().find(st.text)) {
          std::cerr << where << "waited 30 s for '" << st.text << "'\n";
          ++failures;
        }
        break;
      }
      case ScriptStep::Kind::Expect:
      case ScriptStep::Kind::ExpectNot: {
        const bool seen = s.ui->items().find(st.text) != nullptr;
        const bool want = st.kind == ScriptStep::Kind::Expect;
        if (seen != want) {
          std::cerr << where << (want ? "expected to see '" : "expected not to see '") << st.text << "'\n";
          ++failures;
        }
        break;
      }
    }
  }
  return failures ? 1 : 0;
}

BenchFigures KioskApp::bench(std::chrono::steady_clock::time_point process_start, double idle_seconds) {
  auto& s = *impl_;
  BenchFigures f;
  s.draw();  // first frame
  f.cold_start_ms = std::chrono::duration<double, std::milli>(Clock::now() - process_start).count();
  // Scrolling results at full size: search, then fling the list up and down.
  s.session.touch(s.now());
  s.session.go(app::Screen::Search);
  s.session.composer().set_text("dang ky");
  s.settle();
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
  const char* driver = SDL_GetCurrentVideoDriver();
  f.video_driver = driver ? driver : "?";
  return f;
}

}  // namespace kiosk::platform

// Scripted sessions (script.hpp): the real loop, headless, driven by a citizen's taps and keys.
#include <stb_image_write.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <thread>

#include "common/files.hpp"
#include "common/text.hpp"
#include "model/actions.hpp"
#include "platform/app_impl.hpp"
#include "platform/script.hpp"

namespace kiosk::platform {

using app::Clock;

namespace {

class ScriptPlayer {
 public:
  ScriptPlayer(KioskApp::Impl& app, std::string name, std::filesystem::path screenshots)
      : s_(app), name_(std::move(name)), shots_(std::move(screenshots)) {}

  int play(const std::vector<ScriptStep>& steps) {
    if (!shots_.empty()) std::filesystem::create_directories(shots_);
    settle();
    for (const auto& st : steps) {
      where_ = name_ + ":" + std::to_string(st.line) + ": ";
      step(st);
    }
    write_spoken_log();
    return failures_ ? 1 : 0;
  }

 private:
  void fail(const std::string& why) {
    std::cerr << where_ << why << "\n";
    ++failures_;
  }

  const ui::VisibleItems& items() const { return s_.ui->items(); }

  // Frames with fixed steps until the workers are done and inertia has run out. The workers get
  // time, not frames: under a sanitizer the search index of the sample takes seconds to build.
  void settle() {
    const auto deadline = Clock::now() + std::chrono::seconds(60);
    for (int frames = 0; frames < 300 || Clock::now() < deadline; ++frames) {
      const bool waiting = app::work_pending(s_.services);
      s_.take_work();
      while (auto e = s_.display.next_event(0)) s_.handle(*e);
      s_.session.tick(s_.now());
      s_.draw(nullptr, true);
      if (!waiting && !s_.ui->animating() && frames >= 3) break;
      if (!waiting && frames >= 300) break;  // an animation that never ends
      if (waiting) std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    s_.take_work();
    s_.draw(nullptr, true);
    s_.draw(nullptr, true);
  }

  void tap(ImVec2 p) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = p;
    s_.draw(nullptr, true);
    s_.pointer(true, p);
    s_.draw(nullptr, true);
    s_.pointer(false, p);
    s_.draw(nullptr, true);
    settle();
  }

  void tap(const ui::VisibleItem& item) { tap(ImVec2((item.min.x + item.max.x) / 2, (item.min.y + item.max.y) / 2)); }

  void drag(ImVec2 a, ImVec2 b) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = a;
    s_.draw(nullptr, true);
    s_.pointer(true, a);
    s_.draw(nullptr, true);
    for (int i = 1; i <= 12; ++i) {
      io.MousePos = ImVec2(a.x + (b.x - a.x) * static_cast<float>(i) / 12.0f, a.y + (b.y - a.y) * static_cast<float>(i) / 12.0f);
      s_.draw(nullptr, true);
    }
    s_.pointer(false, b);
    settle();
  }

  // Through the on-screen keyboard, key by key, as a citizen would.
  void type(const std::string& t) {
    for (char32_t c : text::to_u32(t)) {
      const std::string k = c == U' ' ? "␣" : text::to_utf8(std::u32string(1, c));
      const bool digit = c >= U'0' && c <= U'9';
      if (digit != s_.session.search().numeric_keypad && c != U' ' && s_.session.screen() == app::Screen::Search) {
        if (const auto* toggle = items().find(digit ? "123" : "abc")) tap(*toggle);
      }
      const auto* key = items().find_key(k);
      if (!key) return fail("no key '" + k + "' on the keyboard");
      tap(*key);
    }
  }

  void key(const std::string& name) {
    static const std::map<std::string, KeyEvent::Key> keys = {
        {"Return", KeyEvent::Key::Enter}, {"Enter", KeyEvent::Key::Enter},   {"Backspace", KeyEvent::Key::Backspace},
        {"Escape", KeyEvent::Key::Other}, {"Tab", KeyEvent::Key::Other},     {"F4", KeyEvent::Key::Other},
        {"Q", KeyEvent::Key::Other},      {"Delete", KeyEvent::Key::Other}};
    const auto k = keys.find(name);
    if (k == keys.end()) return fail("unknown key '" + name + "'");
    s_.handle(KeyEvent{k->second});
    settle();
  }

  // A keyboard-wedge scanner: every character as a key event within microseconds, then Enter,
  // through the same detector real keys go through.
  void wedge(const std::string& payload) {
    for (size_t i = 0; i < payload.size();) {
      size_t n = 1;
      while (i + n < payload.size() && (static_cast<unsigned char>(payload[i + n]) & 0xC0) == 0x80) ++n;
      s_.handle(TextEvent{payload.substr(i, n)});
      i += n;
    }
    s_.handle(KeyEvent{KeyEvent::Key::Enter});
    settle();
  }

  // A person at a physical keyboard: keys at a typing pace, through the same detector.
  void keys(const std::string& typed) {
    for (size_t i = 0; i < typed.size();) {
      size_t n = 1;
      while (i + n < typed.size() && (static_cast<unsigned char>(typed[i + n]) & 0xC0) == 0x80) ++n;
      s_.handle(TextEvent{typed.substr(i, n)});
      i += n;
      const auto until = Clock::now() + std::chrono::milliseconds(150);
      while (Clock::now() < until) {
        s_.take_work();
        s_.draw(nullptr, true);
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
    }
    settle();
  }

  std::vector<std::string> spoken() const {
    return s_.services.speaker ? s_.services.speaker->spoken() : std::vector<std::string>{};
  }

  void write_spoken_log() {
    if (shots_.empty() || !s_.services.speaker) return;
    std::string body;
    for (const auto& line : spoken()) body += line + "\n";
    files::write_file_durable(shots_ / "spoken.log", body);
  }

  void check_layout() {
    const ImVec2 size = s_.display.size();
    for (const auto& problem : ui::layout_problems(items().all(), size)) fail("layout: " + problem);
  }

  bool save_png(const std::filesystem::path& path) {
    std::vector<unsigned char> px;
    s_.draw(&px, true);
    const ImVec2 size = s_.display.size();
    const int w = static_cast<int>(size.x), h = static_cast<int>(size.y);
    return stbi_write_png(path.c_str(), w, h, 4, px.data(), w * 4) != 0;
  }

  void step(const ScriptStep& st) {
    switch (st.kind) {
      case ScriptStep::Kind::TapText:
        if (const auto* item = items().find(st.text))
          tap(*item);
        else
          fail("nothing visible says '" + st.text + "'");
        break;
      case ScriptStep::Kind::TapAt: tap(ImVec2(st.x, st.y)); break;
      case ScriptStep::Kind::Drag: drag(ImVec2(st.x, st.y), ImVec2(st.x2, st.y2)); break;
      case ScriptStep::Kind::Type: type(st.text); break;
      case ScriptStep::Kind::Key: key(st.text); break;
      case ScriptStep::Kind::Wait: {
        const auto until = Clock::now() + std::chrono::milliseconds(st.number);
        while (Clock::now() < until) {
          s_.take_work();
          s_.draw(nullptr, true);
          std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        settle();
        break;
      }
      case ScriptStep::Kind::Idle:
        // Time passes without a touch: only the session clock moves.
        for (int i = 0; i < st.number; ++i) {
          s_.clock_offset += std::chrono::seconds(1);
          s_.session.tick(s_.now());
        }
        settle();
        break;
      case ScriptStep::Kind::Shot:
        check_layout();
        if (shots_.empty() || !save_png(shots_ / (st.text + ".png"))) fail("cannot save the screenshot " + st.text);
        break;
      case ScriptStep::Kind::CheckLayout: check_layout(); break;
      case ScriptStep::Kind::Wedge: wedge(st.text); break;
      case ScriptStep::Kind::Keys: keys(st.text); break;
      case ScriptStep::Kind::Await: {
        const auto until = Clock::now() + std::chrono::seconds(30);
        while (Clock::now() < until && !items().find(st.text)) {
          s_.take_work();
          s_.draw(nullptr, true);
          std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        if (!items().find(st.text)) fail("waited 30 s for '" + st.text + "'");
        break;
      }
      case ScriptStep::Kind::ExpectSpoken:
      case ScriptStep::Kind::ExpectNotSpoken: {
        const auto said = spoken();
        const bool heard = std::any_of(said.begin(), said.end(), [&](const std::string& s) { return s.find(st.text) != std::string::npos; });
        if (st.kind == ScriptStep::Kind::ExpectNotSpoken) {
          if (heard) fail("expected not to hear '" + st.text + "'");
        } else if (!heard) {
          // The log is wiped with the session, so what was heard is told here, where it helps.
          std::string heard_list;
          for (const auto& s : said) heard_list += "\n  heard: " + s;
          fail("expected to hear '" + st.text + "' (" + std::to_string(said.size()) + " sentences read)" + heard_list);
        }
        break;
      }
      case ScriptStep::Kind::Expect:
      case ScriptStep::Kind::ExpectNot: {
        const bool seen = items().find(st.text) != nullptr;
        const bool want = st.kind == ScriptStep::Kind::Expect;
        if (seen != want) fail(std::string(want ? "expected to see '" : "expected not to see '") + st.text + "'");
        break;
      }
    }
  }

  KioskApp::Impl& s_;
  std::string name_;
  std::filesystem::path shots_;
  std::string where_;
  int failures_ = 0;
};

}  // namespace

int KioskApp::run_script(const std::filesystem::path& script, const std::filesystem::path& screenshots) {
  std::vector<ScriptStep> steps;
  try {
    steps = parse_script(files::read_file(script));
  } catch (const std::exception& e) {
    std::cerr << "tthc-kiosk: " << e.what() << "\n";
    return 2;
  }
  return ScriptPlayer(*impl_, script.filename().string(), screenshots).play(steps);
}

}  // namespace kiosk::platform

#include "ui/kiosk_ui.hpp"

#include <algorithm>
#include <ctime>

#include "model/staff_pin.hpp"
#include "model/strings.hpp"
#include "printing/documents.hpp"
#include "printing/procedure_summary.hpp"

namespace kiosk::ui {

using app::Language;
using app::Screen;
using app::Text;
using app::tr;

namespace {

constexpr ImGuiWindowFlags kPlain = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                    ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                                    ImGuiWindowFlags_NoScrollWithMouse;

std::string date_time_text(Language lang) {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  static const char* vi_days[] = {"Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"};
  static const char* en_days[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
  char buf[96];
  std::snprintf(buf, sizeof buf, "%02d:%02d  %s, %02d/%02d/%04d", tm.tm_hour, tm.tm_min,
                (lang == Language::Vi ? vi_days : en_days)[tm.tm_wday], tm.tm_mday, tm.tm_mon + 1, tm.tm_year + 1900);
  return buf;
}

}  // namespace

KioskUi::KioskUi(Fonts fonts, Palette palette, nlohmann::json center)
    : fonts_(fonts), pal_(palette), center_(std::move(center)) {}

bool KioskUi::animating() const {
  return results_scroll_.animating() || procedure_scroll_.animating() || home_scroll_.animating();
}

void KioskUi::reset_scroll() {
  scroll_to_top_ = true;
  results_scroll_.reset();
  procedure_scroll_.reset();
}

void KioskUi::typed(app::Session& s, const std::string& utf8) {
  if (s.screen() != Screen::Search) s.go(Screen::Search);
  std::string t = s.composer().text() + utf8;
  s.composer().set_text(t);
}

void KioskUi::backspace(app::Session& s) { s.composer().backspace(); }

void KioskUi::request_search(UiEnv& env) {
  if (!env.worker) return;
  auto want = std::make_pair(env.session.query(), env.session.filters());
  if (requested_ && requested_->first == want.first && requested_->second.level == want.second.level &&
      requested_->second.field == want.second.field && requested_->second.agency == want.second.agency)
    return;
  env.worker->request(want.first, want.second);
  requested_ = want;
}

const content::Procedure* KioskUi::current_procedure(UiEnv& env) {
  const std::string& code = env.session.procedure_code();
  if (code.empty() || !env.catalog) return nullptr;
  if (!procedure_ || procedure_->code != code) {
    // One indexed row: cheap enough for the UI thread, and read once per opened procedure.
    procedure_ = env.catalog->procedure(code);
  }
  return procedure_ ? &*procedure_ : nullptr;
}

UiActions KioskUi::frame(UiEnv& env) {
  UiActions actions;
  items_.clear();
  const ImGuiIO& io = ImGui::GetIO();
  scale_ = io.DisplaySize.y / 1080.0f;
  if (env.session.screen() != Screen::Procedure) procedure_.reset();
  if (env.session.screen() == Screen::Attract) {
    requested_.reset();
    pin_entry_ = false;
    keyboard_hidden_ = false;
    field_picker_ = false;
  }

  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::Begin("kiosk", nullptr, kPlain);
  dossier_answers(env);
  switch (env.session.screen()) {
    case Screen::Attract: attract(env); break;
    case Screen::Home: home(env); break;
    case Screen::Search: search(env); break;
    case Screen::Procedure: procedure(env); break;
    case Screen::Staff: staff(env, actions); break;
    case Screen::Dossier: dossier(env); break;
  }
  if (env.session.screen() != Screen::Search) field_picker_ = false;
  if (field_picker_) field_picker(env);
  if (env.session.screen() != Screen::Attract) staff_gesture(env);
  if (env.session.idle_prompt()) idle_prompt(env);
  ImGui::End();
  return actions;
}

void KioskUi::header(UiEnv& env) {
  const FontSet& f = fonts(env.session);
  const ImGuiIO& io = ImGui::GetIO();
  const float h = 120 * scale_;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(ImVec2(0, 0), ImVec2(io.DisplaySize.x, h), pal_.primary);
  // Right side: date and time, language, larger text.
  const float bh = 84 * scale_, gap = 16 * scale_;
  // Buttons as wide as their words at the current text size, never narrower than a finger needs.
  auto width_of = [&](const std::string& label) {
    return std::max(190 * scale_, f.body->CalcTextSizeA(f.body->FontSize, FLT_MAX, 0, label.c_str()).x + 40 * scale_);
  };
  const std::string lang_label = env.session.language == Language::Vi ? "English" : "Tiếng Việt";
  const std::string size_label = std::string(icon::text_size) + " " +
                                 tr(env.session.language, env.session.large_text ? Text::NormalText : Text::LargeText);
  float bw = width_of(lang_label);
  float x = io.DisplaySize.x - 32 * scale_ - bw;
  const float y = (h - bh) * 0.5f;
  ButtonLook light{pal_.surface, pal_.primary, f.body, true};
  ImGui::SetCursorScreenPos(ImVec2(x, y));
  if (button(items_, "##lang", lang_label, ImVec2(bw, bh), light))
    env.session.language = env.session.language == Language::Vi ? Language::En : Language::Vi;
  bw = width_of(size_label);
  x -= bw + gap;
  ImGui::SetCursorScreenPos(ImVec2(x, y));
  if (button(items_, "##size", size_label, ImVec2(bw, bh), light)) {
    env.session.large_text = !env.session.large_text;
    reset_scroll();
  }
  const std::string clock = date_time_text(env.session.language);
  const float cw = f.small->CalcTextSizeA(f.small->FontSize, FLT_MAX, 0, clock.c_str()).x;
  ImGui::SetCursorScreenPos(ImVec2(x - gap - cw, (h - f.small->FontSize) * 0.5f));
  text(items_, clock, f.small, pal_.on_primary, cw + 4);
  // The center's name gets what the right side leaves; a long name drops to a smaller font.
  const std::string name = center_.value("name", tr(env.session.language, Text::AppTitle));
  float name_x = 32 * scale_;
  if (logo_ && logo_h_ > 0) {
    const float lh = 88 * scale_, lw = lh * static_cast<float>(logo_w_) / static_cast<float>(logo_h_);
    dl->AddImage(logo_, ImVec2(name_x, (h - lh) * 0.5f), ImVec2(name_x + lw, (h + lh) * 0.5f));
    name_x += lw + 20 * scale_;
  }
  const float room = x - gap - cw - 24 * scale_ - name_x;
  ImFont* name_font = f.title;
  for (ImFont* candidate : {f.title, f.heading, f.body}) {
    name_font = candidate;
    if (candidate->CalcTextSizeA(candidate->FontSize, FLT_MAX, 0, name.c_str()).x <= room) break;
  }
  const float name_h = text_height(name, name_font, room);
  ImGui::SetCursorScreenPos(ImVec2(name_x, std::max(4.0f, (h - name_h) * 0.5f)));
  text(items_, name, name_font, pal_.on_primary, room);
  ImGui::SetCursorScreenPos(ImVec2(0, h));
}

void KioskUi::nav_bar(UiEnv& env, const content::Procedure* printable) {
  const FontSet& f = fonts(env.session);
  const ImGuiIO& io = ImGui::GetIO();
  const float h = 110 * scale_;
  const float top = io.DisplaySize.y - h;
  ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(0, top), io.DisplaySize, pal_.surface);
  ImGui::GetWindowDrawList()->AddLine(ImVec2(0, top), ImVec2(io.DisplaySize.x, top), pal_.border, 2);
  const float bw = 360 * scale_, bh = 86 * scale_;
  ButtonLook look{pal_.primary, pal_.on_primary, f.heading, true};
  ImGui::SetCursorScreenPos(ImVec2(32 * scale_, top + (h - bh) * 0.5f));
  if (button(items_, "##back", std::string(icon::back) + "  " + tr(env.session.language, Text::Back), ImVec2(bw, bh), look)) {
    env.session.back();
    reset_scroll();
  }
  if (printable && env.printer) {
    // The citizen's next step after reading the papers: printed, in the middle, always in reach.
    const float pw = io.DisplaySize.x - 2 * (32 * scale_ + bw) - 2 * 32 * scale_;
    ImGui::SetCursorScreenPos(ImVec2(32 * scale_ + bw + 32 * scale_, top + (h - bh) * 0.5f));
    ButtonLook print_look{pal_.accent, pal_.on_primary, f.heading, true};
    const content::Procedure proc = *printable;
    const nlohmann::json center = center_;
    const printing::Paper paper = env.paper;
    print_.button(items_, env.printer, env.session, "summary:" + proc.code,
                  std::string(icon::print) + "  " + tr(env.session.language, Text::PrintSummary), ImVec2(pw, bh), print_look,
                  [proc, center, paper] {
                    return PrintJob{"summary", proc.name, [proc, center, paper] {
                                      return printing::render_pdf_bytes(
                                          printing::procedure_summary(proc, center, std::time(nullptr)), paper);
                                    }};
                  });
  }
  ImGui::SetCursorScreenPos(ImVec2(io.DisplaySize.x - 32 * scale_ - bw, top + (h - bh) * 0.5f));
  if (button(items_, "##home", std::string(icon::home) + "  " + tr(env.session.language, Text::Home), ImVec2(bw, bh), look)) {
    env.session.home();
    reset_scroll();
  }
}

void KioskUi::attract(UiEnv& env) {
  const ImGuiIO& io = ImGui::GetIO();
  const FontSet& f = fonts_.large;
  ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(0, 0), io.DisplaySize, pal_.primary);
  const float w = io.DisplaySize.x * 0.85f;
  auto centered = [&](const std::string& s, ImFont* font, float y) {
    const float tw = std::min(w, font->CalcTextSizeA(font->FontSize, FLT_MAX, w, s.c_str()).x);
    ImGui::SetCursorScreenPos(ImVec2((io.DisplaySize.x - tw) * 0.5f, y));
    text(items_, s, font, pal_.on_primary, w);
  };
  if (logo_ && logo_h_ > 0) {
    const float lh = 200 * scale_, lw = lh * static_cast<float>(logo_w_) / static_cast<float>(logo_h_);
    const ImVec2 p((io.DisplaySize.x - lw) * 0.5f, io.DisplaySize.y * 0.08f);
    ImGui::GetWindowDrawList()->AddImage(logo_, p, ImVec2(p.x + lw, p.y + lh));
  }
  centered(center_.value("name", tr(Language::Vi, Text::AppTitle)), f.title, io.DisplaySize.y * 0.30f);
  centered(tr(Language::Vi, Text::AppTitle), f.heading, ImGui::GetCursorScreenPos().y + 24 * scale_);
  centered(std::string(icon::hand) + "  " + tr(Language::Vi, Text::TouchToStart), f.title, io.DisplaySize.y * 0.60f);
  centered(tr(Language::En, Text::TouchToStart), f.heading, ImGui::GetCursorScreenPos().y + 12 * scale_);
  (void)env;
}

void KioskUi::home(UiEnv& env) {
  header(env);
  const FontSet& f = fonts(env.session);
  const ImGuiIO& io = ImGui::GetIO();
  const float margin = 64 * scale_;
  const float w = io.DisplaySize.x - 2 * margin;
  float y = 120 * scale_ + 48 * scale_;
  if (!env.problem.empty()) {
    ImGui::SetCursorScreenPos(ImVec2(margin, y));
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(margin, y), ImVec2(margin + w, y + 110 * scale_), pal_.accent);
    ImGui::SetCursorScreenPos(ImVec2(margin + 24 * scale_, y + 30 * scale_));
    text(items_, env.problem, f.heading, pal_.on_primary, w - 48 * scale_);
    return;
  }
  // One big tile per capability that is built.
  const float tile_h = 260 * scale_;
  ImGui::SetCursorScreenPos(ImVec2(margin, y));
  ButtonLook tile{pal_.primary, pal_.on_primary, f.title};
  const float tile_w = env.dossier ? (w - 32 * scale_) / 2 : w;
  if (button(items_, "##tile-search",
             std::string(icon::search) + "  " + tr(env.session.language, Text::TileSearch) + "\n" +
                 tr(env.session.language, Text::TileSearchHint),
             ImVec2(tile_w, tile_h), tile)) {
    env.session.go(Screen::Search);
    reset_scroll();
  }
  if (env.dossier) {
    ImGui::SetCursorScreenPos(ImVec2(margin + tile_w + 32 * scale_, y));
    if (button(items_, "##tile-dossier",
               std::string(icon::qrcode) + "  " + tr(env.session.language, Text::TileDossier) + "\n" +
                   tr(env.session.language, Text::TileDossierHint),
               ImVec2(tile_w, tile_h), tile)) {
      env.session.dossier() = {};
      env.session.go(Screen::Dossier);
    }
  }
  y += tile_h + 48 * scale_;
  if (!env.catalog) return;
  ImGui::SetCursorScreenPos(ImVec2(margin, y));
  text(items_, tr(env.session.language, Text::Popular), f.heading, pal_.text, w);
  y = ImGui::GetCursorScreenPos().y + 8 * scale_;
  if (popular_.empty()) popular_ = env.catalog->most_popular(6);
  const float col_w = (w - 24 * scale_) / 2, row_h = 120 * scale_;
  ButtonLook card{pal_.surface, pal_.text, f.body, false, pal_.border};
  for (size_t i = 0; i < popular_.size(); ++i) {
    const float x = margin + static_cast<float>(i % 2) * (col_w + 24 * scale_);
    const float yy = y + static_cast<float>(i / 2) * (row_h + 20 * scale_);
    if (yy + row_h > io.DisplaySize.y - 20 * scale_) break;
    ImGui::SetCursorScreenPos(ImVec2(x, yy));
    if (button(items_, ("##pop" + std::to_string(i)).c_str(), popular_[i].name, ImVec2(col_w, row_h), card)) {
      env.session.open_procedure(popular_[i].code);
      reset_scroll();
    }
  }
}

void KioskUi::search(UiEnv& env) {
  header(env);
  request_search(env);
  const FontSet& f = fonts(env.session);
  const ImGuiIO& io = ImGui::GetIO();
  const float margin = 32 * scale_;
  const float w = io.DisplaySize.x - 2 * margin;
  float y = 120 * scale_ + 20 * scale_;
  // The query: shown, never edited in place, so a tap never selects text.
  const float box_h = 84 * scale_;
  const float clear_w = 200 * scale_;
  const float box_w = w * 0.52f;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(ImVec2(margin, y), ImVec2(margin + box_w, y + box_h), pal_.surface);
  dl->AddRect(ImVec2(margin, y), ImVec2(margin + box_w, y + box_h), pal_.primary, 0, 0, 3);
  ImGui::SetCursorScreenPos(ImVec2(margin + 20 * scale_, y + (box_h - f.heading->FontSize) * 0.5f));
  if (env.session.query().empty()) {
    text(items_, std::string(icon::search) + "  " + tr(env.session.language, Text::SearchPlaceholder), f.body,
         pal_.muted, box_w - 40 * scale_);
  } else {
    text(items_, env.session.query() + "|", f.heading, pal_.text, box_w - 40 * scale_);
  }
  ImGui::SetCursorScreenPos(ImVec2(margin + box_w + 12 * scale_, y));
  if (button(items_, "##clear", std::string(icon::eraser) + " " + tr(env.session.language, Text::Clear),
             ImVec2(clear_w, box_h), ButtonLook{pal_.key, pal_.text, f.body, true, pal_.border}))
    env.session.composer().clear();

  // Level filter chips, on the same row.
  static const char* levels[] = {"", "Cấp tỉnh", "Cấp xã", "Cấp bộ"};
  float x = margin + box_w + clear_w + 36 * scale_;
  const float chip_h = box_h;
  for (int i = 0; i < 4; ++i) {
    const std::string label = i == 0 ? tr(env.session.language, Text::AllLevels) : levels[i];
    const float cw = f.body->CalcTextSizeA(f.body->FontSize, FLT_MAX, 0, label.c_str()).x + 48 * scale_;
    const bool on = env.session.filters().level == levels[i];
    ImGui::SetCursorScreenPos(ImVec2(x, y));
    ButtonLook chip{on ? pal_.primary : pal_.surface, on ? pal_.on_primary : pal_.text, f.body, true, pal_.border};
    if (button(items_, ("##lvl" + std::to_string(i)).c_str(), label, ImVec2(cw, chip_h), chip)) {
      env.session.filters().level = levels[i];
      reset_scroll();
    }
    x += cw + 12 * scale_;
  }
  {
    const std::string& field = env.session.filters().field;
    const std::string label = field.empty() ? (env.session.language == Language::Vi ? "Lĩnh vực…" : "Field…") : field;
    const float cw = std::min(io.DisplaySize.x - margin - x, 420 * scale_);
    ImGui::SetCursorScreenPos(ImVec2(x, y));
    ButtonLook chip{field.empty() ? pal_.surface : pal_.primary, field.empty() ? pal_.text : pal_.on_primary, f.body, false,
                    pal_.border};
    if (cw > 120 * scale_ && button(items_, "##field", label, ImVec2(cw, chip_h), chip)) field_picker_ = true;
  }
  y += box_h + 14 * scale_;

  const float nav_h = 110 * scale_;
  const float kb_h = keyboard_hidden_ ? 0 : (env.session.large_text ? 400 : 370) * scale_;
  const float list_h = io.DisplaySize.y - nav_h - kb_h - y - 10 * scale_;
  ImGui::SetCursorScreenPos(ImVec2(margin, y));
  results(env, list_h);
  if (!keyboard_hidden_) {
    ImGui::SetCursorScreenPos(ImVec2(0, io.DisplaySize.y - nav_h - kb_h));
    keyboard(env, kb_h);
  }
  nav_bar(env);
  // Hiding the keyboard gives the results the whole screen; the toggle sits in the nav bar.
  const float bw = 420 * scale_, bh = 86 * scale_;
  ImGui::SetCursorScreenPos(ImVec2((io.DisplaySize.x - bw) * 0.5f, io.DisplaySize.y - nav_h + (nav_h - bh) * 0.5f));
  const std::string kb_label = std::string("\xef\x84\x9c  ") +
                               (env.session.language == Language::Vi ? (keyboard_hidden_ ? "Hiện bàn phím" : "Ẩn bàn phím")
                                                                     : (keyboard_hidden_ ? "Show keyboard" : "Hide keyboard"));
  if (button(items_, "##kbtoggle", kb_label, ImVec2(bw, bh), ButtonLook{pal_.surface, pal_.primary, f.heading, true, pal_.primary}))
    keyboard_hidden_ = !keyboard_hidden_;
}

void KioskUi::results(UiEnv& env, float height) {
  const FontSet& f = fonts(env.session);
  const ImGuiIO& io = ImGui::GetIO();
  const float w = io.DisplaySize.x - 64 * scale_;
  ImGui::BeginChild("results", ImVec2(w, height), false, ImGuiWindowFlags_NoScrollWithMouse);
  if (scroll_to_top_) {
    ImGui::SetScrollY(0);
    scroll_to_top_ = false;
  }
  results_scroll_.update();
  const auto& hits = env.session.results();
  const bool stale = !env.session.results_current();
  if (hits.empty()) {
    const Text msg = env.problem.empty() ? (stale ? Text::Searching : Text::NoResults) : Text::SearchError;
    text(items_, env.problem.empty() ? tr(env.session.language, msg) : env.problem, f.heading, pal_.muted, w);
  }
  if (env.session.query().empty() && !hits.empty())
    text(items_, tr(env.session.language, Text::Popular), f.heading, pal_.text, w);
  const float pad = 20 * scale_;
  for (size_t i = 0; i < hits.size(); ++i) {
    const auto& h = hits[i];
    const std::string sub = h.field + (h.agencies.empty() ? "" : "  ·  " + h.agencies);
    const float th = text_height(h.name, f.heading, w - 2 * pad) + f.heading->FontSize * 0.25f;
    const float sh = text_height(sub, f.small, w - 2 * pad);
    const float card_h = th + sh + 3 * pad;
    const ImVec2 pos = ImGui::GetCursorScreenPos();
    // The card is one big touch target; its texts are drawn over it.
    if (button(items_, ("##hit" + std::to_string(i)).c_str(), "", ImVec2(w - 4, card_h),
               ButtonLook{pal_.surface, pal_.text, f.body, false, pal_.border})) {
      env.session.open_procedure(h.code);
      reset_scroll();
    }
    const ImVec2 after = ImGui::GetCursorScreenPos();
    ImGui::SetCursorScreenPos(ImVec2(pos.x + pad, pos.y + pad));
    rich_text(items_, h.name, h.highlights, f.heading, pal_.text, pal_.highlight, w - 2 * pad);
    ImGui::SetCursorScreenPos(ImVec2(pos.x + pad, ImGui::GetCursorScreenPos().y - 6 * scale_));
    text(items_, sub, f.small, pal_.muted, w - 2 * pad);
    ImGui::SetCursorScreenPos(after);
  }
  ImGui::EndChild();
}

void KioskUi::on_key(app::Session& s, const std::string& key) {
  if (key == "⌫") {
    s.composer().backspace();
  } else if (key == "␣") {
    s.composer().key(" ");
  } else {
    s.composer().key(key);
  }
}

void KioskUi::keyboard(UiEnv& env, float height) {
  const FontSet& f = fonts(env.session);
  const ImGuiIO& io = ImGui::GetIO();
  auto& s = env.session;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 top = ImGui::GetCursorScreenPos();
  dl->AddRectFilled(top, ImVec2(io.DisplaySize.x, top.y + height), pal_.background);
  static const std::vector<std::vector<std::string>> letters = {
      {"q", "w", "e", "r", "t", "y", "u", "i", "o", "p"}, {"a", "s", "d", "f", "g", "h", "j", "k", "l"},
      {"z", "x", "c", "v", "b", "n", "m", "⌫"}};
  static const std::vector<std::vector<std::string>> digits = {
      {"1", "2", "3", "4", "5", "6", "7", "8", "9", "0"}, {".", "-", "/"}, {"⌫"}};
  const auto& rows = s.numeric_keypad ? digits : letters;
  const float gap = 10 * scale_;
  const float key_w = std::min(150 * scale_, (io.DisplaySize.x - 64 * scale_) / 10.0f - gap);
  const float key_h = (height - 5 * gap) / 4.0f;
  ButtonLook key{pal_.key, pal_.text, f.title, true, pal_.border};
  float y = top.y + gap;
  int n = 0;
  for (const auto& row : rows) {
    const float row_w = static_cast<float>(row.size()) * (key_w + gap) - gap;
    float x = (io.DisplaySize.x - row_w) * 0.5f;
    for (const auto& k : row) {
      ImGui::SetCursorScreenPos(ImVec2(x, y));
      const bool wide = k == "⌫";
      const std::string label = wide ? std::string(icon::back) + " " + tr(s.language, Text::Delete) : k;
      if (button(items_, ("##k" + std::to_string(n++)).c_str(), label, ImVec2(wide ? key_w * 1.6f : key_w, key_h), key,
                 !wide))
        on_key(s, k);
      x += key_w + gap;
    }
    y += key_h + gap;
  }
  // Bottom row: digits/letters, marks on/off, space.
  const float bw = 300 * scale_;
  const float space_w = io.DisplaySize.x - 64 * scale_ - 2 * (bw + gap);
  float x = 32 * scale_;
  ButtonLook func{pal_.surface, pal_.text, f.body, true, pal_.border};
  ImGui::SetCursorScreenPos(ImVec2(x, y));
  if (button(items_, "##numpad", tr(s.language, s.numeric_keypad ? Text::Letters : Text::Numbers), ImVec2(bw, key_h), func))
    s.numeric_keypad = !s.numeric_keypad;
  x += bw + gap;
  ImGui::SetCursorScreenPos(ImVec2(x, y));
  const bool telex = s.composer().telex();
  ButtonLook marks{telex ? pal_.primary : pal_.surface, telex ? pal_.on_primary : pal_.text, f.body, true, pal_.border};
  if (button(items_, "##telex", tr(s.language, telex ? Text::Telex : Text::NoTelex), ImVec2(bw, key_h), marks))
    s.composer().set_telex(!telex);
  x += bw + gap;
  ImGui::SetCursorScreenPos(ImVec2(x, y));
  if (button(items_, "##space", tr(s.language, Text::Space), ImVec2(space_w, key_h), func)) on_key(s, "␣");
  items_.add("␣", ImVec2(x, y), ImVec2(x + space_w, y + key_h), true);
}

void KioskUi::procedure(UiEnv& env) {
  header(env);
  const FontSet& f = fonts(env.session);
  const ImGuiIO& io = ImGui::GetIO();
  const auto lang = env.session.language;
  const float margin = 48 * scale_;
  const float w = io.DisplaySize.x - 2 * margin;
  const float nav_h = 110 * scale_;
  const content::Procedure* p = current_procedure(env);
  ImGui::SetCursorScreenPos(ImVec2(margin, 120 * scale_ + 16 * scale_));
  ImGui::BeginChild("procedure", ImVec2(w, io.DisplaySize.y - nav_h - 120 * scale_ - 24 * scale_), false,
                    ImGuiWindowFlags_NoScrollWithMouse);
  if (scroll_to_top_) {
    ImGui::SetScrollY(0);
    scroll_to_top_ = false;
  }
  procedure_scroll_.update();
  const float tw = w - 40 * scale_;
  if (!p) {
    text(items_, tr(lang, Text::CatalogError), f.heading, pal_.accent, tw);
  } else {
    text(items_, p->name, f.title, pal_.text, tw);
    text(items_, std::string(tr(lang, Text::Code)) + ": " + p->code + (p->field.empty() ? "" : "   ·   " + p->field),
         f.small, pal_.muted, tw);
    auto section = [&](Text title) {
      ImGui::Dummy(ImVec2(1, 12 * scale_));
      const ImVec2 pos = ImGui::GetCursorScreenPos();
      ImGui::GetWindowDrawList()->AddRectFilled(pos, ImVec2(pos.x + 8 * scale_, pos.y + f.heading->FontSize * 1.2f),
                                                pal_.primary);
      ImGui::SetCursorScreenPos(ImVec2(pos.x + 20 * scale_, pos.y));
      text(items_, tr(lang, title), f.heading, pal_.primary, tw);
      ImGui::SetCursorScreenPos(ImVec2(pos.x, ImGui::GetCursorScreenPos().y));
    };
    section(Text::Counter);
    if (!p->counter.empty()) text(items_, std::string(icon::marker) + "  " + p->counter, f.heading, pal_.text, tw);
    if (!p->agencies.empty()) {
      std::string ag;
      for (const auto& a : p->agencies) ag += (ag.empty() ? "" : "; ") + a;
      text(items_, std::string(tr(lang, Text::Agency)) + ": " + ag, f.body, pal_.text, tw);
    }
    if (!p->channels.empty() || !p->raw_fees.empty()) {
      section(Text::Channels);
      // Channels with the same time and fees are shown once ("Trực tuyến · Trực tiếp"), so the
      // papers to bring come up sooner.
      struct Row {
        std::string names, time, fees;
      };
      std::vector<Row> rows;
      for (const auto& c : p->channels) {
        std::string fees;
        for (const auto& fee : c.fees) fees += (fees.empty() ? "" : "; ") + content::fee_label(fee, tr(lang, Text::Free));
        const std::string time = c.time.text.empty() ? "—" : c.time.text;
        auto same = std::find_if(rows.begin(), rows.end(), [&](const Row& r) { return r.time == time && r.fees == fees; });
        if (same != rows.end())
          same->names += "  ·  " + c.name;
        else
          rows.push_back({c.name, time, fees});
      }
      for (const auto& r : rows) {
        text(items_, "• " + r.names, f.heading, pal_.text, tw);
        text(items_, std::string("   ") + icon::clock + "  " + tr(lang, Text::Time) + ": " + r.time, f.body, pal_.text, tw);
        if (!r.fees.empty())
          text(items_, std::string("   ") + icon::money + "  " + tr(lang, Text::Fee) + ": " + r.fees, f.body, pal_.text, tw);
      }
      if (p->channels.empty()) text(items_, p->raw_fees, f.body, pal_.text, tw);
    }
    section(Text::Documents);
    int n = 0;
    for (const auto& d : p->documents) {
      text(items_, std::to_string(++n) + ". " + d.name, f.body, pal_.text, tw);
      std::string detail;
      if (!d.copies.empty()) detail += std::string(tr(lang, Text::Copies)) + ": " + d.copies;
      if (d.form_id) {
        for (const auto& form : p->forms)
          if (form.id == *d.form_id)
            detail += (detail.empty() ? "" : "   ·   ") + std::string(icon::file) + " " +
                      (form.template_name.empty() ? form.name : form.template_name) +
                      (form.printable ? "" : std::string(" (") + tr(lang, Text::FormNotPrintable) + ")");
      }
      if (!d.note.empty()) detail += (detail.empty() ? "" : "   ·   ") + d.note;
      if (!detail.empty()) {
        ImGui::Indent(36 * scale_);
        text(items_, detail, f.small, pal_.muted, tw - 36 * scale_);
        ImGui::Unindent(36 * scale_);
      }
      if (d.form_id && env.printer) {
        for (const auto& form : p->forms) {
          if (form.id != *d.form_id || !form.printable) continue;
          ImGui::Indent(36 * scale_);
          ButtonLook look{pal_.primary, pal_.on_primary, f.body, true};
          const std::string label = std::string(icon::print) + "  " + tr(lang, Text::PrintForm) + ": " + form.name;
          ImGui::PushFont(f.body);
          const float bw = std::min(tw - 36 * scale_, ImGui::CalcTextSize(label.c_str()).x + 80 * scale_);
          ImGui::PopFont();
          const content::Form fm = form;
          const std::filesystem::path dir = env.pack_dir;
          print_.button(items_, env.printer, env.session, "form:" + p->code + ":" + form.id, label, ImVec2(bw, 80 * scale_), look,
                        [fm, dir] { return PrintJob{"form", fm.name, [fm, dir] { return printing::blank_form_pdf(dir, fm); }}; });
          ImGui::Unindent(36 * scale_);
          ImGui::Dummy(ImVec2(1, 8 * scale_));
        }
      }
    }
    if (p->documents.empty() && !p->raw_documents.empty()) text(items_, p->raw_documents, f.body, pal_.text, tw);
    if (!p->steps.empty()) {
      section(Text::Steps);
      for (const auto& st : p->steps) text(items_, st, f.body, pal_.text, tw);
    }
    if (!p->conditions.empty()) {
      section(Text::Conditions);
      text(items_, p->conditions, f.body, pal_.text, tw);
    }
    if (!p->result.empty()) {
      section(Text::Result);
      text(items_, p->result, f.body, pal_.text, tw);
    }
    if (!p->legal_basis.empty()) {
      section(Text::LegalBasis);
      for (const auto& l : p->legal_basis)
        text(items_, "• " + l.title + (l.number.empty() ? "" : " (" + l.number + ")"), f.small, pal_.text, tw);
    }
    ImGui::Dummy(ImVec2(1, 40 * scale_));
  }
  ImGui::EndChild();
  nav_bar(env, p);
  print_banner(env, io.DisplaySize.y - nav_h);
}

void KioskUi::print_banner(UiEnv& env, float bottom) {
  const auto st = print_.status(env.printer, env.session);
  if (!st) return;
  const FontSet& f = fonts(env.session);
  const ImGuiIO& io = ImGui::GetIO();
  const float pad = 20 * scale_;
  const float wrap = io.DisplaySize.x - 4 * pad;
  const std::string msg = std::string(icon::print) + "  " + st->text;
  const float h = text_height(msg, f.heading, wrap) + 2 * pad;
  // Its own window, so it lies above the scrolling procedure (a child window draws over its parent).
  ImGui::SetNextWindowPos(ImVec2(0, bottom - h));
  ImGui::SetNextWindowSize(ImVec2(io.DisplaySize.x, h));
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImGui::ColorConvertU32ToFloat4(st->problem ? pal_.accent : pal_.primary));
  ImGui::Begin("##print-banner", nullptr, (kPlain & ~ImGuiWindowFlags_NoBringToFrontOnFocus) | ImGuiWindowFlags_NoInputs);
  ImGui::PopStyleColor();
  ImGui::SetCursorScreenPos(ImVec2(2 * pad, bottom - h + pad));
  text(items_, msg, f.heading, pal_.on_primary, wrap);
  ImGui::End();
}

void KioskUi::idle_prompt(UiEnv& env) {
  const ImGuiIO& io = ImGui::GetIO();
  const FontSet& f = fonts(env.session);
  ImDrawList* dl = ImGui::GetForegroundDrawList();
  (void)dl;
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0, 0, 0, 0.6f));
  ImGui::Begin("idle", nullptr, kPlain & ~ImGuiWindowFlags_NoBringToFrontOnFocus);
  ImGui::PopStyleColor();
  const float w = 1000 * scale_, h = 460 * scale_;
  const ImVec2 p((io.DisplaySize.x - w) * 0.5f, (io.DisplaySize.y - h) * 0.5f);
  ImGui::GetWindowDrawList()->AddRectFilled(p, ImVec2(p.x + w, p.y + h), pal_.surface);
  ImGui::SetCursorScreenPos(ImVec2(p.x + 48 * scale_, p.y + 48 * scale_));
  text(items_, tr(env.session.language, Text::StillThere), f.title, pal_.text, w - 96 * scale_);
  ImGui::SetCursorScreenPos(ImVec2(p.x + 48 * scale_, ImGui::GetCursorScreenPos().y + 12 * scale_));
  text(items_,
       std::string(tr(env.session.language, Text::EndsIn)) + " " + std::to_string(env.session.countdown_seconds(env.now)) +
           " " + tr(env.session.language, Text::Seconds),
       f.heading, pal_.muted, w - 96 * scale_);
  ImGui::SetCursorScreenPos(ImVec2(p.x + 48 * scale_, p.y + h - 48 * scale_ - 110 * scale_));
  // Any touch continues (Session::touch); the button says so.
  button(items_, "##continue", tr(env.session.language, Text::Continue), ImVec2(w - 96 * scale_, 110 * scale_),
         ButtonLook{pal_.primary, pal_.on_primary, f.title, true});
  ImGui::End();
}

void KioskUi::field_picker(UiEnv& env) {
  const ImGuiIO& io = ImGui::GetIO();
  const FontSet& f = fonts(env.session);
  if (fields_.empty() && env.catalog) fields_ = env.catalog->fields();
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImGui::ColorConvertU32ToFloat4(pal_.background));
  ImGui::Begin("fields", nullptr, kPlain & ~ImGuiWindowFlags_NoBringToFrontOnFocus);
  ImGui::PopStyleColor();
  const float margin = 48 * scale_, w = io.DisplaySize.x - 2 * margin;
  ImGui::SetCursorScreenPos(ImVec2(margin, 32 * scale_));
  text(items_, env.session.language == Language::Vi ? "Chọn lĩnh vực" : "Choose a field", f.title, pal_.text, w);
  const float top = ImGui::GetCursorScreenPos().y + 12 * scale_;
  const float bottom_h = 130 * scale_;
  ImGui::SetCursorScreenPos(ImVec2(margin, top));
  ImGui::BeginChild("fieldlist", ImVec2(w, io.DisplaySize.y - top - bottom_h), false, ImGuiWindowFlags_NoScrollWithMouse);
  fields_scroll_.update();
  const float cols = 2, gap = 16 * scale_, cw = (w - gap - 30 * scale_) / cols, ch = 90 * scale_;
  std::vector<std::string> options = {""};
  options.insert(options.end(), fields_.begin(), fields_.end());
  for (size_t i = 0; i < options.size(); ++i) {
    const bool on = env.session.filters().field == options[i];
    ImGui::SetCursorPos(ImVec2(static_cast<float>(i % 2) * (cw + gap), static_cast<float>(i / 2) * (ch + gap)));
    const std::string label = options[i].empty() ? (env.session.language == Language::Vi ? "Tất cả lĩnh vực" : "All fields")
                                                 : options[i];
    if (button(items_, ("##f" + std::to_string(i)).c_str(), label, ImVec2(cw, ch),
               ButtonLook{on ? pal_.primary : pal_.surface, on ? pal_.on_primary : pal_.text, f.body, false, pal_.border})) {
      env.session.filters().field = options[i];
      field_picker_ = false;
      reset_scroll();
    }
  }
  ImGui::EndChild();
  ImGui::SetCursorScreenPos(ImVec2(margin, io.DisplaySize.y - bottom_h + 20 * scale_));
  if (button(items_, "##fclose", std::string(icon::back) + "  " + tr(env.session.language, Text::Back),
             ImVec2(360 * scale_, 90 * scale_), ButtonLook{pal_.primary, pal_.on_primary, f.heading, true}))
    field_picker_ = false;
  ImGui::End();
}

void KioskUi::staff_gesture(UiEnv& env) {
  if (env.staff_pin_hash.empty()) return;  // no PIN configured: no staff access from the screen
  const ImGuiIO& io = ImGui::GetIO();
  if (ImGui::IsMouseReleased(0) && io.MousePos.x < 100 * scale_ && io.MousePos.y < 100 * scale_) {
    corner_taps_.push_back(env.now);
    while (!corner_taps_.empty() && env.now - corner_taps_.front() > std::chrono::seconds(3))
      corner_taps_.erase(corner_taps_.begin());
    if (corner_taps_.size() >= 5) {
      corner_taps_.clear();
      pin_entry_ = true;
      pin_.clear();
      pin_wrong_ = false;
      env.session.go(Screen::Staff);
    }
  }
}

void KioskUi::staff(UiEnv& env, UiActions& actions) {
  header(env);
  const FontSet& f = fonts_.normal;
  const ImGuiIO& io = ImGui::GetIO();
  const float x0 = (io.DisplaySize.x - 700 * scale_) * 0.5f;
  ImGui::SetCursorScreenPos(ImVec2(x0, 180 * scale_));
  text(items_, tr(env.session.language, Text::StaffTitle), f.title, pal_.text, 700 * scale_);
  const ImVec2 size(700 * scale_, 100 * scale_);
  ButtonLook look{pal_.primary, pal_.on_primary, f.heading, true};
  if (pin_entry_) {
    text(items_, std::string(tr(env.session.language, Text::StaffPin)) + ": " + std::string(pin_.size(), '*'), f.heading,
         pal_.text, 700 * scale_);
    if (pin_wrong_) text(items_, tr(env.session.language, Text::StaffWrongPin), f.heading, pal_.accent, 700 * scale_);
    const float kw = 220 * scale_, kh = 90 * scale_;
    const char* pad[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "OK"};
    const float y0 = ImGui::GetCursorScreenPos().y + 10 * scale_;
    for (int i = 0; i < 12; ++i) {
      ImGui::SetCursorScreenPos(ImVec2(x0 + static_cast<float>(i % 3) * (kw + 20 * scale_), y0 + static_cast<float>(i / 3) * (kh + 16 * scale_)));
      if (!button(items_, ("##pin" + std::to_string(i)).c_str(), pad[i], ImVec2(kw, kh),
                  ButtonLook{pal_.key, pal_.text, f.title, true, pal_.border}, true))
        continue;
      const std::string k = pad[i];
      if (k == "⌫") {
        if (!pin_.empty()) pin_.pop_back();
      } else if (k == "OK") {
        pin_wrong_ = !app::verify_pin(env.staff_pin_hash, pin_);
        pin_entry_ = pin_wrong_;
        pin_.clear();
      } else if (pin_.size() < 12) {
        pin_ += k;
      }
    }
  } else {
    ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y + 20 * scale_));
    if (button(items_, "##reload", tr(env.session.language, Text::StaffReload), size, look)) actions.reload = true;
    ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y + 20 * scale_));
    if (button(items_, "##exit", tr(env.session.language, Text::StaffExit), size,
               ButtonLook{pal_.accent, pal_.on_primary, f.heading, true}))
      actions.quit = true;
  }
  ImGui::SetCursorScreenPos(ImVec2(x0, io.DisplaySize.y - 200 * scale_));
  if (button(items_, "##close", tr(env.session.language, Text::StaffClose), size,
             ButtonLook{pal_.surface, pal_.text, f.heading, true, pal_.border})) {
    pin_entry_ = false;
    env.session.home();
  }
}

}  // namespace kiosk::ui

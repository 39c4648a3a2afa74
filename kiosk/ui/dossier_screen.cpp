// The dossier screen: hold the slip to the scanner (or type its code), the owner's id digits when
// the slip lacks them, then where the dossier is. Nothing personal is shown unmasked.
#include <algorithm>
#include <ctime>

#include "dossier/status_slip.hpp"
#include "model/strings.hpp"
#include "printing/documents.hpp"
#include "ui/kiosk_ui.hpp"

namespace kiosk::ui {

using app::DossierLookup;
using app::Screen;
using app::Text;
using app::tr;
using Stage = DossierLookup::Stage;

void KioskUi::scanned(UiEnv& env, const std::string& payload) {
  if (!env.dossier) return;
  env.session.dossier() = {};
  env.session.go(Screen::Dossier);
  if (env.session.dossier().accept_payload(payload, true)) start_lookup(env);
}

void KioskUi::start_lookup(UiEnv& env) {
  auto& d = env.session.dossier();
  d.stage = Stage::Looking;
  d.request = env.dossier->request(d.query);
}

void KioskUi::dossier_answers(UiEnv& env) {
  if (!env.dossier) return;
  auto answer = env.dossier->take();
  if (!answer) return;
  auto& d = env.session.dossier();
  // An answer for a wiped session or an abandoned lookup is dropped.
  if (answer->request != d.request || d.stage != Stage::Looking) return;
  if (auto* st = std::get_if<dossier::DossierStatus>(&answer->result)) {
    d.result = std::move(*st);
    d.stage = Stage::Shown;
  } else {
    d.message = std::get<dossier::LookupError>(answer->result).message;
    d.stage = Stage::Failed;
  }
  dossier_scroll_ = {};
}

// Big keys for a finger: digits, '.', '-', and (for codes) the letters agency ids use.
bool KioskUi::keypad(UiEnv& env, std::string& target, bool letters, float top, float width, size_t max_len) {
  const FontSet& f = fonts(env.session);
  // Larger text makes everything above the keys taller: the keys give way so the action button
  // stays above the bottom bar.
  const float key_h = (env.session.large_text ? 72 : 92) * scale_, gap = 12 * scale_;
  std::vector<std::vector<std::string>> rows = {{"1", "2", "3", "4", "5", "6", "7", "8", "9", "0"}};
  if (letters) {
    rows[0].push_back(".");
    rows[0].push_back("-");
    rows.push_back({"A", "B", "C", "D", "E", "G", "H", "K", "L", "M", "N", "P"});
  }
  ButtonLook key{pal_.key, pal_.text, f.heading, true, pal_.border};
  bool changed = false;
  float y = top;
  for (const auto& row : rows) {
    const float kw = (width - gap * static_cast<float>(row.size() - 1)) / static_cast<float>(row.size());
    for (size_t i = 0; i < row.size(); ++i) {
      ImGui::SetCursorScreenPos(ImVec2((ImGui::GetIO().DisplaySize.x - width) / 2 + static_cast<float>(i) * (kw + gap), y));
      if (button(items_, ("##kp" + row[i]).c_str(), row[i], ImVec2(kw, key_h), key, true) && target.size() < max_len) {
        target += row[i];
        changed = true;
      }
    }
    y += key_h + gap;
  }
  ImGui::SetCursorScreenPos(ImVec2((ImGui::GetIO().DisplaySize.x - width) / 2, y));
  if (button(items_, "##kp-del", std::string(icon::eraser) + "  " + tr(env.session.language, Text::Delete),
             ImVec2((width - gap) / 2, key_h), key, true) &&
      !target.empty()) {
    target.pop_back();
    changed = true;
  }
  ImGui::SetCursorScreenPos(ImVec2((ImGui::GetIO().DisplaySize.x - width) / 2 + (width + gap) / 2, y));
  if (button(items_, "##kp-clear", tr(env.session.language, Text::Clear), ImVec2((width - gap) / 2, key_h), key, true)) {
    target.clear();
    changed = true;
  }
  return changed;
}

void KioskUi::dossier_scan(UiEnv& env, float top, float width) {
  const FontSet& f = fonts(env.session);
  const auto lang = env.session.language;
  auto& d = env.session.dossier();
  const float x = (ImGui::GetIO().DisplaySize.x - width) / 2;
  // With a camera, what it sees, top right: the citizen can tell the slip is in view.
  float text_w = width;
  if (preview_ && preview_w_ > 0) {
    const float pw = 360 * scale_, ph = pw * static_cast<float>(preview_h_) / static_cast<float>(preview_w_);
    const ImVec2 p0(x + width - pw, top);
    ImGui::GetWindowDrawList()->AddImage(preview_, p0, ImVec2(p0.x + pw, p0.y + ph));
    ImGui::GetWindowDrawList()->AddRect(p0, ImVec2(p0.x + pw, p0.y + ph), pal_.primary, 0, 0, 3 * scale_);
    ImGui::SetCursorScreenPos(ImVec2(p0.x, p0.y + ph + 4 * scale_));
    text(items_, tr(lang, Text::CameraView), f.small, pal_.muted, pw);
    text_w = width - pw - 24 * scale_;
  }
  ImGui::SetCursorScreenPos(ImVec2(x, top));
  text(items_, std::string(icon::qrcode) + "  " + tr(lang, Text::HoldSlip), f.title, pal_.primary, text_w);
  // Where the scanner is: below the screen on the kiosks this is built for.
  ImGui::SetCursorScreenPos(ImVec2(x, ImGui::GetCursorScreenPos().y + 8 * scale_));
  text(items_, std::string(icon::arrow_down) + "   " + icon::arrow_down + "   " + icon::arrow_down, f.title, pal_.primary, text_w);
  ImGui::SetCursorScreenPos(ImVec2(x, ImGui::GetCursorScreenPos().y + 40 * scale_));
  text(items_, tr(lang, Text::OrTypeCode), f.heading, pal_.text, width);
  // The code as typed, in a box.
  const float box_h = 96 * scale_;
  ImVec2 p = ImVec2(x, ImGui::GetCursorScreenPos().y + 8 * scale_);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p, ImVec2(p.x + width, p.y + box_h), pal_.surface);
  dl->AddRect(p, ImVec2(p.x + width, p.y + box_h), pal_.primary, 0, 0, 3 * scale_);
  ImGui::SetCursorScreenPos(ImVec2(p.x + 24 * scale_, p.y + (box_h - f.title->FontSize) / 2));
  text(items_, d.typed.empty() ? std::string("000.00.00.H00-yymmdd-0000") : d.typed, f.title,
       d.typed.empty() ? pal_.muted : pal_.text, width - 48 * scale_);
  keypad(env, d.typed, true, p.y + box_h + 24 * scale_, width, 40);
  ImGui::SetCursorScreenPos(ImVec2(x, ImGui::GetCursorScreenPos().y + 24 * scale_));
  ButtonLook go{pal_.primary, pal_.on_primary, f.title, true};
  if (button(items_, "##dossier-go", std::string(icon::search) + "  " + tr(lang, Text::LookUp), ImVec2(width, 100 * scale_), go) &&
      !d.typed.empty()) {
    const std::string code = d.typed;
    if (d.accept_payload(code, true)) start_lookup(env);
    d.typed = code;
  }
}

void KioskUi::dossier_owner(UiEnv& env, float top, float width) {
  const FontSet& f = fonts(env.session);
  const auto lang = env.session.language;
  auto& d = env.session.dossier();
  const float x = (ImGui::GetIO().DisplaySize.x - width) / 2;
  ImGui::SetCursorScreenPos(ImVec2(x, top));
  text(items_, std::string(tr(lang, Text::DossierCode)) + ": " + (d.query.code.empty() ? "—" : d.query.code), f.heading,
       pal_.text, width);
  const size_t digits = static_cast<size_t>(env.owner_id_digits);
  const std::string prompt = digits ? std::string(tr(lang, Text::OwnerIdPrompt)) + " " + std::to_string(digits)
                                    : std::string(tr(lang, Text::OwnerIdWhole));
  ImGui::SetCursorScreenPos(ImVec2(x, ImGui::GetCursorScreenPos().y + 16 * scale_));
  text(items_, prompt, f.title, pal_.primary, width);
  const float box_h = 96 * scale_;
  ImVec2 p = ImVec2(x, ImGui::GetCursorScreenPos().y + 16 * scale_);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p, ImVec2(p.x + width, p.y + box_h), pal_.surface);
  dl->AddRect(p, ImVec2(p.x + width, p.y + box_h), pal_.primary, 0, 0, 3 * scale_);
  // Digits shown as dots once typed: someone may be looking over the citizen's shoulder.
  std::string shown;
  for (size_t i = 0; i < d.owner_typed.size(); ++i) shown += i + 1 == d.owner_typed.size() ? d.owner_typed.substr(i) : "•";
  ImGui::SetCursorScreenPos(ImVec2(p.x + 24 * scale_, p.y + (box_h - f.title->FontSize) / 2));
  text(items_, shown, f.title, pal_.text, width - 48 * scale_);
  keypad(env, d.owner_typed, false, p.y + box_h + 24 * scale_, width, digits ? digits : 12);
  ImGui::SetCursorScreenPos(ImVec2(x, ImGui::GetCursorScreenPos().y + 24 * scale_));
  const bool ready = d.owner_typed.size() >= (digits ? digits : 9);
  ButtonLook go{ready ? pal_.primary : pal_.muted, pal_.on_primary, f.title, true};
  if (button(items_, "##dossier-owner-go", std::string(icon::check) + "  " + tr(lang, Text::ViewDossier),
             ImVec2(width, 100 * scale_), go) &&
      ready && d.accept_owner_id(digits ? digits : 9))
    start_lookup(env);
}

void KioskUi::dossier_status(UiEnv& env, float top, float width) {
  const FontSet& f = fonts(env.session);
  const auto lang = env.session.language;
  auto& d = env.session.dossier();
  const ImGuiIO& io = ImGui::GetIO();
  const float x = (io.DisplaySize.x - width) / 2;
  const float nav_h = 110 * scale_, actions_h = 120 * scale_;
  const dossier::DossierStatus& st = *d.result;
  const auto today = dossier::today_local();
  const bool late = dossier::is_late(st, today);

  ImGui::SetCursorScreenPos(ImVec2(x, top));
  ImGui::BeginChild("dossier", ImVec2(width, io.DisplaySize.y - nav_h - actions_h - top - 16 * scale_), false,
                    ImGuiWindowFlags_NoScrollWithMouse);
  dossier_scroll_.update();
  const float tw = width - 40 * scale_;
  text(items_, st.procedure_name.empty() ? st.code : st.procedure_name, f.title, pal_.text, tw);
  text(items_, std::string(tr(lang, Text::DossierCode)) + ": " + st.code + "   ·   " + tr(lang, Text::Owner) + ": " +
                   dossier::mask_name(st.owner_name),
       f.body, pal_.muted, tw);
  ImGui::Dummy(ImVec2(1, 12 * scale_));
  // The status, in plain words, on a band coloured by whether it is late.
  const std::string status = dossier::status_words(st.status);
  const std::string badge = std::string(late ? icon::warning : icon::check) + "  " + tr(lang, late ? Text::Late : Text::OnTime);
  const float band_h = text_height(status, f.title, tw - 40 * scale_) + text_height(badge, f.heading, tw) + 48 * scale_;
  const ImVec2 b = ImGui::GetCursorScreenPos();
  ImGui::GetWindowDrawList()->AddRectFilled(b, ImVec2(b.x + tw, b.y + band_h), late ? pal_.accent : pal_.primary);
  ImGui::SetCursorScreenPos(ImVec2(b.x + 20 * scale_, b.y + 16 * scale_));
  text(items_, status, f.title, pal_.on_primary, tw - 40 * scale_);
  ImGui::SetCursorScreenPos(ImVec2(b.x + 20 * scale_, ImGui::GetCursorScreenPos().y + 4 * scale_));
  text(items_, badge, f.heading, pal_.on_primary, tw - 40 * scale_);
  ImGui::SetCursorScreenPos(ImVec2(b.x, b.y + band_h + 16 * scale_));
  text(items_, std::string(tr(lang, Text::NextStep)) + ":", f.heading, pal_.primary, tw);
  text(items_, dossier::next_step(st, today), f.heading, pal_.text, tw);
  ImGui::Dummy(ImVec2(1, 8 * scale_));
  if (st.received) text(items_, std::string(tr(lang, Text::Received)) + ": " + st.received->text(), f.body, pal_.text, tw);
  if (st.appointment)
    text(items_, std::string(tr(lang, Text::Appointment)) + ": " + st.appointment->text(), f.body, pal_.text, tw);
  if (!st.steps.empty()) {
    ImGui::Dummy(ImVec2(1, 12 * scale_));
    text(items_, tr(lang, Text::Timeline), f.heading, pal_.primary, tw);
    for (const auto& s : st.steps)
      text(items_, "• " + s.when + "   " + s.unit + (s.action.empty() ? "" : ": " + s.action), f.body, pal_.text, tw);
  }
  ImGui::Dummy(ImVec2(1, 24 * scale_));
  ImGui::EndChild();

  // Actions: print the status, another dossier.
  const float bw = (width - 32 * scale_) / 2, bh = 96 * scale_;
  const float ay = io.DisplaySize.y - nav_h - actions_h + (actions_h - bh) / 2;
  ButtonLook look{pal_.primary, pal_.on_primary, f.heading, true};
  ImGui::SetCursorScreenPos(ImVec2(x, ay));
  if (button(items_, "##dossier-other", std::string(icon::qrcode) + "  " + tr(lang, Text::OtherDossier), ImVec2(bw, bh), look)) {
    env.session.dossier() = {};
    return;
  }
  ImGui::SetCursorScreenPos(ImVec2(x + bw + 32 * scale_, ay));
  const printing::StatusSlipData slip = dossier::status_slip_data(st, today);
  const nlohmann::json center = center_;
  const printing::Paper paper = env.paper;
  print_.button(items_, env.printer, env.session, "slip:" + st.code, std::string(icon::print) + "  " + tr(lang, Text::PrintSlip),
                ImVec2(bw, bh), ButtonLook{pal_.accent, pal_.on_primary, f.heading, true}, [slip, center, paper] {
                  return PrintJob{"status-slip", "Tình trạng hồ sơ " + slip.dossier_code, [slip, center, paper] {
                                    return printing::render_pdf_bytes(printing::status_slip(slip, center, std::time(nullptr)),
                                                                      paper);
                                  }};
                });
}

void KioskUi::dossier(UiEnv& env) {
  header(env);
  const FontSet& f = fonts(env.session);
  const ImGuiIO& io = ImGui::GetIO();
  const auto lang = env.session.language;
  auto& d = env.session.dossier();
  const float top = 120 * scale_ + 40 * scale_;
  const float width = std::min(io.DisplaySize.x - 96 * scale_, 1400 * scale_);
  const float x = (io.DisplaySize.x - width) / 2;
  switch (d.stage) {
    case Stage::Scan: dossier_scan(env, top, width); break;
    case Stage::OwnerId: dossier_owner(env, top, width); break;
    case Stage::Looking:
      ImGui::SetCursorScreenPos(ImVec2(x, top + 200 * scale_));
      text(items_, tr(lang, Text::LookingUp), f.title, pal_.primary, width);
      if (!d.query.code.empty()) text(items_, d.query.code, f.heading, pal_.muted, width);
      break;
    case Stage::Shown:
      if (d.result) dossier_status(env, top - 16 * scale_, width);
      break;
    case Stage::Failed: {
      ImGui::SetCursorScreenPos(ImVec2(x, top + 120 * scale_));
      text(items_, std::string(icon::warning) + "  " + d.message, f.title, pal_.accent, width);
      ImGui::SetCursorScreenPos(ImVec2(x, ImGui::GetCursorScreenPos().y + 48 * scale_));
      ButtonLook look{pal_.primary, pal_.on_primary, f.heading, true};
      const bool can_retry = !d.query.code.empty() || !d.query.resolver_id.empty();
      if (can_retry && button(items_, "##dossier-retry", tr(lang, Text::Retry), ImVec2((width - 32 * scale_) / 2, 100 * scale_), look))
        start_lookup(env);
      if (can_retry) ImGui::SetCursorScreenPos(ImVec2(x + (width + 32 * scale_) / 2, ImGui::GetCursorScreenPos().y - 100 * scale_ - ImGui::GetStyle().ItemSpacing.y));
      if (button(items_, "##dossier-again", std::string(icon::qrcode) + "  " + tr(lang, Text::OtherDossier),
                 ImVec2((width - 32 * scale_) / 2, 100 * scale_), look))
        d = {};
      break;
    }
  }
  nav_bar(env);
  print_banner(env, io.DisplaySize.y - 110 * scale_);
}

}  // namespace kiosk::ui

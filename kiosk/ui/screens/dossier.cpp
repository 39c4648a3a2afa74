// The dossier screen: hold the slip to the scanner (or type its code), the owner's id digits when
// the slip lacks them, then where the dossier is. Nothing personal is shown unmasked.
#include <algorithm>
#include <ctime>

#include "content/procedure.hpp"
#include "model/actions.hpp"
#include "model/payment_actions.hpp"
#include "model/payment_receipt.hpp"
#include "model/rating_actions.hpp"
#include "model/kind_texts.hpp"
#include "model/secure_zero.hpp"
#include "model/status_slip.hpp"
#include "printing/documents.hpp"
#include "printing/pdf_layout.hpp"
#include "ui/chrome.hpp"
#include "ui/keypad.hpp"
#include "ui/print_panel.hpp"
#include "ui/screens/screens.hpp"
#include "ui/widgets.hpp"

namespace kiosk::ui {

namespace {

using app::DossierLookup;
using app::Text;
using Stage = DossierLookup::Stage;

std::string failure_words(const DossierLookup& d, app::Language lang) {
  if (const auto* k = std::get_if<dossier::SlipRefusal::Kind>(&d.failure)) return app::slip_refusal_words(*k, lang);
  if (const auto* k = std::get_if<dossier::LookupError::Kind>(&d.failure)) return app::lookup_error_words(*k, lang);
  return {};
}

class DossierScreen : public ScreenView {
 public:
  void draw(FrameContext& f) override {
    header(f);
    const Layout& l = f.layout;
    auto& d = f.session.dossier();
    const float top = l.content_top() + f.px(l.portrait ? 32 : 40);
    const float width = std::min(l.size.x - 2 * l.margin, f.px(1400));
    switch (d.stage) {
      case Stage::Scan: scan(f, top, width); break;
      case Stage::OwnerId: owner(f, top, width); break;
      case Stage::Looking: looking(f, top, width); break;
      case Stage::Shown:
        if (d.result) status(f, top - f.px(16), width);
        break;
      case Stage::Failed: failed(f, top, width); break;
    }
    nav_bar(f);
    print_banner(f, d.stage == Stage::Shown ? banner_bottom_ : l.content_bottom());
  }

  bool animating() const override { return scroll_.animating(); }

  std::optional<HomeTile> tile(const app::Services& s) const override {
    if (!s.dossier) return std::nullopt;
    return HomeTile{icon::qrcode, Text::TileDossier, Text::TileDossierHint, [](app::Session& session) {
                      session.dossier() = {};
                      session.go(app::Screen::Dossier);
                    }};
  }

 private:
  // A box showing what was typed (or a grey example when nothing was).
  static float entry_box(FrameContext& f, float x, float y, float width, const std::string& shown, const std::string& example) {
    const float box_h = f.px(96);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(ImVec2(x, y), ImVec2(x + width, y + box_h), f.pal.surface);
    dl->AddRect(ImVec2(x, y), ImVec2(x + width, y + box_h), f.pal.primary, 0, 0, 3 * f.layout.s);
    ImGui::SetCursorScreenPos(ImVec2(x + f.px(24), y + (box_h - f.fonts.title->FontSize) / 2));
    const bool empty = shown.empty();
    ImFont* font = text_width(empty ? example : shown, f.fonts.title) <= width - f.px(48) ? f.fonts.title : f.fonts.heading;
    text(f.items, empty ? example : shown, font, empty ? f.pal.muted : f.pal.text, width - f.px(48));
    return y + box_h;
  }

  // Keys shrink when the text is larger, so the action button stays above the bottom bar.
  static float key_height(const FrameContext& f, KeypadKind kind, float top, float room_below) {
    const float want = f.px(f.layout.portrait ? 110 : 92);
    const float rows = kind == KeypadKind::DossierCode ? 3.0f : 2.0f;  // with the delete/clear row
    const float fit = (room_below - top - f.px(24) * 2 - f.layout.action_h - (rows - 1) * f.px(12)) / rows;
    return std::max(f.px(56), std::min(want, fit));
  }

  void scan(FrameContext& f, float top, float width) {
    const Layout& l = f.layout;
    const FontSet& fs = f.fonts;
    auto& d = f.session.dossier();
    const float x = (l.size.x - width) / 2;
    // With a camera, what it sees, top right: the citizen can tell the slip is in view.
    float text_w = width;
    const Textures& t = f.textures;
    if (t.preview && t.preview_w > 0) {
      const float pw = f.px(l.portrait ? 300 : 360), ph = pw * static_cast<float>(t.preview_h) / static_cast<float>(t.preview_w);
      const ImVec2 p0(x + width - pw, top);
      ImGui::GetWindowDrawList()->AddImage(t.preview, p0, ImVec2(p0.x + pw, p0.y + ph));
      ImGui::GetWindowDrawList()->AddRect(p0, ImVec2(p0.x + pw, p0.y + ph), f.pal.primary, 0, 0, 3 * l.s);
      ImGui::SetCursorScreenPos(ImVec2(p0.x, p0.y + ph + f.px(4)));
      text(f.items, f.tr(Text::CameraView), fs.small, f.pal.muted, pw);
      text_w = width - pw - f.px(24);
    }
    // Where the scanner is: below the screen on the kiosks this is built for. The largest text on
    // a landscape screen has no room for a row of arrows: one ends the sentence instead.
    const bool arrows_row = l.text_size < 2 || l.portrait;
    ImGui::SetCursorScreenPos(ImVec2(x, top));
    text(f.items, std::string(icon::qrcode) + "  " + f.tr(Text::HoldSlip) + (arrows_row ? "" : std::string("  ") + icon::arrow_down),
         fs.title, f.pal.primary, text_w);
    if (arrows_row) {
      ImGui::SetCursorScreenPos(ImVec2(x, ImGui::GetCursorScreenPos().y + f.px(8)));
      text(f.items, std::string(icon::arrow_down) + "   " + icon::arrow_down + "   " + icon::arrow_down, fs.title, f.pal.primary,
           text_w);
    }
    ImGui::SetCursorScreenPos(ImVec2(x, ImGui::GetCursorScreenPos().y + f.px(arrows_row ? 40 : 16)));
    text(f.items, f.tr(Text::OrTypeCode), fs.heading, f.pal.text, width);
    const float box_bottom = entry_box(f, x, ImGui::GetCursorScreenPos().y + f.px(8), width, d.typed, "000.00.00.H00-yymmdd-0000");
    const float kp_top = box_bottom + f.px(24);
    const float key_h = key_height(f, KeypadKind::DossierCode, kp_top, l.content_bottom());
    keypad(f, KeypadKind::DossierCode, d.typed, kp_top, width, key_h, 40);
    ImGui::SetCursorScreenPos(ImVec2(x, ImGui::GetCursorScreenPos().y + f.px(12)));
    if (button(f.items, "##dossier-go", std::string(icon::search) + "  " + f.tr(Text::LookUp), ImVec2(width, l.action_h),
               ButtonLook{f.pal.primary, f.pal.on_primary, fs.title, true}) &&
        !d.typed.empty()) {
      const std::string code = d.typed;
      if (d.accept_payload(code, true)) app::start_lookup(f.session, f.services);
      d.typed = code;
    }
  }

  void owner(FrameContext& f, float top, float width) {
    const Layout& l = f.layout;
    const FontSet& fs = f.fonts;
    auto& d = f.session.dossier();
    const float x = (l.size.x - width) / 2;
    ImGui::SetCursorScreenPos(ImVec2(x, top));
    text(f.items, std::string(f.tr(Text::DossierCode)) + ": " + (d.query.code.empty() ? "—" : d.query.code), fs.heading,
         f.pal.text, width);
    const size_t digits = static_cast<size_t>(f.services.owner_id_digits);
    const std::string prompt =
        digits ? std::string(f.tr(Text::OwnerIdPrompt)) + " " + std::to_string(digits) : std::string(f.tr(Text::OwnerIdWhole));
    ImGui::SetCursorScreenPos(ImVec2(x, ImGui::GetCursorScreenPos().y + f.px(16)));
    text(f.items, prompt, fs.title, f.pal.primary, width);
    // Digits shown as dots once typed: someone may be looking over the citizen's shoulder.
    std::string shown;
    for (size_t i = 0; i < d.owner_typed.size(); ++i) shown += i + 1 == d.owner_typed.size() ? d.owner_typed.substr(i) : "•";
    const float box_bottom = entry_box(f, x, ImGui::GetCursorScreenPos().y + f.px(16), width, shown, "");
    const float kp_top = box_bottom + f.px(24);
    const float key_h = key_height(f, KeypadKind::Digits, kp_top, l.content_bottom());
    keypad(f, KeypadKind::Digits, d.owner_typed, kp_top, width, key_h, digits ? digits : 12);
    ImGui::SetCursorScreenPos(ImVec2(x, ImGui::GetCursorScreenPos().y + f.px(12)));
    const size_t need = digits ? digits : 9;
    const bool ready = d.owner_typed.size() >= need;
    if (button(f.items, "##dossier-owner-go", std::string(icon::check) + "  " + f.tr(Text::ViewDossier), ImVec2(width, l.action_h),
               ButtonLook{ready ? f.pal.primary : f.pal.muted, f.pal.on_primary, fs.title, true}) &&
        ready && d.accept_owner_id(need))
      app::start_lookup(f.session, f.services);
  }

  static void looking(FrameContext& f, float top, float width) {
    const auto& d = f.session.dossier();
    const float x = (f.layout.size.x - width) / 2;
    ImGui::SetCursorScreenPos(ImVec2(x, top + f.px(200)));
    text(f.items, f.tr(Text::LookingUp), f.fonts.title, f.pal.primary, width);
    if (!d.query.code.empty()) text(f.items, d.query.code, f.fonts.heading, f.pal.muted, width);
  }

  static void failed(FrameContext& f, float top, float width) {
    const FontSet& fs = f.fonts;
    auto& d = f.session.dossier();
    const float x = (f.layout.size.x - width) / 2;
    ImGui::SetCursorScreenPos(ImVec2(x, top + f.px(120)));
    text(f.items, std::string(icon::warning) + "  " + failure_words(d, f.lang()), fs.title, f.pal.accent, width);
    const float y = ImGui::GetCursorScreenPos().y + f.px(48);
    const ButtonLook look{f.pal.primary, f.pal.on_primary, fs.heading, true};
    const float bw = (width - f.px(32)) / 2;
    const bool can_retry = !d.query.code.empty() || !d.query.resolver_id.empty();
    // Not shown for this code and id: looking it up again with the same digits would say the same;
    // the citizen types the id again instead.
    const auto* lookup_failure = std::get_if<dossier::LookupError::Kind>(&d.failure);
    const bool retype = lookup_failure && *lookup_failure == dossier::LookupError::Kind::NotShown;
    if (can_retry) {
      ImGui::SetCursorScreenPos(ImVec2(x, y));
      if (button(f.items, "##dossier-retry", f.tr(retype ? Text::RetypeId : Text::Retry), ImVec2(bw, f.layout.action_h), look)) {
        if (retype) {
          d.query.owner_id.clear();
          app::secure_clear(d.owner_typed);
          d.failure = {};
          d.stage = Stage::OwnerId;
        } else {
          app::start_lookup(f.session, f.services);
        }
      }
    }
    ImGui::SetCursorScreenPos(ImVec2(can_retry ? x + bw + f.px(32) : x, y));
    if (button(f.items, "##dossier-again", std::string(icon::qrcode) + "  " + f.tr(Text::OtherDossier), ImVec2(bw, f.layout.action_h), look))
      d = {};
  }

  void status(FrameContext& f, float top, float width) {
    const Layout& l = f.layout;
    const FontSet& fs = f.fonts;
    auto& d = f.session.dossier();
    const auto lang = f.lang();
    const float x = (l.size.x - width) / 2;
    const float actions_h = l.action_h + f.px(20);
    const dossier::DossierStatus& st = *d.result;
    const auto today = dossier::today_local();
    const bool late = dossier::is_late(st, today);

    ImGui::SetCursorScreenPos(ImVec2(x, top));
    scroll_.begin("dossier", ImVec2(width, l.content_bottom() - actions_h - top - f.px(16)),
                  st.code + "\x1f" + std::to_string(f.session.generation()) + (l.large_text ? "L" : "N"));
    const float tw = width - f.px(40);
    text(f.items, st.procedure_name.empty() ? st.code : st.procedure_name, fs.title, f.pal.text, tw);
    text(f.items,
         std::string(f.tr(Text::DossierCode)) + ": " + st.code + "   ·   " + f.tr(Text::Owner) + ": " + st.owner_masked,
         fs.body, f.pal.muted, tw);
    ImGui::Dummy(ImVec2(1, f.px(12)));
    // The status, in plain words, on a band coloured by whether it is late.
    // Fees paid here (or at the counter) before the backend moved the dossier on: what the
    // citizen did is said, not the stale request to pay.
    const bool settled = st.status == dossier::Status::NeedsPayment && app::fees_settled(f.session, f.services);
    const std::string words = settled ? f.tr(Text::FeesPaidWaiting) : app::status_words(st.status, lang);
    const std::string badge = std::string(late ? icon::warning : icon::check) + "  " + f.tr(late ? Text::Late : Text::OnTime);
    const float band_h = text_height(words, fs.title, tw - f.px(40)) + text_height(badge, fs.heading, tw) + f.px(48);
    const ImVec2 b = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddRectFilled(b, ImVec2(b.x + tw, b.y + band_h), late ? f.pal.accent : f.pal.primary);
    ImGui::SetCursorScreenPos(ImVec2(b.x + f.px(20), b.y + f.px(16)));
    text(f.items, words, fs.title, f.pal.on_primary, tw - f.px(40));
    ImGui::SetCursorScreenPos(ImVec2(b.x + f.px(20), ImGui::GetCursorScreenPos().y + f.px(4)));
    text(f.items, badge, fs.heading, f.pal.on_primary, tw - f.px(40));
    ImGui::SetCursorScreenPos(ImVec2(b.x, b.y + band_h + f.px(16)));
    text(f.items, std::string(f.tr(Text::NextStep)) + ":", fs.heading, f.pal.primary, tw);
    dossier::NextStep next = dossier::next_step(st, today);
    if (settled) {
      next.kind = st.appointment ? dossier::NextStep::Kind::ComeBackOn : dossier::NextStep::Kind::InProgress;
      next.date = st.appointment;
    }
    text(f.items, app::next_step_words(next, lang), fs.heading, f.pal.text, tw);
    ImGui::Dummy(ImVec2(1, f.px(8)));
    fees(f, st, tw);
    officer(f, tw);
    if (st.received) text(f.items, std::string(f.tr(Text::Received)) + ": " + st.received->text(), fs.body, f.pal.text, tw);
    if (st.appointment) text(f.items, std::string(f.tr(Text::Appointment)) + ": " + st.appointment->text(), fs.body, f.pal.text, tw);
    if (!st.steps.empty()) {
      ImGui::Dummy(ImVec2(1, f.px(12)));
      text(f.items, f.tr(Text::Timeline), fs.heading, f.pal.primary, tw);
      for (const auto& s : st.steps)
        text(f.items, "• " + dossier::moment_text(s.when) + "   " + s.unit + (s.action.empty() ? "" : ": " + s.action), fs.body, f.pal.text, tw);
    }
    ImGui::Dummy(ImVec2(1, f.px(24)));
    scroll_.end();

    // Actions: another dossier, print the status, and pay the fees (or print their receipt).
    const bool can_pay = app::can_pay_here(f.session, f.services);
    const auto paid = app::paid_here(f.session, f.services);
    const bool third = can_pay || (paid && paid->receipt_no && f.services.printer);
    const float bw = third ? (width - 2 * f.px(24)) / 3 : (width - f.px(32)) / 2;
    const float step = bw + (third ? f.px(24) : f.px(32));
    const float ay = l.content_bottom() - actions_h + (actions_h - l.action_h) / 2;
    banner_bottom_ = ay - f.px(8);  // what became of a print press shows above the buttons
    ImGui::SetCursorScreenPos(ImVec2(x, ay));
    if (button(f.items, "##dossier-other", std::string(icon::qrcode) + "  " + f.tr(Text::OtherDossier), ImVec2(bw, l.action_h),
               ButtonLook{f.pal.primary, f.pal.on_primary, fs.heading, true})) {
      d = {};
      return;
    }
    ImGui::SetCursorScreenPos(ImVec2(x + step, ay));
    const printing::StatusSlipData slip = app::status_slip_data(st, today);
    const nlohmann::json center = f.center;
    const printing::Paper paper = f.services.paper;
    print_button(f, "slip:" + st.code, std::string(icon::print) + "  " + f.tr(Text::PrintSlip), ImVec2(bw, l.action_h),
                 ButtonLook{f.pal.accent, f.pal.on_primary, fs.heading, true}, [slip, center, paper] {
                   return PrintJob{"status-slip", "Tình trạng hồ sơ " + slip.dossier_code, [slip, center, paper] {
                                     return printing::render_pdf_bytes(printing::status_slip(slip, center, std::time(nullptr)), paper);
                                   }};
                 });
    if (!third) return;
    ImGui::SetCursorScreenPos(ImVec2(x + 2 * step, ay));
    const ButtonLook pay_look{f.pal.primary, f.pal.on_primary, fs.heading, true};
    if (can_pay) {
      const std::string label = std::string(icon::money) + "  " + f.tr(Text::PayFees) + ": " + content::format_vnd(st.fees_due->total);
      if (button(f.items, "##dossier-pay", label, ImVec2(bw, l.action_h), pay_look))
        app::start_payment(f.session, f.services);
      return;
    }
    // Paid at this kiosk: the receipt again. Marked a copy, unless this session's payment was
    // never printed (the citizen went back before it was confirmed).
    const auto& p = f.session.payment();
    const bool copy = !(p.dossier == st.code && !p.receipt_requested);
    const printing::ReceiptData data = app::receipt_data(*paid, copy, f.services.kiosk_name);
    const std::string no = *paid->receipt_no;
    if (print_button(f, "receipt:" + no, std::string(icon::print) + "  " + f.tr(Text::PrintReceipt), ImVec2(bw, l.action_h), pay_look,
                     [data, center, paper, no] {
                       return PrintJob{"receipt", "Biên nhận " + no, [data, center, paper] {
                                         return printing::render_pdf_bytes(printing::receipt(data, center, std::time(nullptr)), paper);
                                       }};
                     }))
      f.session.payment().receipt_requested = f.session.payment().dossier == st.code;
  }

  // Who received the dossier, and the door to rating them.
  static void officer(FrameContext& f, float tw) {
    const auto o = app::dossier_officer(f.session, f.services);
    if (!o) return;
    const FontSet& fs = f.fonts;
    const ImVec2 p = ImGui::GetCursorScreenPos();
    text(f.items, std::string(f.tr(Text::ReceivedBy)) + ": " + o->name, fs.body, f.pal.text, tw);
    if (!app::can_rate(f.services)) return;
    ImGui::SetCursorScreenPos(ImVec2(p.x, ImGui::GetCursorScreenPos().y + f.px(4)));
    const std::string label = std::string(icon::smile) + "  " + f.tr(Text::RateOfficer);
    const float bw = std::min(tw, text_width(label, fs.heading) + f.px(80));
    if (button(f.items, "##dossier-rate", label, ImVec2(bw, f.px(80)), ButtonLook{f.pal.surface, f.pal.primary, fs.heading, true, f.pal.primary}))
      app::start_rating_for_dossier(f.session, f.services);
    ImGui::Dummy(ImVec2(1, f.px(8)));
  }

  // What the dossier owes, or that it is paid.
  static void fees(FrameContext& f, const dossier::DossierStatus& st, float tw) {
    if (!st.fees_due || st.fees_due->total <= 0) return;
    const FontSet& fs = f.fonts;
    const auto paid = app::paid_here(f.session, f.services);
    if (st.fees_due->paid || paid) {
      std::string line = std::string(icon::check) + "  " + f.tr(Text::AlreadyPaid) + ": " + content::format_vnd(st.fees_due->total);
      if (paid && paid->receipt_no) line += "   ·   " + std::string(f.tr(Text::ReceiptNo)) + ": " + *paid->receipt_no;
      text(f.items, line, fs.heading, f.pal.primary, tw);
    } else {
      text(f.items, std::string(icon::money) + "  " + f.tr(Text::FeesDue) + ": " + content::format_vnd(st.fees_due->total), fs.heading,
           f.pal.accent, tw);
      for (const auto& i : st.fees_due->items)
        text(f.items,
             std::string("   • ") + f.tr(i.kind == dossier::FeeItem::Kind::LePhi ? Text::FeeLePhi : Text::FeePhi) + ": " + i.name + " — " +
                 content::format_vnd(i.amount),
             fs.body, f.pal.text, tw);
    }
    ImGui::Dummy(ImVec2(1, f.px(8)));
  }

  ScrollArea scroll_;
  float banner_bottom_ = 0;
};

}  // namespace

std::unique_ptr<ScreenView> make_dossier_screen() { return std::make_unique<DossierScreen>(); }

}  // namespace kiosk::ui

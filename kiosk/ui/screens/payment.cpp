// The payment screen: what the dossier owes, item by item, and a VietQR code to scan with any
// bank app; then the gateway's word (paid, short, expired) and the receipt, printed at once.
// The screen only shows what the payment worker's journal says: it never decides that money
// arrived.
#include <algorithm>
#include <ctime>

#include "content/procedure.hpp"
#include "model/payment_actions.hpp"
#include "model/payment_receipt.hpp"
#include "printing/documents.hpp"
#include "printing/pdf_layout.hpp"
#include "ui/chrome.hpp"
#include "ui/print_panel.hpp"
#include "ui/screens/screens.hpp"
#include "ui/widgets.hpp"
#include "vntext/number_words.hpp"

namespace kiosk::ui {

printing::PrintService::Render receipt_render(const payment::Entry& e, bool reprint, const app::Services& s,
                                              const nlohmann::json& center) {
  const printing::ReceiptData data = app::receipt_data(e, reprint, s.kiosk_name);
  const printing::Paper paper = s.paper;
  return [data, center, paper] { return printing::render_pdf_bytes(printing::receipt(data, center, std::time(nullptr)), paper); };
}

namespace {

using app::Text;
using Phase = payment::PaymentView::Phase;

Text problem_text(payment::PayProblem::Kind k) {
  using K = payment::PayProblem::Kind;
  switch (k) {
    case K::AlreadyPaid: return Text::AlreadyPaid;
    case K::Unreachable: return Text::PaymentUnreachable;
    case K::Unconfirmed: return Text::PaymentUnconfirmed;
    case K::Refused:
    case K::QrMismatch:
    case K::NotPayable: return Text::PaymentRefused;
  }
  return Text::PaymentRefused;
}

std::string mm_ss(int64_t seconds) {
  seconds = std::max<int64_t>(0, seconds);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", static_cast<int>(seconds / 60), static_cast<int>(seconds % 60));
  return buf;
}

// A label on the left and an amount on the right of one row.
void amount_row(FrameContext& f, const std::string& label, int64_t amount, ImFont* font, ImU32 color, float width) {
  const std::string money = content::format_vnd(amount);
  const float mw = text_width(money, font);
  const ImVec2 p = ImGui::GetCursorScreenPos();
  ImGui::SetCursorScreenPos(ImVec2(p.x + width - mw, p.y));
  text(f.items, money, font, color, mw + 1);
  const float right_bottom = ImGui::GetCursorScreenPos().y;
  ImGui::SetCursorScreenPos(p);
  text(f.items, label, font, color, width - mw - f.px(24));
  ImGui::SetCursorScreenPos(ImVec2(p.x, std::max(right_bottom, ImGui::GetCursorScreenPos().y) + f.px(6)));
}


class PaymentScreen : public ScreenView {
 public:
  void draw(FrameContext& f) override {
    header(f);
    const Layout& l = f.layout;
    const FontSet& fs = f.fonts;
    const auto v = app::shown_payment(f.session, f.services);
    const float width = std::min(l.content_w(), f.px(1500));
    const float x = (l.size.x - width) / 2;

    ImGui::SetCursorScreenPos(ImVec2(x, l.content_top() + f.px(l.portrait ? 24 : 28)));
    text(f.items, std::string(icon::money) + "  " + f.tr(Text::PaymentTitle), fs.title, f.pal.primary, width);
    if (const auto& d = f.session.dossier(); d.result) {
      ImGui::SetCursorScreenPos(ImVec2(x, ImGui::GetCursorScreenPos().y));
      const std::string what = d.result->procedure_name.empty() ? "" : d.result->procedure_name + "   ·   ";
      text(f.items, what + f.tr(Text::DossierCode) + ": " + d.result->code, fs.body, f.pal.muted, width);
    }
    const float top = ImGui::GetCursorScreenPos().y + f.px(20);

    const bool journal_ok = !f.services.payment || f.services.payment->health().journal_ok;
    const Phase phase = v ? v->phase : Phase::Starting;
    std::function<void(ImVec2)> action;
    switch (phase) {
      case Phase::Starting:
        message(f, x, top, width, journal_ok ? Text::PaymentStarting : Text::PaymentUnavailable, !journal_ok);
        break;
      case Phase::Waiting:
        if (v->entry) waiting(f, *v->entry, x, top, width);
        action = [&f](ImVec2 size) {
          if (button(f.items, "##pay-cancel", f.tr(Text::PaymentCancel), size,
                     ButtonLook{f.pal.surface, f.pal.accent, f.fonts.heading, true, f.pal.accent}))
            app::cancel_payment(f.session, f.services);
        };
        break;
      case Phase::Underpaid:
        if (v->entry) underpaid(f, *v->entry, x, top, width);
        break;
      case Phase::Paid:
        if (v->entry) {
          paid(f, *v->entry, x, top, width);
          auto& p = f.session.payment();
          if (!p.receipt_requested && v->entry->receipt_no) {
            // Printed once, on its own: the citizen need not find a button to get proof of paying.
            p.receipt_requested = true;
            const std::string no = *v->entry->receipt_no;
            const auto render = receipt_render(*v->entry, false, f.services, f.center);
            request_print(f, "receipt:" + no, [render, no] { return PrintJob{"receipt", "Biên nhận " + no, render}; });
          }
          const payment::Entry e = *v->entry;
          action = [&f, e](ImVec2 size) {
            print_button(f, "receipt:" + e.receipt_no.value_or(""), std::string(icon::print) + "  " + f.tr(Text::ReprintReceipt), size,
                         ButtonLook{f.pal.accent, f.pal.on_primary, f.fonts.heading, true}, [&f, e] {
                           return PrintJob{"receipt", "Biên nhận " + e.receipt_no.value_or("") + " (in lại)",
                                           receipt_render(e, true, f.services, f.center)};
                         });
          };
        }
        break;
      case Phase::Expired:
      case Phase::Cancelled:
        message(f, x, top, width, phase == Phase::Expired ? Text::PaymentExpired : Text::PaymentCancelled, false);
        action = new_code_action(f);
        break;
      case Phase::Problem: {
        const auto kind = v->problem ? v->problem->kind : payment::PayProblem::Kind::Refused;
        message(f, x, top, width, problem_text(kind), kind != payment::PayProblem::Kind::AlreadyPaid);
        if (kind == payment::PayProblem::Kind::Unconfirmed && v->entry) {
          // The counter finds the payment by its order code.
          ImGui::SetCursorScreenPos(ImVec2(x, ImGui::GetCursorScreenPos().y + f.px(24)));
          text(f.items, std::string(f.tr(Text::TransactionRef)) + ": " + v->entry->order_code, f.fonts.heading, f.pal.text, width);
        }
        if (kind == payment::PayProblem::Kind::Unreachable) action = new_code_action(f, Text::Retry);
        break;
      }
    }
    nav_bar(f, action);
    print_banner(f, l.content_bottom(static_cast<bool>(action)));
  }

  bool animating() const override { return scroll_.animating(); }

 private:
  static std::function<void(ImVec2)> new_code_action(FrameContext& f, Text label = Text::NewCode) {
    return [&f, label](ImVec2 size) {
      if (button(f.items, "##pay-again", std::string(icon::qrcode) + "  " + f.tr(label), size,
                 ButtonLook{f.pal.primary, f.pal.on_primary, f.fonts.heading, true}))
        app::restart_payment(f.session, f.services);
    };
  }

  static void message(FrameContext& f, float x, float top, float width, Text what, bool problem) {
    ImGui::SetCursorScreenPos(ImVec2(x, top + f.px(80)));
    const std::string lead = problem ? std::string(icon::warning) + "  " : std::string();
    text(f.items, lead + f.tr(what), f.fonts.title, problem ? f.pal.accent : f.pal.primary, width);
  }

  // What is owed and to whom: the fee lines, the total in digits and words, the account.
  void details(FrameContext& f, const payment::Entry& e, float width) {
    const FontSet& fs = f.fonts;
    for (const auto& i : e.items) {
      const char* kind = f.tr(i.kind == dossier::FeeItem::Kind::LePhi ? Text::FeeLePhi : Text::FeePhi);
      amount_row(f, std::string(kind) + ": " + i.name, i.amount, fs.body, f.pal.text, width);
    }
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddLine(p, ImVec2(p.x + width, p.y), f.pal.border, 2 * f.layout.s);
    ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + f.px(10)));
    amount_row(f, f.tr(Text::Total), e.amount, fs.title, f.pal.accent, width);
    if (f.lang() == app::Language::Vi) text(f.items, "(" + vntext::amount_words(e.amount) + ")", fs.body, f.pal.muted, width);
    ImGui::Dummy(ImVec2(1, f.px(16)));
    text(f.items, std::string(f.tr(Text::Payee)) + ": " + e.payee.name, fs.body, f.pal.text, width);
    text(f.items, std::string(f.tr(Text::Account)) + ": " + e.payee.account, fs.body, f.pal.text, width);
  }

  void waiting(FrameContext& f, const payment::Entry& e, float x, float top, float width) {
    const Layout& l = f.layout;
    const FontSet& fs = f.fonts;
    const float bottom = l.content_bottom(true) - f.px(16);
    const int64_t left = e.expires_at - static_cast<int64_t>(std::time(nullptr));
    const std::string countdown = std::string(icon::clock) + "  " + f.tr(Text::TimeLeft) + ": " + mm_ss(left);
    const std::string instruction = std::string(icon::mobile) + "  " + f.tr(Text::ScanToPay);
    int modules = 0;
    const ImTextureID qr = f.textures.qr ? f.textures.qr(e.qr, &modules) : nullptr;

    // The code as large as the room allows, at whole pixels a module so that every phone reads it.
    const float under = f.px(12) + fs.heading->FontSize * 1.3f;
    float room;
    float qx, qy, dx, dy, dw;
    if (l.portrait) {
      const float instr_h = text_height(instruction, fs.title, width);
      room = std::min(width * 0.62f, (bottom - top) * 0.55f - instr_h - under);
      qy = top + instr_h + f.px(12);
      dx = x, dw = width;
      dy = qy + room + under + f.px(24);
      qx = x + (width - room) / 2;
    } else {
      room = std::min(width * 0.42f, bottom - top - under);
      dw = width - room - f.px(48);
      qx = x + width - room;
      qy = top;
      dx = x, dy = top;
    }
    float side = room;
    if (qr && modules > 0) {
      const float module_px = std::max(1.0f, std::floor(room / static_cast<float>(modules)));
      side = module_px * static_cast<float>(modules);
      qx += (room - side) / 2;
      ImGui::GetWindowDrawList()->AddImage(qr, ImVec2(qx, qy), ImVec2(qx + side, qy + side));
      ImGui::GetWindowDrawList()->AddRect(ImVec2(qx - 2, qy - 2), ImVec2(qx + side + 2, qy + side + 2), f.pal.primary, 0, 0, 3 * l.s);
    } else {
      ImGui::SetCursorScreenPos(ImVec2(qx, qy + side / 2));
      text(f.items, f.tr(Text::PaymentUnavailable), fs.heading, f.pal.accent, side);
    }
    // Red in the last minute: time to hurry, or to make a new code.
    ImGui::SetCursorScreenPos(ImVec2(qx, qy + side + f.px(12)));
    text(f.items, countdown, fs.heading, left < 60 ? f.pal.accent : f.pal.text, std::max(side, f.px(420)));

    if (l.portrait) {
      ImGui::SetCursorScreenPos(ImVec2(x, top));
      text(f.items, instruction, fs.title, f.pal.primary, width);
    }
    ImGui::SetCursorScreenPos(ImVec2(dx, dy));
    scroll_.begin("payment-details", ImVec2(dw, bottom - dy), e.order_code + (l.large_text ? "L" : "N"));
    const float tw = dw - f.px(40);
    if (!l.portrait) {
      text(f.items, instruction, fs.title, f.pal.primary, tw);
      ImGui::Dummy(ImVec2(1, f.px(16)));
    }
    details(f, e, tw);
    scroll_.end();
  }

  void underpaid(FrameContext& f, const payment::Entry& e, float x, float top, float width) {
    ImGui::SetCursorScreenPos(ImVec2(x, top));
    scroll_.begin("payment-short", ImVec2(width, f.layout.content_bottom() - top - f.px(16)), e.order_code + "short");
    const float tw = width - f.px(40);
    text(f.items, std::string(icon::warning) + "  " + f.tr(Text::PaymentUnderpaidHelp), f.fonts.title, f.pal.accent, tw);
    ImGui::Dummy(ImVec2(1, f.px(16)));
    amount_row(f, f.tr(Text::AmountReceived), e.amount_paid, f.fonts.heading, f.pal.text, tw);
    amount_row(f, f.tr(Text::StillToPay), e.amount - e.amount_paid, f.fonts.title, f.pal.accent, tw);
    ImGui::Dummy(ImVec2(1, f.px(16)));
    details(f, e, tw);
    scroll_.end();
  }

  void paid(FrameContext& f, const payment::Entry& e, float x, float top, float width) {
    const FontSet& fs = f.fonts;
    ImGui::SetCursorScreenPos(ImVec2(x, top));
    scroll_.begin("payment-paid", ImVec2(width, f.layout.content_bottom(true) - top - f.px(16)), e.order_code + "paid");
    const float tw = width - f.px(40);
    text(f.items, std::string(icon::check) + "  " + f.tr(Text::PaymentPaid), fs.title, f.pal.primary, tw);
    ImGui::Dummy(ImVec2(1, f.px(12)));
    amount_row(f, f.tr(Text::AlreadyPaid), e.amount_paid ? e.amount_paid : e.amount, fs.title, f.pal.text, tw);
    if (e.receipt_no) text(f.items, std::string(f.tr(Text::ReceiptNo)) + ": " + *e.receipt_no, fs.heading, f.pal.text, tw);
    if (!e.bank_ref.empty()) text(f.items, std::string(f.tr(Text::TransactionRef)) + ": " + e.bank_ref, fs.body, f.pal.muted, tw);
    ImGui::Dummy(ImVec2(1, f.px(16)));
    details(f, e, tw);
    scroll_.end();
  }

  ScrollArea scroll_;
};

}  // namespace

std::unique_ptr<ScreenView> make_payment_screen() { return std::make_unique<PaymentScreen>(); }

}  // namespace kiosk::ui

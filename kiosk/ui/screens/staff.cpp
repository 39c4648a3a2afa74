// The staff screen, behind five taps in the top-left corner and the PIN: reload the content,
// restart the kiosk; today's ratings and their backlog; the health report (model/health.hpp). Wrong PINs are counted by the StaffGate, which locks the pad for a while.
#include <algorithm>
#include <ctime>

#include "common/pin_hash.hpp"
#include "content/procedure.hpp"
#include "model/secure_zero.hpp"
#include "printing/documents.hpp"
#include "printing/pdf_layout.hpp"
#include "ui/chrome.hpp"
#include "ui/print_panel.hpp"
#include "ui/screens/screens.hpp"
#include "ui/widgets.hpp"

namespace kiosk::ui {

namespace {

using app::Text;

class StaffScreen : public ScreenView {
 public:
  void draw(FrameContext& f) override {
    header(f);
    const Layout& l = f.layout;
    const FontSet& fs = f.all_fonts.normal;
    auto& st = f.session.staff();
    const float w = std::min(f.px(700), l.content_w());
    // Open: the actions on the left, the health report beside them (below them in portrait).
    const bool beside = !st.pin_entry && !l.portrait;
    const float x0 = beside ? (l.size.x - 2 * w - f.px(60)) * 0.5f : (l.size.x - w) * 0.5f;
    const float top = l.content_top() + f.px(60);
    ImGui::SetCursorScreenPos(ImVec2(x0, top));
    // Open in portrait, the one column runs down the screen: "Đóng" sits beside the title.
    const bool close_on_top = !st.pin_entry && l.portrait;
    const ImVec2 size = close_on_top ? ImVec2(f.px(200), f.px(80)) : ImVec2(w, f.px(100));
    text(f.items, f.tr(Text::StaffTitle), fs.title, f.pal.text, close_on_top ? w - size.x - f.px(20) : w);
    const ButtonLook look{f.pal.primary, f.pal.on_primary, fs.heading, true};
    const ImVec2 action(w, f.px(72));
    const float gap = f.px(12);
    if (st.pin_entry) {
      pin_pad(f, x0, w);
    } else {
      if (!st.notice.empty()) {
        ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y + f.px(4)));
        const std::string mark = std::string(st.notice_bad ? icon::warning : icon::check) + "  ";
        text(f.items, mark + st.notice, fs.body, st.notice_bad ? f.pal.accent : f.pal.text, w);
      }
      ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y + f.px(20)));
      if (button(f.items, "##reload", f.tr(Text::StaffReload), action, look)) f.requests.reload = true;
      ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y + gap));
      if (button(f.items, "##rollback", f.tr(Text::StaffRollback), action, look)) f.requests.rollback = true;
      ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y + gap));
      const nlohmann::json center = f.center;
      const printing::Paper paper = f.services.paper;
      print_button(f, "staff:test-page", f.tr(Text::StaffTestPage), action, look, [center, paper] {
        return PrintJob{"test-page", "Trang thử", [center, paper] {
                          return printing::render_pdf_bytes(printing::test_page(center, "", std::time(nullptr)), paper);
                        }};
      });
      ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y + gap));
      // There is no desktop behind the kiosk: leaving it is a restart (the service starts it again).
      if (button(f.items, "##exit", f.tr(Text::StaffExit), action, ButtonLook{f.pal.accent, f.pal.on_primary, fs.heading, true}))
        f.requests.quit = true;
      ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y + gap));
      reboot(f, x0, w, action);
      // Beside the actions (below them in portrait): how the kiosk is, then its ratings and receipts.
      const float x1 = beside ? x0 + w + f.px(60) : x0;
      if (beside) ImGui::SetCursorScreenPos(ImVec2(x1, top - f.px(24)));
      health(f, x1, w);
      ratings(f, x1, w);
      receipts(f, x1, w);
    }
    print_banner(f, l.size.y);
    ImGui::SetCursorScreenPos(close_on_top ? ImVec2(x0 + w - size.x, top - f.px(12)) : ImVec2(x0, l.size.y - f.px(200)));
    if (button(f.items, "##close", f.tr(Text::StaffClose), size, ButtonLook{f.pal.surface, f.pal.text, fs.heading, true, f.pal.border})) {
      st.pin_entry = false;
      app::secure_clear(st.pin);
      f.session.home();
    }
  }

 private:
  // The health report, a line a check; what is wrong in the warning colour.
  static void health(FrameContext& f, float x0, float w) {
    const auto& report = f.session.staff().health;
    const FontSet& fs = f.all_fonts.normal;
    ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y + f.px(24)));
    if (!report) {
      if (f.services.health) text(f.items, f.tr(Text::StaffChecking), fs.small, f.pal.muted, w);
      return;
    }
    using Level = app::HealthCheck::Level;
    for (const auto& c : *report) {
      const std::string mark = std::string(c.level == Level::Ok ? icon::check : c.level == Level::Off ? "–" : icon::warning) + "  ";
      const ImU32 color = c.level == Level::Warn || c.level == Level::Fail ? f.pal.accent : c.level == Level::Off ? f.pal.muted : f.pal.text;
      ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y + f.px(2)));
      text(f.items, mark + c.label + ": " + c.detail, fs.small, color, w);
      for (const auto& line : c.lines) {
        ImGui::SetCursorScreenPos(ImVec2(x0 + f.px(28), ImGui::GetCursorScreenPos().y));
        text(f.items, line, fs.small, f.pal.muted, w - f.px(28));
      }
    }
  }

  // Rebooting the PC asks once more: it takes the kiosk away for a minute or two.
  static void reboot(FrameContext& f, float x0, float w, ImVec2 action) {
    const FontSet& fs = f.all_fonts.normal;
    using Reboot = app::StaffSlice::Reboot;
    auto& state = f.session.staff().reboot;
    const ButtonLook danger{f.pal.accent, f.pal.on_primary, fs.heading, true};
    if (state != Reboot::Confirming) {
      if (state != Reboot::Asked && button(f.items, "##reboot", f.tr(Text::StaffReboot), action, danger)) state = Reboot::Confirming;
      ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y + f.px(4)));
      if (state == Reboot::Asked) text(f.items, f.tr(Text::StaffRebooting), fs.heading, f.pal.text, w);
      if (state == Reboot::Failed) text(f.items, f.tr(Text::StaffRebootFailed), fs.body, f.pal.accent, w);
      return;
    }
    text(f.items, f.tr(Text::StaffRebootConfirm), fs.body, f.pal.text, w);
    const float gap = f.px(16), half = (w - gap) / 2;
    const float y = ImGui::GetCursorScreenPos().y + f.px(8);
    ImGui::SetCursorScreenPos(ImVec2(x0, y));
    if (button(f.items, "##reboot-yes", f.tr(Text::StaffRebootYes), ImVec2(half, action.y), danger)) f.requests.reboot = true;
    ImGui::SetCursorScreenPos(ImVec2(x0 + half + gap, y));
    if (button(f.items, "##reboot-no", f.tr(Text::StaffRebootNo), ImVec2(half, action.y),
               ButtonLook{f.pal.surface, f.pal.text, fs.heading, true, f.pal.border}))
      state = Reboot::None;
    ImGui::SetCursorScreenPos(ImVec2(x0, y + action.y));
  }

  // The latest receipts this kiosk gave, each reprinted with a touch (marked as a reprint).
  static void receipts(FrameContext& f, float x0, float w) {
    if (!f.services.payment) return;
    const FontSet& fs = f.all_fonts.normal;
    // As many as fit above the print banner (up to three); older ones: kioskctl payment reprint.
    const float row = f.px(72), top = ImGui::GetCursorScreenPos().y + f.px(20);
    const float room = f.layout.size.y - f.px(100) - top - fs.body->FontSize * 1.5f;
    const auto fit = static_cast<size_t>(std::clamp(room / row, 0.0f, 3.0f));
    const auto recent = f.services.payment->recent_receipts(fit);
    if (recent.empty()) return;
    ImGui::SetCursorScreenPos(ImVec2(x0, top));
    text(f.items, f.tr(Text::StaffReceipts), fs.body, f.pal.muted, w);
    const ButtonLook look{f.pal.surface, f.pal.primary, fs.body, true, f.pal.border};
    for (const auto& e : recent) {
      std::tm tm{};
      const std::time_t at = static_cast<std::time_t>(e.paid_at);
      localtime_r(&at, &tm);
      char when[32];
      std::strftime(when, sizeof when, "%d/%m %H:%M", &tm);
      const std::string no = *e.receipt_no;
      const std::string label = std::string(icon::print) + "  " + f.tr(Text::StaffReprint) + " " + no + " · " +
                                content::format_vnd(e.amount) + " · " + when;
      ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y + f.px(8)));
      const app::Services& services = f.services;
      const nlohmann::json center = f.center;
      print_button(f, "staff:receipt:" + no, label, ImVec2(w, f.px(64)), look, [e, &services, center] {
        return PrintJob{"receipt", "Biên nhận " + *e.receipt_no + " (in lại)", receipt_render(e, true, services, center)};
      });
    }
  }

  // Today's ratings and what still waits to reach the backend.
  static void ratings(FrameContext& f, float x0, float w) {
    if (!f.services.ratings) return;
    const FontSet& fs = f.all_fonts.normal;
    try {
      const auto today = f.services.ratings->today(static_cast<int64_t>(std::time(nullptr)));
      const size_t waiting = f.services.ratings->backlog();
      ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y + f.px(24)));
      std::string line = std::string(f.tr(Text::RatingsToday)) + ": " + std::to_string(today.total()) + " (" + f.tr(Text::VerySatisfied) + " " +
                         std::to_string(today.rat_hai_long) + ", " + f.tr(Text::Satisfied) + " " + std::to_string(today.hai_long) + ", " +
                         f.tr(Text::NotSatisfied) + " " + std::to_string(today.khong_hai_long) + ")";
      if (today.flagged) line += " + " + std::to_string(today.flagged) + " (!)";
      text(f.items, line, fs.body, f.pal.text, w);
      ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y));
      text(f.items, std::string(f.tr(Text::RatingsWaiting)) + ": " + std::to_string(waiting), fs.body, waiting ? f.pal.accent : f.pal.text, w);
    } catch (const std::exception&) {
      // The state database unreadable: the staff screen still opens.
    }
  }

  static void pin_pad(FrameContext& f, float x0, float w) {
    const FontSet& fs = f.all_fonts.normal;
    auto& st = f.session.staff();
    auto* gate = f.services.staff_gate.get();
    text(f.items, std::string(f.tr(Text::StaffPin)) + ": " + std::string(st.pin.size(), '*'), fs.heading, f.pal.text, w);
    const int locked = gate ? gate->locked_seconds(f.now) : 0;
    if (locked > 0)
      text(f.items, std::string(f.tr(Text::StaffLocked)) + " " + std::to_string(locked), fs.heading, f.pal.accent, w);
    else if (st.wrong)
      text(f.items, f.tr(Text::StaffWrongPin), fs.heading, f.pal.accent, w);
    const float gap = f.px(20);
    const float kw = (w - 2 * gap) / 3, kh = f.px(90);
    static const char* const keys[] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "OK"};
    const float y0 = ImGui::GetCursorScreenPos().y + f.px(10);
    for (int i = 0; i < 12; ++i) {
      ImGui::SetCursorScreenPos(ImVec2(x0 + static_cast<float>(i % 3) * (kw + gap), y0 + static_cast<float>(i / 3) * (kh + f.px(16))));
      if (!button(f.items, ("##pin" + std::to_string(i)).c_str(), keys[i], ImVec2(kw, kh),
                  ButtonLook{f.pal.key, f.pal.text, fs.title, true, f.pal.border}, true))
        continue;
      const std::string k = keys[i];
      if (k == "⌫") {
        if (!st.pin.empty()) st.pin.pop_back();
      } else if (k == "OK") {
        const auto outcome = gate ? gate->try_pin(st.pin, f.now) : app::StaffGate::Outcome::Wrong;
        st.wrong = outcome != app::StaffGate::Outcome::Open;
        st.pin_entry = st.wrong;
        app::secure_clear(st.pin);
        if (!st.wrong && f.services.health) {
          st.health.reset();
          st.health_asked = f.services.health->request(0);
        }
      } else if (st.pin.size() < pin::kMaxDigits) {
        st.pin += k;
      }
    }
  }
};

}  // namespace

std::unique_ptr<ScreenView> make_staff_screen() { return std::make_unique<StaffScreen>(); }

void staff_gesture(FrameContext& f) {
  if (!f.services.staff_gate) return;  // no PIN configured: no staff access from the screen
  const ImGuiIO& io = ImGui::GetIO();
  if (!ImGui::IsMouseReleased(0) || io.MousePos.x >= f.px(100) || io.MousePos.y >= f.px(100)) return;
  auto& taps = f.session.staff().corner_taps;
  taps.push_back(f.now);
  std::erase_if(taps, [&](app::Clock::time_point t) { return f.now - t > std::chrono::seconds(3); });
  if (taps.size() < 5) return;
  taps.clear();
  auto& st = f.session.staff();
  st.pin_entry = true;
  app::secure_clear(st.pin);
  st.wrong = false;
  f.session.go(app::Screen::Staff);
}

}  // namespace kiosk::ui

// The queue screen: a number (số thứ tự) from the center's queue server. From the home tile the
// citizen picks the counter (priority is one more touch, never the default); from a procedure
// the number is asked at once for its counter. The number is shown very large with its counters
// and how many wait, and printed at once; a number issued but not printed stays here with "In
// lại" until the citizen leaves. Nothing here makes a number up: no answer, no number.
#include <algorithm>

#include "model/queue_actions.hpp"
#include "printing/documents.hpp"
#include "printing/pdf_layout.hpp"
#include "queue/answers.hpp"
#include "ui/cards.hpp"
#include "ui/chrome.hpp"
#include "ui/print_panel.hpp"
#include "ui/screens/screens.hpp"
#include "ui/widgets.hpp"

namespace kiosk::ui {

namespace {

using app::Text;
using Stage = app::QueueSlice::Stage;
using Origin = app::QueueSlice::Origin;

Text priority_text(queue::Priority p) {
  switch (p) {
    case queue::Priority::Elderly: return Text::PriorityElderly;
    case queue::Priority::Disabled: return Text::PriorityDisabled;
    case queue::Priority::Pregnant: return Text::PriorityPregnant;
    case queue::Priority::YoungChild: return Text::PriorityChild;
    case queue::Priority::None: break;
  }
  return Text::PriorityNone;
}

std::string joined(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

// The printed ticket: always in Vietnamese, whatever the screen's language.
PrintJob ticket_job(const app::QueueSlice& q, const app::Services& svc, const nlohmann::json& center) {
  const queue::Ticket& t = *q.ticket;
  printing::QueueTicketData d;
  d.number = t.number;
  if (const auto* s = app::queue_service(svc, t.service)) {
    d.service = s->name;
    d.agency = s->agency;
  }
  d.counters = joined(t.counters);
  d.procedure = q.procedure_name;
  if (q.priority != queue::Priority::None) d.priority = app::tr(app::Language::Vi, priority_text(q.priority));
  d.waiting_ahead = t.ahead_known ? t.waiting_ahead : -1;
  d.wait_minutes = t.estimated_wait_minutes;
  d.issued_at = queue::issued_at_words(t.issued_at);
  d.kiosk = svc.kiosk_name;
  d.qr_payload = queue::ticket_qr_payload(t);
  const printing::Paper paper = svc.paper;
  return PrintJob{"queue-ticket", "Số thứ tự " + t.number,
                  [d, center, paper] { return printing::render_pdf_bytes(printing::queue_ticket(d, center), paper); }};
}

// One print per ticket: a tap's key, or the ticket's id for one looked up by its QR.
std::string print_key(const app::QueueSlice& q) { return "queue:" + (q.tap.empty() && q.ticket ? "ticket-" + q.ticket->id : q.tap); }

class QueueScreen : public ScreenView {
 public:
  void draw(FrameContext& f) override {
    header(f);
    auto& q = f.session.queue();
    const Layout& l = f.layout;
    const float width = std::min(l.content_w(), f.px(1500));
    const float x = (l.size.x - width) / 2;
    const float top = l.content_top() + f.px(l.portrait ? 24 : 28);
    std::function<void(ImVec2)> action;
    switch (q.stage) {
      case Stage::Services:
        services(f, x, top, width);
        break;
      case Stage::Taking:
        message(f, x, top, width,
                q.origin == Origin::CheckIn ? Text::CheckingIn : q.origin == Origin::Lookup ? Text::LookingUpTicket : Text::TakingNumber, false);
        break;
      case Stage::Ticket:
        ticket(f, x, top, width);
        // A citizen who has listened hears the number, the counter and the wait without asking.
        if (!q.announced && f.session.reading().used) {
          q.announced = true;
          f.requests.listen = true;
        }
        if (f.services.printer)
          action = [&f](ImVec2 size) {
            print_button(f, print_key(f.session.queue()), std::string(icon::print) + "  " + f.tr(Text::ReprintTicket), size,
                         ButtonLook{f.pal.accent, f.pal.on_primary, f.fonts.heading, true},
                         [&f] { return ticket_job(f.session.queue(), f.services, f.center); });
          };
        break;
      case Stage::Failed: {
        const bool refused = q.failure && *q.failure == queue::QueueError::Kind::Refused;
        const Text why = q.no_printer                    ? Text::QueueNoPrinter
                         : q.origin == Origin::Lookup    ? Text::TicketNotFound
                         : q.origin == Origin::CheckIn   ? (refused ? Text::CheckInRefused : Text::QueueFailed)
                         : refused                       ? Text::QueueClosed
                                                         : Text::QueueFailed;
        message(f, x, top, width, why, true);
        // A booking refused (another day, a wrong code) is refused again: no "Thử lại".
        if (!q.no_printer && !(q.origin == Origin::CheckIn && refused))
          action = [&f](ImVec2 size) {
            if (button(f.items, "queue-retry", std::string(icon::repeat) + "  " + f.tr(Text::Retry), size,
                       ButtonLook{f.pal.accent, f.pal.on_primary, f.fonts.heading, true}))
              app::retry_number(f.session, f.services);
          };
        break;
      }
    }
    nav_bar(f, action);
    print_banner(f, l.content_bottom(static_cast<bool>(action)));
  }

  bool animating() const override { return scroll_.animating(); }

  std::optional<HomeTile> tile(const app::Services& s) const override {
    if (!app::can_take_numbers(s)) return std::nullopt;
    return HomeTile{icon::hand, Text::TileQueue, Text::TileQueueHint, [](app::Session& session) { app::open_queue(session); }};
  }

 private:
  static void message(FrameContext& f, float x, float top, float width, Text what, bool problem) {
    ImGui::SetCursorScreenPos(ImVec2(x, top + f.px(140)));
    const std::string lead = problem ? std::string(icon::warning) + "  " : std::string();
    text(f.items, lead + f.tr(what), f.fonts.title, problem ? f.pal.accent : f.pal.primary, width);
  }

  // The counters the server issues numbers for; the priority choice above them.
  void services(FrameContext& f, float x, float top, float width) {
    auto& q = f.session.queue();
    if (!f.services.queue) return;  // only the tile opens this screen, and only with a queue server
    if (!q.list_asked) {
      // Read again when the screen opens: counters open and close during the day.
      f.services.queue->request(app::QueueAsk{});
      q.list_asked = true;
    }
    screen_title(f, x, top, width, std::string(icon::hand) + "  " + f.tr(Text::PickService));
    float y = ImGui::GetCursorScreenPos().y + f.px(16);
    const auto& list = f.services.queue_services;
    if (!list) {
      ImGui::SetCursorScreenPos(ImVec2(x, y + f.px(40)));
      text(f.items, f.tr(f.services.queue_list_failed ? Text::ServicesUnavailable : Text::LoadingServices), f.fonts.heading,
           f.pal.text, width);
      return;
    }
    const auto below = priority_row(f, x, y, width);
    if (!below) return;  // choosing a category: the list comes once one is chosen
    y = *below;
    std::vector<const queue::Service*> shown;
    for (const auto& s : list->services)
      if (q.priority == queue::Priority::None || s.priority) shown.push_back(&s);
    if (shown.empty()) {
      ImGui::SetCursorScreenPos(ImVec2(x, y + f.px(40)));
      text(f.items, f.tr(Text::ServicesUnavailable), f.fonts.heading, f.pal.text, width);
      return;
    }
    // A center with many counters, or the largest text: the cards scroll under a finger.
    const float bottom = f.layout.content_bottom() - f.px(16);
    ImGui::SetCursorScreenPos(ImVec2(x, y));
    scroll_.begin("queue-services", ImVec2(width, bottom - y),
                  std::string(queue::priority_id(q.priority)) + "\x1f" + std::to_string(f.session.text_size()));
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float inset = f.px(4);  // the cards' borders inside the scrolling area's clip
    float end_y = origin.y;
    const auto tapped = card_grid(
        f, "service", shown.size(), origin.x + inset, origin.y + inset, width - f.px(32) - inset, origin.y + (bottom - y) - inset,
        [&](size_t i) {
          const auto& s = *shown[i];
          return std::pair{s.name, std::string(f.tr(Text::GoToCounter)) + " " + joined(s.counters) + (s.agency.empty() ? "" : " · " + s.agency)};
        },
        std::nullopt, {}, &end_y);
    ImGui::SetCursorScreenPos(origin);
    ImGui::Dummy(ImVec2(width - f.px(32), end_y - origin.y + f.px(8)));
    scroll_.end();
    if (tapped) app::take_number(f.session, f.services, shown[*tapped]->id, nullptr);
  }

  // "Tôi thuộc diện ưu tiên", then the center's categories on their own (one more touch, never
  // preselected), then the one chosen above the list, tapped again to change it. Returns where
  // the list goes, or nullopt while a category is being chosen.
  static std::optional<float> priority_row(FrameContext& f, float x, float y, float width) {
    auto& q = f.session.queue();
    const auto& ids = f.services.queue_map.priorities;
    if (ids.empty()) return y;
    const ButtonLook plain{f.pal.surface, f.pal.text, f.fonts.heading, true, f.pal.primary};
    const ButtonLook chosen{f.pal.primary, f.pal.on_primary, f.fonts.heading, true};
    const float h = f.px(f.layout.large_text ? 110 : 88);
    auto one = [&](const char* id, const std::string& label, const ButtonLook& look) {
      ImGui::SetCursorScreenPos(ImVec2(x, y));
      return button(f.items, id, label, ImVec2(std::min(width, text_width(label, look.font) + f.px(80)), h), look);
    };
    if (q.priority != queue::Priority::None) {
      const std::string label = std::string(icon::check) + "  " + f.tr(Text::PriorityChosen) + ": " + f.tr(priority_text(q.priority));
      if (one("priority-chosen", label, chosen)) q.priority = queue::Priority::None;  // back to choosing
      return y + h + f.px(20);
    }
    if (!q.choosing_priority) {
      if (one("priority-ask", f.tr(Text::PriorityAsk), plain)) q.choosing_priority = true;
      return y + h + f.px(20);
    }
    std::vector<queue::Priority> options;
    for (const auto& id : ids)
      if (const auto p = queue::priority_from_id(id)) options.push_back(*p);
    options.push_back(queue::Priority::None);  // "Không ưu tiên": back to the list
    // As many across as the longest label allows at this text size (two at most in portrait).
    const float gap = f.px(20);
    float widest = 0;
    for (const auto o : options) widest = std::max(widest, text_width(f.tr(priority_text(o)), f.fonts.heading));
    const size_t fit = static_cast<size_t>(std::max(1.0f, (width + gap) / (widest + f.px(64) + gap)));
    const size_t cols = std::min({options.size(), fit, f.layout.portrait ? size_t{1} : size_t{2}});
    const float bw = (width - gap * static_cast<float>(cols - 1)) / static_cast<float>(cols);
    const float bh = std::max(h, f.px(f.layout.large_text ? 140 : 120));
    for (size_t i = 0; i < options.size(); ++i) {
      ImGui::SetCursorScreenPos(ImVec2(x + static_cast<float>(i % cols) * (bw + gap), y + static_cast<float>(i / cols) * (bh + gap)));
      if (button(f.items, ("priority:" + std::to_string(i)).c_str(), f.tr(priority_text(options[i])), ImVec2(bw, bh), plain)) {
        q.priority = options[i];
        q.choosing_priority = false;
      }
    }
    return std::nullopt;
  }

  // The number as large as the screen allows, then where and how long.
  static void ticket(FrameContext& f, float x, float top, float width) {
    auto& q = f.session.queue();
    const queue::Ticket& t = *q.ticket;
    const Layout& l = f.layout;
    const FontSet& fs = f.fonts;
    if (!q.printed && f.services.printer) {
      // Printed at once; the banner says what became of it, "In lại" stays below.
      q.printed = true;
      const PrintJob job = ticket_job(q, f.services, f.center);
      request_print(f, print_key(q), [job] { return job; });
    }
    ImGui::SetCursorScreenPos(ImVec2(x, top));
    text(f.items, f.tr(Text::YourNumber), fs.heading, f.pal.muted, width);
    // Its own font (digits and capitals only), never scaled up: a number seen from a few steps away.
    ImFont* font = f.all_fonts.number ? f.all_fonts.number : fs.title;
    const float fit = width * 0.9f / static_cast<float>(std::max<size_t>(4, t.number.size())) * 1.6f;
    const float want = std::min({l.size.y * (l.portrait ? 0.15f : 0.2f), fit, font->FontSize});
    const float scale = want / font->FontSize;
    const ImVec2 size(text_width(t.number, font) * scale, font->FontSize * scale);
    const ImVec2 at(x + (width - size.x) / 2, ImGui::GetCursorScreenPos().y + f.px(8));
    ImGui::GetWindowDrawList()->AddText(font, want, at, f.pal.primary, t.number.c_str());
    f.items.add(t.number, at, ImVec2(at.x + size.x, at.y + size.y));
    f.items.add_readable(f.tr(Text::YourNumber) + std::string(" ") + t.number);
    float y = at.y + size.y + f.px(16);
    ImGui::SetCursorScreenPos(ImVec2(x, y));
    // Without counters (a server that names the desk only when it calls), the hall's screen says where.
    std::string where = std::string(icon::marker) + "  " + (t.counters.empty() ? std::string() : f.tr(Text::GoToCounter) + std::string(" ") + joined(t.counters) + " — ");
    if (const auto* s = app::queue_service(f.services, t.service)) where += s->name + (s->agency.empty() ? "" : " (" + s->agency + ")");
    text(f.items, where, fs.title, f.pal.text, width);
    if (!q.procedure_name.empty()) {
      ImGui::SetCursorScreenPos(ImVec2(x, ImGui::GetCursorScreenPos().y));
      text(f.items, q.procedure_name, fs.body, f.pal.muted, width);
    }
    if (q.priority != queue::Priority::None) {
      ImGui::SetCursorScreenPos(ImVec2(x, ImGui::GetCursorScreenPos().y));
      text(f.items, std::string(f.tr(Text::PriorityChosen)) + ": " + f.tr(priority_text(q.priority)), fs.heading, f.pal.text, width);
    }
    ImGui::SetCursorScreenPos(ImVec2(x, ImGui::GetCursorScreenPos().y + f.px(12)));
    // A ticket's QR scanned: where the ticket stands now.
    if (q.origin == Origin::Lookup) {
      std::string state = t.state == queue::Ticket::State::Waiting  ? f.tr(Text::TicketStateWaiting)
                          : t.state == queue::Ticket::State::Called ? f.tr(Text::TicketStateCalled) + std::string(" ") + t.called_counter
                                                                    : f.tr(Text::TicketStateDone);
      text(f.items, std::string(icon::qrcode) + "  " + state, fs.title, f.pal.primary, width);
      ImGui::SetCursorScreenPos(ImVec2(x, ImGui::GetCursorScreenPos().y + f.px(8)));
      if (t.state != queue::Ticket::State::Waiting) return;
    }
    // What the server did not say is not said (NovoSGA gives no estimate).
    if (!t.ahead_known) {
    } else if (t.waiting_ahead == 0) {
      text(f.items, f.tr(Text::NextInLine), fs.title, f.pal.text, width);
    } else {
      text(f.items, std::string(f.tr(Text::PeopleAhead)) + ": " + std::to_string(t.waiting_ahead), fs.title, f.pal.text, width);
      if (t.estimated_wait_minutes > 0) {
        ImGui::SetCursorScreenPos(ImVec2(x, ImGui::GetCursorScreenPos().y));
        text(f.items, std::string(icon::clock) + "  " + f.tr(Text::WaitAbout) + " " + std::to_string(t.estimated_wait_minutes) + " " +
                          f.tr(Text::Minutes),
             fs.heading, f.pal.text, width);
      }
    }
    ImGui::SetCursorScreenPos(ImVec2(x, ImGui::GetCursorScreenPos().y + f.px(12)));
    text(f.items, f.tr(Text::WatchScreen), fs.body, f.pal.text, width);
  }

  ScrollArea scroll_;
};

}  // namespace

std::unique_ptr<ScreenView> make_queue_screen() { return std::make_unique<QueueScreen>(); }

}  // namespace kiosk::ui

#include "ui/print_panel.hpp"

#include "model/kind_texts.hpp"

namespace kiosk::ui {

using app::Text;
namespace pr = printing;

bool print_button(FrameContext& f, const std::string& key, const std::string& label, ImVec2 size, const ButtonLook& look,
                  const std::function<PrintJob()>& make) {
  if (!f.services.printer) return false;
  if (!button(f.items, ("##print-" + key).c_str(), label, size, look)) return false;
  request_print(f, key, make);
  return true;
}

void request_print(FrameContext& f, const std::string& key, const std::function<PrintJob()>& make) {
  auto* svc = f.services.printer.get();
  if (!svc) return;
  auto& slice = f.session.print();
  slice.last_key = key;
  slice.pressed_on = f.session.screen();
  slice.refused.reset();
  const auto snap = svc->snapshot();
  // A printer known to be down is said at once; nothing is queued to come out after the citizen
  // has left. Paper or jam faults found later leave the job waiting in the printer.
  if (snap.checked && snap.problem != pr::PrinterProblem::None) {
    slice.refused = snap.problem;
    return;
  }
  if (!snap.queue_ok) {
    slice.refused = pr::PrinterProblem::NoServer;  // "printing is not available right now"
    return;
  }
  if (auto t = slice.tickets.find(key); t != slice.tickets.end()) {
    auto st = snap.tickets.find(t->second);
    // One copy per press while it is on its way: a second tap does not print twice.
    if (st != snap.tickets.end() && st->second.state != pr::TicketState::Done && st->second.state != pr::TicketState::Failed)
      return;
  }
  PrintJob job = make();
  slice.tickets[key] = svc->request(job.kind, job.title, std::move(job.render));
}

std::optional<PrintStatus> print_status(const FrameContext& f) {
  const auto* svc = f.services.printer.get();
  const auto& slice = f.session.print();
  if (!svc || slice.last_key.empty() || slice.pressed_on != f.session.screen()) return std::nullopt;
  const auto lang = f.lang();
  const auto snap = svc->snapshot();
  if (slice.refused) return PrintStatus{app::printer_problem_words(*slice.refused, lang), true, false};
  if (!snap.queue_ok) return PrintStatus{f.tr(Text::PrintUnavailable), true, false};
  auto t = slice.tickets.find(slice.last_key);
  if (t == slice.tickets.end()) return std::nullopt;
  auto st = snap.tickets.find(t->second);
  if (st == snap.tickets.end()) return std::nullopt;
  switch (st->second.state) {
    case pr::TicketState::Preparing: return PrintStatus{f.tr(Text::PrintPreparing), false, true};
    case pr::TicketState::Waiting:
    case pr::TicketState::Printing:
      if (snap.problem != pr::PrinterProblem::None) return PrintStatus{app::printer_problem_words(snap.problem, lang), true, true};
      return PrintStatus{f.tr(st->second.state == pr::TicketState::Waiting ? Text::PrintWaiting : Text::PrintPrinting), false, true};
    case pr::TicketState::Done: return PrintStatus{f.tr(Text::PrintDone), false, false};
    case pr::TicketState::Failed: return PrintStatus{f.tr(Text::PrintFailed), true, false};
  }
  return std::nullopt;
}

}  // namespace kiosk::ui

#include "ui/print_panel.hpp"

#include "model/strings.hpp"

namespace kiosk::ui {

using app::Text;
using app::tr;
namespace pr = printing;

void PrintPanel::sync(const app::Session& s) {
  if (s.generation() == generation_) return;
  generation_ = s.generation();
  tickets_.clear();
  last_key_.clear();
  refused_.clear();
}

void PrintPanel::press(pr::PrintService* svc, const std::string& key, PrintJob job) {
  last_key_ = key;
  refused_.clear();
  const auto snap = svc->snapshot();
  // A printer known to be down is said at once; nothing is queued to come out after the citizen
  // has left. Paper or jam faults found later leave the job waiting in the printer.
  if (snap.checked && snap.problem != pr::PrinterProblem::None) {
    refused_ = pr::problem_id(snap.problem);
    return;
  }
  auto t = tickets_.find(key);
  if (t != tickets_.end()) {
    auto st = snap.tickets.find(t->second);
    // One copy per press while it is on its way: a second tap does not print twice.
    if (st != snap.tickets.end() && st->second.state != pr::TicketState::Done && st->second.state != pr::TicketState::Failed)
      return;
  }
  tickets_[key] = svc->request(job.kind, job.title, std::move(job.render));
}

std::optional<PrintPanel::Status> PrintPanel::status(pr::PrintService* svc, const app::Session& s) {
  if (!svc) return std::nullopt;
  sync(s);
  if (last_key_.empty()) return std::nullopt;
  const auto lang = s.language;
  const std::string lang_id = lang == app::Language::En ? "en" : "vi";
  const auto snap = svc->snapshot();
  if (!refused_.empty()) return Status{pr::problem_message(snap.problem, lang_id), true, false};
  auto t = tickets_.find(last_key_);
  if (t == tickets_.end()) return std::nullopt;
  auto st = snap.tickets.find(t->second);
  if (st == snap.tickets.end()) return std::nullopt;
  switch (st->second.state) {
    case pr::TicketState::Preparing: return Status{tr(lang, Text::PrintPreparing), false, true};
    case pr::TicketState::Waiting:
    case pr::TicketState::Printing:
      if (snap.problem != pr::PrinterProblem::None) return Status{pr::problem_message(snap.problem, lang_id), true, true};
      return Status{tr(lang, st->second.state == pr::TicketState::Waiting ? Text::PrintWaiting : Text::PrintPrinting), false, true};
    case pr::TicketState::Done: return Status{tr(lang, Text::PrintDone), false, false};
    case pr::TicketState::Failed: return Status{tr(lang, Text::PrintFailed), true, false};
  }
  return std::nullopt;
}

}  // namespace kiosk::ui

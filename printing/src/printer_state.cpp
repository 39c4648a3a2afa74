#include "printing/printer_state.hpp"

#include <algorithm>

namespace kiosk::printing {

namespace {

// printer-state-reasons keywords carry "-error", "-warning" or "-report" suffixes (RFC 8011
// 5.4.12); CUPS turns a remote printer's errors into "-report". The base keyword is what matters.
std::string base_reason(const std::string& r) {
  for (const char* suffix : {"-error", "-warning", "-report"}) {
    const std::string s(suffix);
    if (r.size() > s.size() && r.compare(r.size() - s.size(), s.size(), s) == 0) return r.substr(0, r.size() - s.size());
  }
  return r;
}

bool has(const PrinterStatus& s, const char* reason) {
  return std::any_of(s.reasons.begin(), s.reasons.end(), [&](const std::string& r) { return base_reason(r) == reason; });
}

}  // namespace

PrinterProblem main_problem(const PrinterStatus& s) {
  if (!s.server_reachable) return PrinterProblem::NoServer;
  if (!s.exists) return PrinterProblem::NoPrinter;
  if (has(s, "media-empty") || has(s, "media-needed") || has(s, "input-tray-missing")) return PrinterProblem::MediaEmpty;
  if (has(s, "media-jam")) return PrinterProblem::MediaJam;
  if (has(s, "door-open") || has(s, "cover-open")) return PrinterProblem::DoorOpen;
  if (has(s, "toner-empty") || has(s, "marker-supply-empty")) return PrinterProblem::OutOfToner;
  if (has(s, "offline") || has(s, "connecting-to-device") || has(s, "shutdown")) return PrinterProblem::Offline;
  if (s.state == PrinterStatus::State::Stopped) return PrinterProblem::Stopped;
  if (!s.accepting) return PrinterProblem::NotAccepting;
  for (const auto& r : s.reasons)
    if (r.size() > 6 && r.compare(r.size() - 6, 6, "-error") == 0) return PrinterProblem::Other;
  return PrinterProblem::None;
}

std::vector<std::string> staff_warnings(const PrinterStatus& s) {
  std::vector<std::string> out;
  for (const char* w : {"media-low", "toner-low", "marker-supply-low", "marker-waste-almost-full"})
    if (has(s, w)) out.emplace_back(w);
  return out;
}

bool can_print(const PrinterStatus& s) { return main_problem(s) == PrinterProblem::None; }

const char* problem_id(PrinterProblem p) {
  switch (p) {
    case PrinterProblem::None: return "none";
    case PrinterProblem::NoServer: return "no-server";
    case PrinterProblem::NoPrinter: return "no-printer";
    case PrinterProblem::Stopped: return "stopped";
    case PrinterProblem::NotAccepting: return "not-accepting";
    case PrinterProblem::Offline: return "offline";
    case PrinterProblem::MediaEmpty: return "media-empty";
    case PrinterProblem::MediaJam: return "media-jam";
    case PrinterProblem::DoorOpen: return "door-open";
    case PrinterProblem::OutOfToner: return "toner-empty";
    case PrinterProblem::Other: return "other-error";
  }
  return "other-error";
}

const char* state_name(PrinterStatus::State s) {
  switch (s) {
    case PrinterStatus::State::Idle: return "idle";
    case PrinterStatus::State::Processing: return "processing";
    case PrinterStatus::State::Stopped: return "stopped";
    case PrinterStatus::State::Unknown: break;
  }
  return "unknown";
}

}  // namespace kiosk::printing

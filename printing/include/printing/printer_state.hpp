// What a printer says about itself, and what the kiosk tells a citizen about it.
#pragma once
#include <string>
#include <vector>

namespace kiosk::printing {

struct PrinterStatus {
  enum class State { Unknown, Idle, Processing, Stopped };
  bool server_reachable = false;  // the CUPS scheduler answered
  bool exists = false;            // the destination is known to it
  std::string name;
  State state = State::Unknown;
  bool accepting = false;
  std::vector<std::string> reasons;  // IPP printer-state-reasons, suffixes kept
  std::string message;               // printer-state-message, as the printer words it
};

// The one thing standing between the citizen and paper, most serious first.
enum class PrinterProblem {
  None,
  NoServer,      // cupsd not running / unreachable
  NoPrinter,     // destination unknown
  Stopped,       // paused by staff or by an error
  NotAccepting,  // rejecting jobs
  Offline,       // the device does not answer
  MediaEmpty,
  MediaJam,
  DoorOpen,
  OutOfToner,
  Other,  // an "-error" reason we have no words for
};

// Warnings (paper or toner low) do not stop printing: they are for staff, not citizens.
PrinterProblem main_problem(const PrinterStatus& s);
std::vector<std::string> staff_warnings(const PrinterStatus& s);  // e.g. "media-low"

bool can_print(const PrinterStatus& s);

// "Máy in hết giấy, vui lòng liên hệ cán bộ", in the citizen's language ("vi" or "en").
std::string problem_message(PrinterProblem p, const std::string& lang = "vi");
const char* problem_id(PrinterProblem p);  // "media-empty", for logs and JSON
const char* state_name(PrinterStatus::State s);

}  // namespace kiosk::printing

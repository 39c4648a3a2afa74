// What a printer says about itself, reduced to the one problem a citizen would be told about
// (the app words it).
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

const char* problem_id(PrinterProblem p);  // "media-empty", for logs and JSON
const char* state_name(PrinterStatus::State s);

}  // namespace kiosk::printing

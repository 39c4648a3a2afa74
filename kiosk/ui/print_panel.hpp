// Print buttons and what became of a press ("Đang in…", "Máy in hết giấy…"). What was pressed
// lives in the session's print slice, so the wipe forgets it with the rest of the citizen's data.
#pragma once
#include <functional>
#include <optional>
#include <string>

#include "printing/print_service.hpp"
#include "ui/frame.hpp"
#include "ui/widgets.hpp"

namespace kiosk::ui {

struct PrintJob {
  std::string kind;  // summary | form | status-slip | receipt
  std::string title;
  printing::PrintService::Render render;
};

// A print button (none when the kiosk has no printer). A tap asks the service for `make()`'s
// document unless the printer is known to be unable, in which case the banner says why.
// Returns true when tapped.
bool print_button(FrameContext& f, const std::string& key, const std::string& label, ImVec2 size, const ButtonLook& look,
                  const std::function<PrintJob()>& make);

// What a tap on a print button does, for prints the kiosk makes on its own (the receipt once a
// payment is confirmed): the same banner follows it.
void request_print(FrameContext& f, const std::string& key, const std::function<PrintJob()>& make);

// What to tell the citizen about the last press, if anything.
struct PrintStatus {
  std::string text;
  bool problem = false;
  bool busy = false;  // a job is on its way
};
std::optional<PrintStatus> print_status(const FrameContext& f);

}  // namespace kiosk::ui

// What a kiosk checks after switching to a pack from its channel (content/update.hpp's
// self_check; failing it rolls the pack back): search answers for the most used procedure, that
// procedure's printed summary still lays out, and the printer is no worse than before the switch.
#pragma once
#include <string>

#include "content/store.hpp"
#include "model/config.hpp"
#include "printing/printer_state.hpp"

namespace kiosk::app {

// Worse: it could print before and cannot now.
bool printer_worse(const printing::PrinterStatus& before, const printing::PrinterStatus& after);

class UpdateSelfCheck {
 public:
  // Notes the printer's state now, before the switch (a few seconds at most: CUPS is bounded).
  explicit UpdateSelfCheck(const KioskConfig& config);
  // Empty when the new pack serves, else why not.
  std::string operator()(const content::InstalledPack& pack) const;

 private:
  KioskConfig config_;
  printing::PrinterStatus before_;
};

}  // namespace kiosk::app

// What the kiosk process forbids itself at start: no core dump (a dump would hold citizens' data:
// names, id numbers, what they typed), and no other process of the same user may attach to it.
#pragma once
#include <string>

namespace kiosk {

// Returns an empty string, or what could not be done (for the log; the kiosk still starts).
std::string forbid_core_dumps();

}  // namespace kiosk

namespace kiosk {

// File names in packs are UTF-8 (Vietnamese letters): libarchive converts them by the C locale's
// character set, so the process needs a UTF-8 one whatever the environment says (C.UTF-8 when
// the environment's is not UTF-8). Returns false when none could be set.
bool use_utf8_locale();

}  // namespace kiosk

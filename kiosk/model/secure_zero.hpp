// Zeroing what a citizen typed or was shown before the memory is freed: a later memory image
// (a crash dump, a swapped page) must not hold it.
#pragma once
#include <string>

namespace kiosk::app {

// Overwrites the whole buffer (up to its capacity), then empties the string.
void secure_clear(std::string& s);

}  // namespace kiosk::app

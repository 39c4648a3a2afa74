// Zeroing what a citizen typed or was shown before the memory is freed: a later memory image
// (a crash dump, a swapped page) must not hold it.
#pragma once
#include <string>

#include "common/secret.hpp"

namespace kiosk::app {

// Overwrites the whole buffer (up to its capacity), then empties the string.
inline void secure_clear(std::string& s) { wipe_string(s); }

}  // namespace kiosk::app

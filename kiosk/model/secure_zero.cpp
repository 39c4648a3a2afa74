#include "model/secure_zero.hpp"

#include <sodium.h>

namespace kiosk::app {

void secure_clear(std::string& s) {
  // Growing to the capacity does not reallocate, and makes every byte of the buffer ours to write.
  s.resize(s.capacity());
  if (!s.empty()) sodium_memzero(s.data(), s.size());
  s.clear();
}

}  // namespace kiosk::app

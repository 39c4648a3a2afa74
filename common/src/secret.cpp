#include "common/secret.hpp"

#include <string.h>

namespace kiosk {

void wipe_bytes(void* p, size_t n) noexcept {
  if (p && n) explicit_bzero(p, n);  // not optimised away, unlike memset before a free
}

void wipe_string(std::string& s) noexcept {
  // Growing to the capacity never reallocates, and makes every byte of the buffer ours to write.
  s.resize(s.capacity());
  wipe_bytes(s.data(), s.size());
  s.clear();
}

}  // namespace kiosk

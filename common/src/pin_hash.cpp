#include "common/pin_hash.hpp"

#include <sodium.h>

#include <algorithm>
#include <stdexcept>

namespace kiosk::pin {

std::string hash_pin(const std::string& pin) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  if (pin.size() < kMinDigits || pin.size() > kMaxDigits ||
      !std::all_of(pin.begin(), pin.end(), [](char c) { return c >= '0' && c <= '9'; }))
    throw std::invalid_argument("a staff PIN is 6 to 12 digits (what the kiosk's PIN pad can type)");
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, pin.c_str(), pin.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    throw std::runtime_error("out of memory while hashing the PIN");
  return out;
}

bool verify_pin(const std::string& hash, const std::string& pin) {
  if (hash.empty() || sodium_init() < 0) return false;
  return crypto_pwhash_str_verify(hash.c_str(), pin.c_str(), pin.size()) == 0;
}

}  // namespace kiosk::pin

// Staff PINs are stored only as libsodium password hashes (Argon2id); there is no default PIN.
#pragma once
#include <cstddef>
#include <string>

namespace kiosk::pin {

// What the kiosk's PIN pad can type: digits only, this many at most.
inline constexpr size_t kMinDigits = 6;
inline constexpr size_t kMaxDigits = 12;

// Throws std::invalid_argument for a PIN the keypad cannot type (not 6–12 digits).
std::string hash_pin(const std::string& pin);
bool verify_pin(const std::string& hash, const std::string& pin);

}  // namespace kiosk::pin

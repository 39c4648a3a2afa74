// Staff PINs are stored only as libsodium password hashes (Argon2id); there is no default PIN.
#pragma once
#include <string>

namespace kiosk::app {

std::string hash_pin(const std::string& pin);  // throws if the PIN is shorter than 6 digits
bool verify_pin(const std::string& hash, const std::string& pin);

}  // namespace kiosk::app

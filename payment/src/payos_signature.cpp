#include "payment/payos_signature.hpp"

#include <sodium.h>

#include <stdexcept>

namespace kiosk::payment {

std::string payos_signed_text(const nlohmann::json& data) {
  std::string out;
  // nlohmann::json objects keep their keys sorted.
  for (auto it = data.begin(); it != data.end(); ++it) {
    const auto& v = it.value();
    std::string value;
    if (v.is_null()) value = "";
    else if (v.is_string()) value = v.get<std::string>();
    else if (v.is_boolean()) value = v.get<bool>() ? "true" : "false";
    else value = v.dump(-1, ' ', false);  // numbers, and arrays/objects as compact JSON
    out += (out.empty() ? "" : "&") + it.key() + "=" + value;
  }
  return out;
}

std::string payos_signature(const nlohmann::json& data, std::string_view checksum_key) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  const std::string text = payos_signed_text(data);
  crypto_auth_hmacsha256_state st;
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_init(&st, reinterpret_cast<const unsigned char*>(checksum_key.data()), checksum_key.size());
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  crypto_auth_hmacsha256_final(&st, mac);
  char hex[sizeof mac * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
  return hex;
}

bool payos_signature_ok(const nlohmann::json& data, std::string_view signature, std::string_view checksum_key) {
  const std::string expected = payos_signature(data, checksum_key);
  if (signature.size() != expected.size()) return false;
  std::string lower(signature);
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return sodium_memcmp(lower.data(), expected.data(), expected.size()) == 0;
}

}  // namespace kiosk::payment

// payOS's signature: HMAC-SHA256 (hex) with the checksum key over the data object's fields as
// `key=value` pairs in sorted key order joined by '&' — null as "", booleans true/false, arrays
// and objects as compact JSON with sorted keys and non-ASCII kept as it is.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace kiosk::payment {

std::string payos_signed_text(const nlohmann::json& data);
std::string payos_signature(const nlohmann::json& data, std::string_view checksum_key);
// Constant time.
bool payos_signature_ok(const nlohmann::json& data, std::string_view signature, std::string_view checksum_key);

}  // namespace kiosk::payment

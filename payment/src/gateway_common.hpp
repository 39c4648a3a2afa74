// What both gateway adapters share: reading an HTTP exchange's outcome as a GatewayError, and
// reading fields of their JSON answers.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "common/http.hpp"
#include "payment/gateway.hpp"

namespace kiosk::payment::detail {

// The response when it is a 2xx JSON answer, or why not.
std::variant<http::Response, GatewayError> expect_json(const http::Result& r, const std::string& what);

// A whole number (0 when absent or null); throws std::runtime_error for anything else: amounts
// are never floats.
int64_t integer(const nlohmann::json& j, const char* key);
// The same, nullopt when absent or null.
std::optional<int64_t> optional_integer(const nlohmann::json& j, const char* key);
// A string ("" when absent or not a string).
std::string str(const nlohmann::json& j, const char* key);

}  // namespace kiosk::payment::detail

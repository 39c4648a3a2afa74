// What both gateway adapters share: reading an HTTP exchange's outcome as a GatewayError.
#pragma once
#include <optional>
#include <string>

#include "common/http.hpp"
#include "payment/gateway.hpp"

namespace kiosk::payment::detail {

// The response when it is a 2xx JSON answer, or why not.
std::variant<http::Response, GatewayError> expect_json(const http::Result& r, const std::string& what);

}  // namespace kiosk::payment::detail

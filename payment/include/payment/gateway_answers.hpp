// Reading the gateways' answers (the body of a 2xx response): what the adapters believe of what
// comes over the network. Public for the fuzz targets; nothing here throws.
#pragma once
#include <string>
#include <string_view>

#include "payment/gateway.hpp"

namespace kiosk::payment {

// The one-stop backend's payment API (docs/payment.md).
CreateResult parse_backend_create(std::string_view body, const std::string& order_code);
StatusResult parse_backend_status(std::string_view body);

// payOS v2: the envelope {code, desc, data, signature}, its signature checked with the checksum
// key before anything in it is believed.
CreateResult parse_payos_create(std::string_view body, const std::string& order_code, const std::string& checksum_key);
StatusResult parse_payos_status(std::string_view body, const std::string& checksum_key);

}  // namespace kiosk::payment

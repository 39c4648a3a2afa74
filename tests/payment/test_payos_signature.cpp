// payOS's signatures against its own SDK's test cases and its documented webhook vector.
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

#include "payment/payos_signature.hpp"

using namespace kiosk::payment;
using nlohmann::json;

namespace {
json load(const char* name) {
  std::ifstream in(std::string(KIOSK_SOURCE_DIR) + "/tests/payment/data/" + name);
  return json::parse(in);
}
}  // namespace

TEST_CASE("payOS's own signature cases", "[payos]") {
  const json v = load("payos-signature-vectors.json");
  const std::string key = v.at("checksum_key");
  REQUIRE(v.at("cases").size() == 11);
  for (const auto& c : v.at("cases")) {
    INFO(c.at("caseName").get<std::string>());
    json data = c.at("payload");
    if (c.at("type") == "create-payment-link") {
      // A create request signs five fields only.
      data = json{{"amount", data.at("amount")}, {"cancelUrl", data.at("cancelUrl")}, {"description", data.at("description")},
                  {"orderCode", data.at("orderCode")}, {"returnUrl", data.at("returnUrl")}};
    }
    CHECK(payos_signature(data, key) == c.at("expect").get<std::string>());
    CHECK(payos_signature_ok(data, c.at("expect").get<std::string>(), key));
  }
}

TEST_CASE("a webhook's data verifies, and any change to it does not", "[payos][security]") {
  const json v = load("payos-webhook-vector.json");
  const std::string key = v.at("checksum_key"), sig = v.at("signature");
  json data = v.at("data");
  CHECK(payos_signature_ok(data, sig, key));
  std::string upper = sig;
  for (auto& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  CHECK(payos_signature_ok(data, upper, key));  // hex case does not matter
  data["amount"] = 30000;
  CHECK_FALSE(payos_signature_ok(data, sig, key));
  CHECK_FALSE(payos_signature_ok(v.at("data"), sig, "another key"));
  CHECK_FALSE(payos_signature_ok(v.at("data"), sig.substr(1), key));
  CHECK_FALSE(payos_signature_ok(v.at("data"), "", key));
}

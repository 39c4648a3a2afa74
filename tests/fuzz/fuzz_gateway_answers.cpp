// Any body a gateway could answer: an offer, a status or an error, never a crash or an exception.
// The first byte picks the parser; payOS bodies are also tried inside a correctly signed envelope,
// so that the fuzzer reaches past the signature check into the data.
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>

#include "payment/gateway_answers.hpp"
#include "payment/payos_signature.hpp"

using namespace kiosk::payment;

namespace {

const std::string kOrder = "10000000000042";
const std::string kKey = "fuzz-checksum-key";

void check_offer(const CreateResult& r) {
  if (const auto* o = std::get_if<Offer>(&r)) {
    if (o->order_code != kOrder) std::abort();  // an answer for another order is never taken
  } else if (std::get<GatewayError>(r).detail.empty()) {
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string body(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 5) {
    case 0: check_offer(parse_backend_create(body, kOrder)); break;
    case 1: (void)parse_backend_status(body); break;
    case 2: check_offer(parse_payos_create(body, kOrder, kKey)); break;
    case 3: (void)parse_payos_status(body, kKey); break;
    case 4: {
      const auto j = nlohmann::json::parse(body, nullptr, false);
      if (!j.is_object()) return 0;
      const nlohmann::json envelope{{"code", "00"}, {"desc", "success"}, {"data", j}, {"signature", payos_signature(j, kKey)}};
      const std::string signed_body = envelope.dump();
      check_offer(parse_payos_create(signed_body, kOrder, kKey));
      (void)parse_payos_status(signed_body, kKey);
      break;
    }
  }
  return 0;
}

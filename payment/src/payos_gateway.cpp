// payOS's v2 payment-request API, directly: the kiosk holds the client id, API key and checksum
// key (files only it can read). Every request that payOS signs is signed; every signed answer is
// verified before it is believed.
#include <nlohmann/json.hpp>

#include "common/text.hpp"
#include "gateway_common.hpp"
#include "payment/gateway_answers.hpp"
#include "payment/payos_signature.hpp"

namespace kiosk::payment {

namespace {

using nlohmann::json;

GatewayStatus::State state_from(const std::string& s) {
  if (s == "PAID") return GatewayStatus::State::Paid;
  if (s == "UNDERPAID") return GatewayStatus::State::Underpaid;
  if (s == "EXPIRED") return GatewayStatus::State::Expired;
  if (s == "CANCELLED") return GatewayStatus::State::Cancelled;
  if (s == "FAILED") return GatewayStatus::State::Failed;
  return GatewayStatus::State::Pending;  // PENDING, PROCESSING
}

using detail::integer;
using detail::str;

// "2026-11-29 10:05:00" (Vietnam time, as payOS writes transaction times) as unix seconds.
int64_t vn_time(const std::string& s) {
  std::tm tm{};
  if (!strptime(s.c_str(), "%Y-%m-%d %H:%M:%S", &tm) && !strptime(s.c_str(), "%Y-%m-%dT%H:%M:%S", &tm)) return 0;
  return static_cast<int64_t>(timegm(&tm)) - 7 * 3600;
}

// Every answer is {code, desc, data, signature}: code "00" with data, signed, or an error.
std::variant<json, GatewayError> read_envelope(std::string_view body, const std::string& checksum_key) {
  json j = json::parse(body, nullptr, false);
  if (!j.is_object()) return GatewayError{GatewayError::Kind::BadAnswer, "payOS: not a JSON object"};
  const std::string code = str(j, "code");
  if (code == "231") return GatewayError{GatewayError::Kind::Duplicate, "payOS 231 (order code used already)"};
  if (code == "101") return GatewayError{GatewayError::Kind::NotFound, "payOS 101 (no such payment)"};
  if (code != "00" || !j.contains("data") || !j["data"].is_object())
    return GatewayError{GatewayError::Kind::Refused, "payOS " + text::printable(code) + " " + text::printable(str(j, "desc"))};
  if (!payos_signature_ok(j["data"], str(j, "signature"), checksum_key))
    return GatewayError{GatewayError::Kind::BadSignature, "payOS: the answer's signature does not verify"};
  return std::move(j["data"]);
}

class PayOsGateway : public Gateway {
 public:
  explicit PayOsGateway(PayOsConfig c) : c_(std::move(c)) {
    while (!c_.base_url.empty() && c_.base_url.back() == '/') c_.base_url.pop_back();
    http::check_url(c_.base_url, c_.http.policy);
  }
  const char* name() const override { return "payos"; }

  CreateResult create(const CreateRequest& r) override {
    const int64_t order = std::stoll(r.order_code);
    json signed_fields{{"amount", r.amount},
                       {"cancelUrl", c_.cancel_url},
                       {"description", r.description},
                       {"orderCode", order},
                       {"returnUrl", c_.return_url}};
    json body = signed_fields;
    body["signature"] = payos_signature(signed_fields, c_.checksum_key);
    if (r.expires_at) body["expiredAt"] = r.expires_at;
    json items = json::array();
    for (const auto& i : r.items) items.push_back({{"name", i.name}, {"quantity", 1}, {"price", i.amount}});
    body["items"] = items;
    auto d = call("POST", "/v2/payment-requests", body.dump());
    if (auto* e = std::get_if<GatewayError>(&d)) return *e;
    return parse_payos_create(std::get<std::string>(d), r.order_code, c_.checksum_key);
  }

  StatusResult status(const std::string& order_code) override {
    return read_status(call("GET", "/v2/payment-requests/" + order_code, ""));
  }
  StatusResult cancel(const std::string& order_code) override {
    return read_status(call("POST", "/v2/payment-requests/" + order_code + "/cancel",
                            json{{"cancellationReason", "Công dân hủy tại kiosk"}}.dump()));
  }

 private:
  std::variant<std::string, GatewayError> call(const std::string& method, const std::string& path, const std::string& body) {
    http::Request req;
    req.method = method;
    req.url = c_.base_url + path;
    req.body = body;
    req.headers = {"Accept: application/json", "Content-Type: application/json", "x-client-id: " + c_.client_id,
                   "x-api-key: " + c_.api_key};
    http::Options o = c_.http;
    o.max_attempts = method == "GET" ? 3 : 1;  // a create is repeated by the journal, by order code
    auto r = detail::expect_json(http::perform(req, o), method + " " + path);
    if (auto* e = std::get_if<GatewayError>(&r)) return *e;
    return std::move(std::get<http::Response>(r).body);
  }

  StatusResult read_status(std::variant<std::string, GatewayError> body) const {
    if (auto* e = std::get_if<GatewayError>(&body)) return *e;
    return parse_payos_status(std::get<std::string>(body), c_.checksum_key);
  }

  PayOsConfig c_;
};

}  // namespace

CreateResult parse_payos_create(std::string_view body, const std::string& order_code, const std::string& checksum_key) {
  auto d = read_envelope(body, checksum_key);
  if (auto* e = std::get_if<GatewayError>(&d)) return *e;
  const json& data = std::get<json>(d);
  try {
    Offer o;
    o.order_code = std::to_string(integer(data, "orderCode"));
    o.amount = integer(data, "amount");
    o.qr = str(data, "qrCode");
    o.pay_url = str(data, "checkoutUrl");
    o.expires_at = integer(data, "expiredAt");
    o.gateway_ref = str(data, "paymentLinkId");
    if (o.order_code != order_code) return GatewayError{GatewayError::Kind::BadAnswer, "the answer is for another order code"};
    return o;
  } catch (const std::exception& e) {
    return GatewayError{GatewayError::Kind::BadAnswer, std::string("payOS create: ") + e.what()};
  }
}

StatusResult parse_payos_status(std::string_view body, const std::string& checksum_key) {
  auto d = read_envelope(body, checksum_key);
  if (auto* e = std::get_if<GatewayError>(&d)) return *e;
  const json& data = std::get<json>(d);
  try {
    GatewayStatus s;
    s.state = state_from(str(data, "status"));
    if (const auto order = detail::optional_integer(data, "orderCode")) s.order_code = std::to_string(*order);
    s.amount = integer(data, "amount");
    s.amount_paid = detail::optional_integer(data, "amountPaid");
    s.amount_remaining = integer(data, "amountRemaining");
    if (auto t = data.find("transactions"); t != data.end() && t->is_array() && !t->empty()) {
      const json& last = t->back();
      if (last.is_object()) {
        s.bank_ref = str(last, "reference");
        s.paid_at = vn_time(str(last, "transactionDateTime"));
      }
    }
    return s;
  } catch (const std::exception& e) {
    return GatewayError{GatewayError::Kind::BadAnswer, std::string("payOS status: ") + e.what()};
  }
}

std::unique_ptr<Gateway> make_payos_gateway(PayOsConfig c) { return std::make_unique<PayOsGateway>(std::move(c)); }

}  // namespace kiosk::payment

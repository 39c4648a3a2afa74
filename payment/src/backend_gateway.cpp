// The province's one-stop backend as the gateway (docs/payment.md): it holds PayGov's or its
// bank's keys and answers the kiosk's generic payment API.
#include <nlohmann/json.hpp>

#include "common/text.hpp"
#include "gateway_common.hpp"
#include "payment/gateway_answers.hpp"

namespace kiosk::payment {

namespace {

using nlohmann::json;

GatewayStatus::State state_from(const std::string& s) {
  if (s == "paid") return GatewayStatus::State::Paid;
  if (s == "underpaid") return GatewayStatus::State::Underpaid;
  if (s == "expired") return GatewayStatus::State::Expired;
  if (s == "cancelled" || s == "canceled") return GatewayStatus::State::Cancelled;
  if (s == "failed") return GatewayStatus::State::Failed;
  return GatewayStatus::State::Pending;
}

using detail::integer;
using detail::str;

class BackendGateway : public Gateway {
 public:
  explicit BackendGateway(BackendGatewayConfig c) : c_(std::move(c)) {
    while (!c_.base_url.empty() && c_.base_url.back() == '/') c_.base_url.pop_back();
    http::check_url(c_.base_url, c_.http.policy);
  }
  const char* name() const override { return "backend"; }

  CreateResult create(const CreateRequest& r) override {
    json items = json::array();
    for (const auto& i : r.items) items.push_back({{"kind", dossier::fee_kind_name(i.kind)}, {"name", i.name}, {"amount", i.amount}});
    const json body{{"order_code", r.order_code}, {"amount", r.amount}, {"description", r.description},
                    {"items", items}, {"expires_at", r.expires_at}};
    return read_create(call("POST", "/dossiers/" + r.dossier_code + "/payments", body.dump(), r.order_code), r.order_code);
  }

  StatusResult status(const std::string& order_code) override { return read_status(call("GET", "/payments/" + order_code, "", "")); }
  StatusResult cancel(const std::string& order_code) override {
    return read_status(call("POST", "/payments/" + order_code + "/cancel", "{}", order_code));
  }


 private:
  static CreateResult read_create(std::variant<std::string, GatewayError> body, const std::string& order_code) {
    if (auto* e = std::get_if<GatewayError>(&body)) return *e;
    return parse_backend_create(std::get<std::string>(body), order_code);
  }
  static StatusResult read_status(std::variant<std::string, GatewayError> body) {
    if (auto* e = std::get_if<GatewayError>(&body)) return *e;
    return parse_backend_status(std::get<std::string>(body));
  }

  std::variant<std::string, GatewayError> call(const std::string& method, const std::string& path, const std::string& body,
                                        const std::string& idempotency_key) {
    http::Request req;
    req.method = method;
    req.url = c_.base_url + path;
    req.body = body;
    req.headers = {"Accept: application/json", "Content-Type: application/json"};
    if (!c_.auth_header.empty()) req.headers.push_back(c_.auth_header);
    // The order code makes a repeated create the same create: repeating is safe, so retried.
    if (!idempotency_key.empty()) req.headers.push_back("Idempotency-Key: " + idempotency_key);
    http::Options o = c_.http;
    o.max_attempts = 3;
    auto r = detail::expect_json(http::perform(req, o), method + " " + path);
    if (auto* e = std::get_if<GatewayError>(&r)) return *e;
    return std::move(std::get<http::Response>(r).body);
  }

  BackendGatewayConfig c_;
};

}  // namespace

CreateResult parse_backend_create(std::string_view body, const std::string& order_code) {
  const json a = json::parse(body, nullptr, false);
  if (!a.is_object()) return GatewayError{GatewayError::Kind::BadAnswer, "payment answer: not a JSON object"};
  try {
    Offer o;
    o.order_code = str(a, "order_code");
    o.amount = integer(a, "amount");
    o.qr = str(a, "qr");
    o.pay_url = str(a, "pay_url");
    o.expires_at = integer(a, "expires_at");
    if (o.order_code != order_code) return GatewayError{GatewayError::Kind::BadAnswer, "the answer is for another order code"};
    if (o.qr.empty() && o.pay_url.empty()) return GatewayError{GatewayError::Kind::BadAnswer, "the answer has no QR and no payment page"};
    return o;
  } catch (const std::exception& e) {
    return GatewayError{GatewayError::Kind::BadAnswer, std::string("payment answer: ") + e.what()};
  }
}

StatusResult parse_backend_status(std::string_view body) {
  const json a = json::parse(body, nullptr, false);
  if (!a.is_object()) return GatewayError{GatewayError::Kind::BadAnswer, "payment status: not a JSON object"};
  try {
    GatewayStatus s;
    s.state = state_from(str(a, "status"));
    s.order_code = str(a, "order_code");
    s.amount = integer(a, "amount");
    s.amount_paid = detail::optional_integer(a, "amount_paid");
    s.amount_remaining = integer(a, "amount_remaining");
    s.bank_ref = str(a, "bank_ref");
    s.paid_at = integer(a, "paid_at");
    s.receipt_url = str(a, "receipt_url");
    return s;
  } catch (const std::exception& e) {
    return GatewayError{GatewayError::Kind::BadAnswer, std::string("payment status: ") + e.what()};
  }
}

std::unique_ptr<Gateway> make_backend_gateway(BackendGatewayConfig c) { return std::make_unique<BackendGateway>(std::move(c)); }

}  // namespace kiosk::payment

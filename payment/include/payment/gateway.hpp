// A payment gateway as the kiosk sees one, whatever is behind it: create a payment for an order
// code and an amount (answering a VietQR code), ask its status by order code, cancel it. Two
// adapters: the province's one-stop backend (which owns PayGov or its bank, and the keys), and
// payOS's v2 API directly. The order code is the idempotency key: a create repeated with the same
// code never makes a second payment.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "common/http.hpp"
#include "dossier/status.hpp"

namespace kiosk::payment {

struct CreateRequest {
  std::string order_code;    // digits, unique across the fleet (Journal::next_order_code)
  std::string dossier_code;
  int64_t amount = 0;        // VND, the fees' total
  std::string description;   // the transfer note: "TT HS <code>" (ASCII, ≤ 25 characters)
  std::vector<dossier::FeeItem> items;
  int64_t expires_at = 0;    // unix seconds, asked for; the gateway may answer another
};

struct Offer {
  std::string order_code;
  int64_t amount = 0;
  std::string qr;       // the VietQR payload to show
  std::string pay_url;  // a payment page, when the gateway has one
  int64_t expires_at = 0;
  std::string gateway_ref;  // the gateway's own id (payOS paymentLinkId)
};

// What a gateway says of one payment. Believed only when it is about the order asked (its code
// and amount, checked by the journal) and says how much arrived: see Journal::apply.
struct GatewayStatus {
  enum class State { Pending, Paid, Underpaid, Expired, Cancelled, Failed };
  State state = State::Pending;
  std::string order_code;  // the order the answer is about, as the gateway says it
  int64_t amount = 0;      // what the gateway holds as owed
  std::optional<int64_t> amount_paid;  // absent: the gateway did not say
  int64_t amount_remaining = 0;
  std::string bank_ref;     // the bank transfer's reference
  int64_t paid_at = 0;      // unix seconds, when paid
  std::string receipt_url;  // an e-receipt, when the backend issues one
};
const char* state_name(GatewayStatus::State s);

struct GatewayError {
  enum class Kind {
    Unreachable,   // offline, timeout, TLS: try again later
    Busy,          // 429 or 5xx: try again later
    NotFound,      // the gateway has no payment with this order code
    Duplicate,     // the order code was used already (payOS code 231)
    Refused,       // the gateway said no (another 4xx, an error code)
    BadAnswer,     // not the shape expected, or a QR that does not pay what is owed to whom
    BadSignature,  // a signed answer whose signature does not verify
  };
  Kind kind;
  std::string detail;  // for the log: never a key
};
const char* kind_name(GatewayError::Kind k);

using CreateResult = std::variant<Offer, GatewayError>;
using StatusResult = std::variant<GatewayStatus, GatewayError>;

class Gateway {
 public:
  virtual ~Gateway() = default;
  virtual const char* name() const = 0;  // "backend" | "payos"
  virtual CreateResult create(const CreateRequest& r) = 0;
  virtual StatusResult status(const std::string& order_code) = 0;
  virtual StatusResult cancel(const std::string& order_code) = 0;
};

struct BackendGatewayConfig {
  std::string base_url;     // the one-stop backend (the generic API, docs/payment.md)
  std::string auth_header;  // never logged
  http::Options http;
};
std::unique_ptr<Gateway> make_backend_gateway(BackendGatewayConfig c);

struct PayOsConfig {
  std::string base_url = "https://api-merchant.payos.vn";
  std::string client_id, api_key, checksum_key;  // secrets, read from files only the kiosk can read
  std::string return_url = "https://localhost/", cancel_url = "https://localhost/";
  http::Options http;
};
std::unique_ptr<Gateway> make_payos_gateway(PayOsConfig c);


}  // namespace kiosk::payment

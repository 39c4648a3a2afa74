#include "gateway_common.hpp"

#include <sys/stat.h>

#include <stdexcept>

#include "common/files.hpp"
#include "common/text.hpp"

namespace kiosk::payment {

const char* state_name(GatewayStatus::State s) {
  switch (s) {
    case GatewayStatus::State::Pending: return "pending";
    case GatewayStatus::State::Paid: return "paid";
    case GatewayStatus::State::Underpaid: return "underpaid";
    case GatewayStatus::State::Expired: return "expired";
    case GatewayStatus::State::Cancelled: return "cancelled";
    case GatewayStatus::State::Failed: return "failed";
  }
  return "failed";
}

const char* kind_name(GatewayError::Kind k) {
  switch (k) {
    case GatewayError::Kind::Unreachable: return "unreachable";
    case GatewayError::Kind::Busy: return "busy";
    case GatewayError::Kind::NotFound: return "not-found";
    case GatewayError::Kind::Duplicate: return "duplicate";
    case GatewayError::Kind::Refused: return "refused";
    case GatewayError::Kind::BadAnswer: return "bad-answer";
    case GatewayError::Kind::BadSignature: return "bad-signature";
  }
  return "refused";
}


namespace detail {

std::variant<http::Response, GatewayError> expect_json(const http::Result& r, const std::string& what) {
  if (const auto* e = std::get_if<http::Error>(&r)) {
    // A refused address or redirect will not get better by asking again; an oversized answer is
    // not an answer. The rest may pass.
    const auto kind = e->kind == http::Error::Kind::Refused  ? GatewayError::Kind::Refused
                      : e->kind == http::Error::Kind::TooBig ? GatewayError::Kind::BadAnswer
                                                             : GatewayError::Kind::Unreachable;
    return GatewayError{kind, what + ": " + http::kind_name(e->kind) + ": " + e->detail};
  }
  const auto& resp = std::get<http::Response>(r);
  if (resp.status == 429 || resp.status >= 500)
    return GatewayError{GatewayError::Kind::Busy, what + ": HTTP " + std::to_string(resp.status)};
  if (resp.status == 404) return GatewayError{GatewayError::Kind::NotFound, what + ": HTTP 404"};
  if (resp.status == 409) return GatewayError{GatewayError::Kind::Duplicate, what + ": HTTP 409"};
  if (resp.status < 200 || resp.status >= 300)
    return GatewayError{GatewayError::Kind::Refused, what + ": HTTP " + std::to_string(resp.status) + ": " +
                                                         text::printable(resp.body.substr(0, 200))};
  if (resp.content_type.rfind("application/json", 0) != 0)
    return GatewayError{GatewayError::Kind::BadAnswer, what + ": content type '" + text::printable(resp.content_type) + "'"};
  return resp;
}

}  // namespace detail
}  // namespace kiosk::payment

namespace kiosk::payment::detail {

std::optional<int64_t> optional_integer(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return std::nullopt;
  // Unsigned beyond int64 would wrap to a negative amount: not a whole number of đồng here.
  if (!it->is_number_integer() || (it->is_number_unsigned() && it->get<uint64_t>() > uint64_t(INT64_MAX)))
    throw std::runtime_error(std::string(key) + " is not a whole number");
  return it->get<int64_t>();
}

int64_t integer(const nlohmann::json& j, const char* key) { return optional_integer(j, key).value_or(0); }

std::string str(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace kiosk::payment::detail

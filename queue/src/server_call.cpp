#include "server_call.hpp"

#include <nlohmann/json.hpp>

#include "common/text.hpp"

namespace kiosk::queue {

Result<http::Response> send(const ClientSettings& s, const char* method, const std::string& path, std::string body,
                            std::vector<std::string> headers, int attempts) {
  std::string base = s.url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  http::Request req;
  req.method = method;
  req.url = base + path;
  req.headers = s.headers;
  req.headers.push_back("Accept: application/json");
  for (auto& h : headers) req.headers.push_back(std::move(h));
  req.body = std::move(body);
  http::Options o = s.http;
  o.max_attempts = attempts;
  auto res = http::perform(req, o);
  if (const auto* e = std::get_if<http::Error>(&res))
    return QueueError{e->kind == http::Error::Kind::TooBig ? QueueError::Kind::BadAnswer : QueueError::Kind::Unreachable,
                      std::string(http::kind_name(e->kind)) + ": " + e->detail};
  return std::move(std::get<http::Response>(res));
}

std::optional<QueueError> status_error(const http::Response& r) {
  if (r.status == 200 || r.status == 201) return std::nullopt;
  if (r.status == 429 || r.status >= 500) return QueueError{QueueError::Kind::Busy, "HTTP " + std::to_string(r.status)};
  std::string why;
  const auto j = nlohmann::json::parse(r.body, nullptr, false);
  for (const char* key : {"error_description", "error"}) {
    if (why.empty() && j.is_object() && j.contains(key) && j[key].is_string())
      why = ": " + text::printable(j[key].get<std::string>()).substr(0, 200);
  }
  return QueueError{QueueError::Kind::Refused, "HTTP " + std::to_string(r.status) + why};
}

}  // namespace kiosk::queue

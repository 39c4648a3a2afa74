#include <nlohmann/json.hpp>
#include <stdexcept>

#include "queue/answers.hpp"
#include "queue/client.hpp"

namespace kiosk::queue {

namespace {

class GenericClient final : public QueueClient {
 public:
  explicit GenericClient(ClientSettings s) : s_(std::move(s)) {
    while (!s_.url.empty() && s_.url.back() == '/') s_.url.pop_back();
  }

  Result<ServiceList> services() override {
    return call<ServiceList>("GET", "/queue/services", "", {}, [](std::string_view b) { return parse_services(b); });
  }

  Result<Ticket> take(const TicketRequest& r) override {
    const nlohmann::json body = {{"service", r.service},
                                 {"procedure", r.procedure},
                                 {"priority", priority_id(r.priority)},
                                 {"kiosk", r.kiosk}};
    // Carrying the tap's key, a repeat is safe: the server answers it with the same ticket.
    return call<Ticket>("POST", "/queue/tickets", body.dump(), {"Idempotency-Key: " + r.idempotency_key},
                        [](std::string_view b) { return parse_ticket(b); }, 3);
  }

  Result<Ticket> ticket(const std::string& id) override {
    return call<Ticket>("GET", "/queue/tickets/" + http::escape(id), "", {}, [](std::string_view b) { return parse_ticket(b); });
  }

  Result<std::vector<ServiceStatus>> status() override {
    return call<std::vector<ServiceStatus>>("GET", "/queue/status", "", {}, [](std::string_view b) { return parse_status(b); });
  }

 private:
  template <class T, class Parse>
  Result<T> call(const char* method, const std::string& path, std::string body, std::vector<std::string> extra, Parse parse,
                 int attempts = 2) {
    http::Request req;
    req.method = method;
    req.url = s_.url + path;
    req.headers = s_.headers;
    req.headers.push_back("Accept: application/json");
    if (!body.empty()) req.headers.push_back("Content-Type: application/json");
    for (auto& h : extra) req.headers.push_back(std::move(h));
    req.body = std::move(body);
    http::Options o = s_.http;
    o.max_attempts = attempts;
    const auto res = http::perform(req, o);
    if (const auto* e = std::get_if<http::Error>(&res))
      return QueueError{e->kind == http::Error::Kind::TooBig ? QueueError::Kind::BadAnswer : QueueError::Kind::Unreachable,
                        std::string(http::kind_name(e->kind)) + ": " + e->detail};
    const auto& r = std::get<http::Response>(res);
    if (r.status == 429 || r.status >= 500) return QueueError{QueueError::Kind::Busy, "HTTP " + std::to_string(r.status)};
    if (r.status != 200 && r.status != 201) {
      std::string why;
      const auto j = nlohmann::json::parse(r.body, nullptr, false);
      if (j.is_object() && j.contains("error") && j["error"].is_string()) why = ": " + j["error"].get<std::string>().substr(0, 200);
      return QueueError{QueueError::Kind::Refused, "HTTP " + std::to_string(r.status) + why};
    }
    try {
      return parse(r.body);
    } catch (const BadAnswer& e) {
      return QueueError{QueueError::Kind::BadAnswer, e.what()};
    }
  }

  ClientSettings s_;
};

}  // namespace

const char* kind_name(QueueError::Kind k) {
  switch (k) {
    case QueueError::Kind::Unreachable: return "unreachable";
    case QueueError::Kind::Busy: return "busy";
    case QueueError::Kind::BadAnswer: return "bad-answer";
    case QueueError::Kind::Refused: return "refused";
  }
  return "unreachable";
}

std::unique_ptr<QueueClient> make_client(const ClientSettings& s) {
  http::check_url(s.url, s.http.policy);
  if (s.adapter == "generic") return std::make_unique<GenericClient>(s);
  throw std::invalid_argument("queue adapter '" + s.adapter + "' is not known (generic)");
}

}  // namespace kiosk::queue

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "queue/answers.hpp"
#include "adapters.hpp"
#include "queue/client.hpp"
#include "server_call.hpp"

namespace kiosk::queue {

namespace {

class GenericClient final : public QueueClient {
 public:
  explicit GenericClient(ClientSettings s) : s_(std::move(s)) {}

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

  Result<Ticket> check_in(const CheckInRequest& r) override {
    const nlohmann::json body = {{"booking", r.booking}, {"code", r.code}, {"kiosk", r.kiosk}};
    return call<Ticket>("POST", "/queue/checkins", body.dump(), {"Idempotency-Key: " + r.idempotency_key},
                        [](std::string_view b) { return parse_ticket(b); }, 3);
  }

  Result<Ticket> ticket(const std::string& id) override {
    return call<Ticket>("GET", "/queue/tickets/" + http::escape(id), "", {}, [](std::string_view b) { return parse_ticket(b); });
  }

  Result<std::vector<Call>> calls(int64_t after) override {
    return call<std::vector<Call>>("GET", "/queue/calls?after=" + std::to_string(after), "", {},
                                   [](std::string_view b) { return parse_calls(b); });
  }

  Result<std::vector<ServiceStatus>> status() override {
    return call<std::vector<ServiceStatus>>("GET", "/queue/status", "", {}, [](std::string_view b) { return parse_status(b); });
  }

 private:
  template <class T, class Parse>
  Result<T> call(const char* method, const std::string& path, std::string body, std::vector<std::string> extra, Parse parse,
                 int attempts = 2) {
    if (!body.empty()) extra.push_back("Content-Type: application/json");
    auto sent = send(s_, method, path, std::move(body), std::move(extra), attempts);
    if (auto* e = std::get_if<QueueError>(&sent)) return std::move(*e);
    const auto& r = std::get<http::Response>(sent);
    if (auto e = status_error(r)) return std::move(*e);
    try {
      return parse(r.body);
    } catch (const BadAnswer& e) {
      return QueueError{QueueError::Kind::BadAnswer, e.what()};
    }
  }

  ClientSettings s_;
};

}  // namespace

std::unique_ptr<QueueClient> make_generic_client(const ClientSettings& s) { return std::make_unique<GenericClient>(s); }

}  // namespace kiosk::queue

// A client for the center's queue server, behind one interface. Adapters: "generic" (our
// protocol, docs/queue.md). Every request goes through common/http.hpp, so the network policy
// (https, plain http only to this machine when allowed) holds here as everywhere.
#pragma once
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "common/http.hpp"
#include "queue/ticket.hpp"

namespace kiosk::queue {

struct QueueError {
  enum class Kind {
    Unreachable,  // no answer: offline, timed out, refused by the network policy
    Busy,         // the server answered that it cannot now (5xx, 429)
    BadAnswer,    // an answer not as documented, or not about what was asked
    Refused,      // the server said no (4xx): closed, no such service, not for this kiosk
  };
  Kind kind;
  std::string detail;  // for the log
};
const char* kind_name(QueueError::Kind k);

template <class T>
using Result = std::variant<T, QueueError>;

struct TicketRequest {
  std::string service, procedure;  // procedure: the code the citizen found, or empty
  Priority priority = Priority::None;
  std::string kiosk;            // this kiosk's id
  std::string idempotency_key;  // the same for every try of one tap
};

class QueueClient {
 public:
  virtual ~QueueClient() = default;
  virtual Result<ServiceList> services() = 0;
  virtual Result<Ticket> take(const TicketRequest& r) = 0;
  virtual Result<Ticket> ticket(const std::string& id) = 0;
  virtual Result<std::vector<ServiceStatus>> status() = 0;
};

struct ClientSettings {
  std::string url;                   // the server's base address
  std::string adapter = "generic";
  std::vector<std::string> headers;  // e.g. a bearer token
  http::Options http;
};

// Throws std::invalid_argument for an unknown adapter or an address the policy refuses.
std::unique_ptr<QueueClient> make_client(const ClientSettings& s);

}  // namespace kiosk::queue

// A client for the center's queue server, behind one interface. Adapters: "generic" (our
// protocol) and "novosga" (NovoSGA 2's REST API as its triage app uses it); docs/queue.md. Every request goes through common/http.hpp, so the network policy
// (https, plain http only to this machine when allowed) holds here as everywhere.
#pragma once
#include <filesystem>
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
  // An earlier try of this tap may have reached the server (it failed, or the kiosk died during
  // it): an adapter whose server keeps no idempotency keys looks for that ticket first.
  bool maybe_sent = false;
};

// Check-in of a booking made online (its QR, parse_booking_qr): the booking's ticket.
struct CheckInRequest {
  std::string booking, code;
  std::string kiosk;
  std::string idempotency_key;
  bool maybe_sent = false;
};

class QueueClient {
 public:
  virtual ~QueueClient() = default;
  virtual Result<ServiceList> services() = 0;
  virtual Result<Ticket> take(const TicketRequest& r) = 0;
  virtual Result<Ticket> check_in(const CheckInRequest& r) = 0;
  virtual Result<Ticket> ticket(const std::string& id) = 0;
  virtual Result<std::vector<ServiceStatus>> status() = 0;
  // The calls after `after` (a call's seq; 0: today's last few), oldest first.
  virtual Result<std::vector<Call>> calls(int64_t after) = 0;
};

// NovoSGA's OAuth2 password grant and the unit (unidade) the kiosk issues numbers for.
struct NovosgaAccount {
  std::string unit;  // the unidade's id
  std::string client_id, client_secret, username, password;
};

// Reads client-id, client-secret, username and password from `dir` (each a file readable by
// the kiosk only, as files::read_secret_file checks). Throws std::runtime_error naming what is wrong.
NovosgaAccount read_novosga_account(const std::filesystem::path& dir, std::string unit);

struct ClientSettings {
  std::string url;                   // the server's base address
  std::string adapter = "generic";   // or "novosga"
  NovosgaAccount novosga;
  std::vector<std::string> headers;  // e.g. a bearer token
  http::Options http;
};

// Throws std::invalid_argument for an unknown adapter or an address the policy refuses.
std::unique_ptr<QueueClient> make_client(const ClientSettings& s);

}  // namespace kiosk::queue

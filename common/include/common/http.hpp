// The kiosk's one way out to the network: every request it sends (dossier lookups, payment
// gateways, the outbox, the rating roster, the content channel, health pings) goes through here,
// over libcurl, and the rules that keep tokens and citizens' data safe are enforced here, not by
// each caller: https only, unless the policy allows plain http to this machine; TLS peer and host
// verified; redirects never followed (a 3xx is refused); answers size-capped and wiped from memory
// when let go; timeouts on the whole exchange; retries with backoff only where the caller says
// repeating is safe (GETs, POSTs carrying an idempotency key); a download can be cancelled.
#pragma once
#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace kiosk::http {

// Which addresses the kiosk sends to, a value made once from its configuration and carried in
// every request's Options. https is always allowed.
struct Policy {
  // Plain http, and then only to this machine (127.0.0.1, ::1, localhost: a stand-in or a local
  // proxy). Never to another host: the bearer token and owners' ids would travel in clear.
  bool allow_http_loopback = false;
};

struct Request {
  std::string method = "GET";
  std::string url;
  std::vector<std::string> headers;  // "Name: value"; secrets here are never logged, and wiped
  std::string body;                  // sent for POST
  Request() = default;
  Request(std::string m, std::string u, std::vector<std::string> h, std::string b)
      : method(std::move(m)), url(std::move(u)), headers(std::move(h)), body(std::move(b)) {}
  Request(const Request&) = default;
  Request(Request&&) noexcept = default;
  Request& operator=(const Request&) = default;
  Request& operator=(Request&&) noexcept = default;
  ~Request();  // headers and body overwritten: a token, an owner's id
};

struct Options {
  Policy policy;
  std::string ca_bundle;  // empty: the system's CA store
  std::chrono::milliseconds connect_timeout{3000};
  std::chrono::milliseconds total_timeout{8000};  // the whole exchange, retries included
  size_t max_bytes = 1 << 20;
  int max_attempts = 1;  // > 1: repeated on connection failures and 500/502/503/504
  // download() only: set from another thread, the transfer stops within a second (a kiosk that
  // quits mid-download; the part is kept and resumed next time).
  const std::atomic<bool>* cancel = nullptr;
};

struct Response {
  long status = 0;
  std::string body;
  std::string content_type;
  std::string etag;  // the ETag header, as sent (for If-None-Match)
  Response() = default;
  Response(long s, std::string b, std::string type, std::string tag)
      : status(s), body(std::move(b)), content_type(std::move(type)), etag(std::move(tag)) {}
  Response(const Response&) = default;
  Response(Response&&) noexcept = default;
  Response& operator=(const Response&) = default;
  Response& operator=(Response&&) noexcept = default;
  ~Response();  // the body overwritten: answers hold owners' names and ids
};

struct Error {
  enum class Kind {
    Offline,  // no connection, or it broke
    Timeout,  // no whole answer within total_timeout (a slow drip too)
    Tls,      // the peer's certificate or name does not verify
    TooBig,   // more than max_bytes: cut
    Refused,  // by the policy, before any byte was sent (plain http, another host), or a redirect
  };
  Kind kind;
  std::string detail;  // for the log: the address (without its query) and what failed
};
const char* kind_name(Error::Kind k);

using Result = std::variant<Response, Error>;

// Why the policy refuses `url` (not http(s), or plain http not allowed or to another machine);
// nullopt when it may be used.
std::optional<std::string> refusal(const std::string& url, const Policy& p);
// The same as an exception (std::invalid_argument), for checking a configured address at start.
void check_url(const std::string& url, const Policy& p);

// A path segment or a query value, percent-encoded.
std::string escape(std::string_view s);

Result perform(const Request& r, const Options& o);

// A GET whose body goes to `file`, for large downloads (content packs). An existing partial
// `file` is resumed with a Range request; a server that answers 200 instead starts it afresh.
// More than `max_bytes` in the file is TooBig (the transfer is cut). The Response's body is empty;
// its status is 200 or 206 on success. Options.max_bytes is not used here.
Result download(const Request& r, const std::filesystem::path& file, uint64_t max_bytes, const Options& o);

}  // namespace kiosk::http

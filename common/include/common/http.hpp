// One HTTP exchange over libcurl, as the kiosk makes them to its backends (payment gateways, the
// outbox): TLS verified, plain http only to this machine when allowed, no redirects, short
// timeouts, answers size-capped, retries with backoff only where the caller says repeating is
// safe (GETs, POSTs carrying an idempotency key).
#pragma once
#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <variant>
#include <vector>

namespace kiosk::http {

struct Request {
  std::string method = "GET";
  std::string url;
  std::vector<std::string> headers;  // "Name: value"; secrets here are never logged
  std::string body;                  // sent for POST
};

struct Options {
  std::string ca_bundle;  // empty: the system's CA store
  bool allow_http_loopback = false;
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
};

struct Error {
  enum class Kind { Offline, Timeout, Tls, TooBig };
  Kind kind;
  std::string detail;  // for the log: the address (without its query) and what failed
};
const char* kind_name(Error::Kind k);

using Result = std::variant<Response, Error>;

// Throws std::invalid_argument for an address the kiosk will not use: not http(s), or plain http
// without `allow_http_loopback` or to another machine.
void check_url(const std::string& url, bool allow_http_loopback);

Result perform(const Request& r, const Options& o);

// A GET whose body goes to `file`, for large downloads (content packs). An existing partial
// `file` is resumed with a Range request; a server that answers 200 instead starts it afresh.
// More than `max_bytes` in the file is TooBig (the transfer is cut). The Response's body is empty;
// its status is 200 or 206 on success. Options.max_bytes is not used here.
Result download(const Request& r, const std::filesystem::path& file, uint64_t max_bytes, const Options& o);

}  // namespace kiosk::http

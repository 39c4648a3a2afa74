// One request to the queue server through common/http (so its network policy holds), whatever
// the adapter, with its failures sorted into the kinds the kiosk acts on (internal to queue/).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "queue/client.hpp"

namespace kiosk::queue {

// A transport failure is Unreachable (an answer cut for size is a BadAnswer); any HTTP status is
// returned as it came, for the adapter to judge.
Result<http::Response> send(const ClientSettings& s, const char* method, const std::string& path, std::string body,
                            std::vector<std::string> headers, int attempts);

// 429 and 5xx are Busy, any other status but 200 and 201 a refusal, with the server's own
// {"error": "…"} (or OAuth's "error_description") kept for the log.
std::optional<QueueError> status_error(const http::Response& r);

}  // namespace kiosk::queue

// The outbox: messages to the one-stop backend kept in the kiosk's state database until the
// backend has them. Delivered at least once — the message's key is the backend's idempotency key,
// so a repeat is harmless — in the order they were added, with a growing pause after failures
// (days offline are fine). A message the backend refuses outright (4xx) is set aside for staff.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/http.hpp"
#include "common/sqlite.hpp"

namespace kiosk::outbox {

struct Message {
  int64_t id = 0;
  std::string kind, key, path, body;
  int attempts = 0;
  int64_t next_at = 0, created_at = 0;
  std::optional<int64_t> delivered_at;
  bool rejected = false;
  std::string last_error;
};

struct Delivery {
  std::vector<std::string> delivered;  // keys the backend now has
  int attempted = 0, failed = 0;
  std::string last_error;
};

class Outbox {
 public:
  // Uses the caller's connection to the state database (so a message can be added in the same
  // transaction as what it reports).
  explicit Outbox(db::Db& db) : db_(db) {}

  // Adds a message, unless one with this key is there already; returns whether it was added.
  bool add(const std::string& kind, const std::string& key, const std::string& path, const std::string& body, int64_t now);

  // One pass: POSTs every message due (by `now`) to base_url + path. Stops at the first message
  // that cannot be delivered for a reason that would stop the rest too (the backend unreachable).
  // `now_regardless`: every pending message, whatever its pause (staff asked for a pass now).
  // `kind`: only messages of this kind (each capability delivers its own), or all when empty.
  Delivery deliver(const std::string& base_url, const std::vector<std::string>& headers, const http::Options& o, int64_t now,
                   size_t max_messages = 100, bool now_regardless = false, const std::string& kind = {});

  std::vector<Message> pending(const std::string& kind = {}) const;  // not yet delivered
  std::vector<Message> rejected(const std::string& kind = {}) const;
  bool delivered(const std::string& key) const;

  // The pause after `attempts` failures: 10 s, doubling, at most an hour.
  static int64_t backoff_seconds(int attempts);

 private:
  db::Db& db_;
};

}  // namespace kiosk::outbox

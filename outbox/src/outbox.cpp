#include "outbox/outbox.hpp"

#include <algorithm>
#include <cstdint>

#include "common/text.hpp"

namespace kiosk::outbox {

namespace {

constexpr const char* kColumns =
    "id, kind, key, path, body, attempts, next_at, created_at, delivered_at, rejected, coalesce(last_error,'')";

Message row(const db::Stmt& s) {
  Message m;
  m.id = s.int64(0);
  m.kind = s.text(1);
  m.key = s.text(2);
  m.path = s.text(3);
  m.body = s.text(4);
  m.attempts = static_cast<int>(s.int64(5));
  m.next_at = s.int64(6);
  m.created_at = s.int64(7);
  m.delivered_at = s.opt_int64(8);
  m.rejected = s.int64(9) != 0;
  m.last_error = s.text(10);
  return m;
}

}  // namespace

int64_t Outbox::backoff_seconds(int attempts) {
  const int doublings = std::clamp(attempts - 1, 0, 9);
  return std::min<int64_t>(int64_t{10} << doublings, 3600);
}

bool Outbox::add(const std::string& kind, const std::string& key, const std::string& path, const std::string& body, int64_t now) {
  auto s = db_.prepare("INSERT OR IGNORE INTO outbox(kind,key,path,body,created_at) VALUES(?,?,?,?,?)");
  s.bind(1, kind).bind(2, key).bind(3, path).bind(4, body).bind(5, now).run();
  return db_.changes() == 1;
}

Delivery Outbox::deliver(const std::string& base_url, const std::vector<std::string>& headers, const http::Options& o,
                         int64_t now, size_t max_messages, bool now_regardless, const std::string& kind) {
  Delivery d;
  std::vector<Message> due;
  {
    auto s = db_.prepare(std::string("SELECT ") + kColumns +
                         " FROM outbox WHERE delivered_at IS NULL AND rejected=0 AND next_at<=? AND (?='' OR kind=?) ORDER BY id LIMIT ?");
    s.bind(1, now_regardless ? INT64_MAX : now).bind(2, kind).bind(3, kind).bind(4, static_cast<int64_t>(max_messages));
    while (s.step()) due.push_back(row(s));
  }
  for (const auto& m : due) {
    ++d.attempted;
    http::Request r;
    r.method = "POST";
    r.url = base_url + m.path;
    r.body = m.body;
    r.headers = headers;
    r.headers.push_back("Content-Type: application/json");
    r.headers.push_back("Idempotency-Key: " + m.key);
    const auto res = http::perform(r, o);
    const auto* resp = std::get_if<http::Response>(&res);
    // 2xx: delivered; 409: the backend had it already (an earlier try got there).
    if (resp && ((resp->status >= 200 && resp->status < 300) || resp->status == 409)) {
      auto s = db_.prepare("UPDATE outbox SET delivered_at=?, attempts=attempts+1, last_error=NULL WHERE id=?");
      s.bind(1, now).bind(2, m.id).run();
      d.delivered.push_back(m.key);
      continue;
    }
    ++d.failed;
    const bool refused = resp && resp->status >= 400 && resp->status < 500 && resp->status != 408 && resp->status != 429;
    d.last_error = resp ? "HTTP " + std::to_string(resp->status) : http::kind_name(std::get<http::Error>(res).kind) +
                                                                       std::string(": ") + std::get<http::Error>(res).detail;
    auto s = db_.prepare("UPDATE outbox SET attempts=attempts+1, next_at=?, rejected=?, last_error=? WHERE id=?");
    s.bind(1, now + backoff_seconds(m.attempts + 1)).bind(2, refused ? 1 : 0).bind(3, text::printable(d.last_error)).bind(4, m.id).run();
    if (!refused) break;  // the backend is away or busy: the rest would fare no better now
  }
  return d;
}

std::vector<Message> Outbox::pending(const std::string& kind) const {
  auto s = db_.prepare(std::string("SELECT ") + kColumns +
                       " FROM outbox WHERE delivered_at IS NULL AND rejected=0 AND (?='' OR kind=?) ORDER BY id");
  s.bind(1, kind).bind(2, kind);
  std::vector<Message> out;
  while (s.step()) out.push_back(row(s));
  return out;
}

std::vector<Message> Outbox::rejected(const std::string& kind) const {
  auto s = db_.prepare(std::string("SELECT ") + kColumns + " FROM outbox WHERE rejected=1 AND (?='' OR kind=?) ORDER BY id");
  s.bind(1, kind).bind(2, kind);
  std::vector<Message> out;
  while (s.step()) out.push_back(row(s));
  return out;
}

bool Outbox::delivered(const std::string& key) const {
  auto s = db_.prepare("SELECT delivered_at IS NOT NULL FROM outbox WHERE key=?");
  s.bind(1, key);
  return s.step() && s.int64(0) != 0;
}

}  // namespace kiosk::outbox

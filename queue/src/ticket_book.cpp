#include "queue/ticket_book.hpp"

#include <sodium.h>

#include <nlohmann/json.hpp>

#include "common/state_db.hpp"
#include "queue/answers.hpp"

namespace kiosk::queue {

using nlohmann::json;

namespace {

constexpr const char* kColumns =
    "key, service, coalesce(procedure,''), kiosk, priority, asked_at, state, ticket, coalesce(error,''), coalesce(booking,'')";

Tap::State tap_state_from(const std::string& s) {
  if (s == "issued") return Tap::State::Issued;
  if (s == "refused") return Tap::State::Refused;
  return Tap::State::Asked;
}

Tap row(db::Stmt& s) {
  Tap t;
  t.key = s.text(0);
  t.service = s.text(1);
  t.procedure = s.text(2);
  t.kiosk = s.text(3);
  t.priority = priority_from_id(s.text(4)).value_or(Priority::None);
  t.asked_at = s.int64(5);
  t.state = tap_state_from(s.text(6));
  if (auto doc = s.opt_text(7)) t.ticket = parse_ticket(*doc);
  t.error = s.text(8);
  t.booking = s.text(9);
  return t;
}

std::string new_key() {
  unsigned char raw[16];
  randombytes_buf(raw, sizeof raw);
  static const char* hex = "0123456789abcdef";
  std::string k = "tap-";
  for (unsigned char c : raw) {
    k += hex[c >> 4];
    k += hex[c & 15];
  }
  return k;
}

}  // namespace

const char* tap_state_id(Tap::State s) {
  switch (s) {
    case Tap::State::Asked: return "asked";
    case Tap::State::Issued: return "issued";
    case Tap::State::Refused: return "refused";
  }
  return "asked";
}

std::string ticket_json(const Ticket& t) {
  json j = {{"id", t.id},
            {"number", t.number},
            {"center", t.center},
            {"service", t.service},
            {"counters", t.counters},
            {"waiting_ahead", t.waiting_ahead},
            {"estimated_wait_minutes", t.estimated_wait_minutes},
            {"issued_at", t.issued_at},
            {"hash", t.hash},
            {"state", state_id(t.state)}};
  if (!t.ahead_known) j["ahead_known"] = false;
  if (!t.called_counter.empty()) j["counter"] = t.called_counter;
  if (t.officer) j["officer"] = {{"id", t.officer->id}, {"name", t.officer->name}};
  return json{{"ticket", j}}.dump();
}

TicketBook::TicketBook(const std::filesystem::path& state_db) : db_(state::open_state_db(state_db)) {
  if (sodium_init() < 0) throw db::Error("libsodium cannot start: no idempotency keys");
}

Tap TicketBook::open_checkin(const BookingRef& booking, const std::string& kiosk, int64_t now) {
  Tap t{new_key(), "", "", kiosk, booking.booking, Priority::None, now, Tap::State::Asked, std::nullopt, {}};
  auto s = db_.prepare(
      "INSERT INTO queue_taps(key, service, kiosk, priority, asked_at, state, updated_at, booking, booking_code) "
      "VALUES(?,'',?,'none',?,'asked',?,?,?)");
  s.bind(1, t.key).bind(2, kiosk).bind(3, now).bind(4, now).bind(5, booking.booking).bind(6, booking.code).run();
  return t;
}

Tap TicketBook::open_tap(const std::string& service, const std::string& procedure, Priority priority, const std::string& kiosk,
                         int64_t now) {
  Tap t{new_key(), service, procedure, kiosk, "", priority, now, Tap::State::Asked, std::nullopt, {}};
  auto s = db_.prepare(
      "INSERT INTO queue_taps(key, service, procedure, kiosk, priority, asked_at, state, updated_at) VALUES(?,?,nullif(?,''),?,?,?,'asked',?)");
  s.bind(1, t.key).bind(2, service).bind(3, procedure).bind(4, kiosk).bind(5, priority_id(priority)).bind(6, now).bind(7, now).run();
  return t;
}

void TicketBook::record_failure(const std::string& key, const std::string& why, int64_t now) {
  auto s = db_.prepare("UPDATE queue_taps SET error=?, updated_at=? WHERE key=? AND state='asked'");
  s.bind(1, why).bind(2, now).bind(3, key).run();
}

Result<Ticket> TicketBook::fetch(QueueClient& client, const std::string& key, const std::string& center, int64_t now) {
  const auto tap = get(key);
  if (!tap) return QueueError{QueueError::Kind::Refused, "no tap " + key};
  if (tap->state == Tap::State::Issued && tap->ticket) return *tap->ticket;
  if (tap->state == Tap::State::Refused) return QueueError{QueueError::Kind::BadAnswer, tap->error};
  // Counted before the request leaves: a kill during it leaves a tap that may have reached the server.
  std::string code;
  const bool maybe_sent = [&] {
    auto q = db_.prepare("SELECT tries, coalesce(booking_code,'') FROM queue_taps WHERE key=?");
    q.bind(1, key);
    if (!q.step()) return false;
    code = q.text(1);
    return q.int64(0) > 0;
  }();
  db_.prepare("UPDATE queue_taps SET tries=tries+1 WHERE key=?").bind(1, key).run();
  auto r = tap->booking.empty() ? client.take(TicketRequest{tap->service, tap->procedure, tap->priority, tap->kiosk, key, maybe_sent})
                                : client.check_in(CheckInRequest{tap->booking, code, tap->kiosk, key, maybe_sent});
  if (auto* e = std::get_if<QueueError>(&r)) {
    record_failure(key, std::string(kind_name(e->kind)) + ": " + e->detail, now);
    return r;
  }
  const Ticket& t = std::get<Ticket>(r);
  std::string wrong;
  // A check-in's service is the booking's, which only the server knows.
  if (tap->booking.empty() && t.service != tap->service) wrong = "a ticket for service " + t.service + ", not " + tap->service;
  else if (!center.empty() && t.center != center) wrong = "a ticket of center " + t.center + ", not " + center;
  if (!wrong.empty()) {
    // Never shown, never printed: the number may be someone else's queue.
    auto s = db_.prepare("UPDATE queue_taps SET state='refused', error=?, ticket=?, updated_at=? WHERE key=? AND state='asked'");
    s.bind(1, wrong).bind(2, ticket_json(t)).bind(3, now).bind(4, key).run();
    return QueueError{QueueError::Kind::BadAnswer, wrong};
  }
  auto s = db_.prepare(
      "UPDATE queue_taps SET state='issued', ticket=?, error=NULL, updated_at=?, service=CASE WHEN service='' THEN ? ELSE service END "
      "WHERE key=? AND state='asked'");
  s.bind(1, ticket_json(t)).bind(2, now).bind(3, t.service).bind(4, key).run();
  return r;
}

std::optional<Tap> TicketBook::get(const std::string& key) {
  auto s = db_.prepare(std::string("SELECT ") + kColumns + " FROM queue_taps WHERE key=?");
  s.bind(1, key);
  if (!s.step()) return std::nullopt;
  return row(s);
}

std::vector<Tap> TicketBook::unanswered() {
  auto s = db_.prepare(std::string("SELECT ") + kColumns + " FROM queue_taps WHERE state='asked' ORDER BY asked_at, key");
  std::vector<Tap> out;
  while (s.step()) out.push_back(row(s));
  return out;
}

std::vector<Tap> TicketBook::recent(int limit) {
  auto s = db_.prepare(std::string("SELECT ") + kColumns + " FROM queue_taps ORDER BY asked_at DESC, key LIMIT ?");
  s.bind(1, limit);
  std::vector<Tap> out;
  while (s.step()) out.push_back(row(s));
  return out;
}

}  // namespace kiosk::queue

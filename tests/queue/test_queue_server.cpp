// Taking numbers from the queue server stand-in (tests/sim, our generic protocol) through the
// kiosk's client and its taps: one tap is at most one ticket whatever fails on the way; a
// ticket not for the service or center asked is refused; the server's faults give no number.
#include <catch2/catch.hpp>
#include <ctime>

#include "common/files.hpp"
#include "queue/client.hpp"
#include "queue/ticket_book.hpp"
#include "sim.hpp"

using namespace kiosk::queue;
using nlohmann::json;

namespace {

int64_t now() { return static_cast<int64_t>(std::time(nullptr)); }

std::unique_ptr<QueueClient> client_for(const kiosk::test::SimServer& sim, std::chrono::milliseconds timeout = std::chrono::seconds(8)) {
  ClientSettings s;
  s.url = sim.url();
  s.http.policy.allow_http_loopback = true;
  s.http.total_timeout = timeout;
  return make_client(s);
}

// Tickets the stand-in issued, and for which key.
json issued(const kiosk::test::SimServer& sim) { return sim.call("/_sim/queue")["tickets"]; }

}  // namespace

TEST_CASE("a number for the service asked, each tap its own, a repeated tap the same number", "[queue]") {
  kiosk::test::SimServer sim;
  kiosk::files::TempDir tmp;
  auto c = client_for(sim);
  const auto services = std::get<ServiceList>(c->services());
  CHECK(services.center == "hcc-tinh-mau");
  REQUIRE(services.services.size() >= 2);

  TicketBook book(tmp.path() / "state.db");
  const auto a = book.open_tap("cong-an", "1.001220", Priority::None, "k1", now());
  const auto b = book.open_tap("cong-an", "", Priority::Elderly, "k1", now());
  CHECK(a.key != b.key);
  const auto ta = std::get<Ticket>(book.fetch(*c, a.key, services.center, now()));
  const auto tb = std::get<Ticket>(book.fetch(*c, b.key, services.center, now()));
  CHECK(ta.number != tb.number);
  CHECK(ta.service == "cong-an");
  CHECK(tb.waiting_ahead == ta.waiting_ahead + 1);
  // Asked again (the citizen taps "in lại", the kiosk restarts): the book answers, the server is
  // not asked, and even when asked with the same key it gives the same ticket.
  CHECK(std::get<Ticket>(book.fetch(*c, a.key, services.center, now())).id == ta.id);
  const auto again = std::get<Ticket>(c->take({"cong-an", "1.001220", Priority::None, "k1", a.key}));
  CHECK(again.id == ta.id);
  CHECK(issued(sim).size() == 2);
  CHECK(book.get(a.key)->state == Tap::State::Issued);
  CHECK(book.unanswered().empty());
  // The same key for something else is not a way to a second number.
  const auto other = c->take({"nong-nghiep-moi-truong", "", Priority::None, "k1", a.key});
  REQUIRE(std::holds_alternative<QueueError>(other));
  CHECK(std::get<QueueError>(other).kind == QueueError::Kind::Refused);
}

TEST_CASE("an answer lost on the way: the tap asks again with its key and gets the one number", "[queue]") {
  kiosk::test::SimServer sim;
  kiosk::files::TempDir tmp;
  TicketBook book(tmp.path() / "state.db");
  // The server issues the ticket, then answers too late for the kiosk.
  sim.call("/_sim/fault?mode=slow&delay_ms=1500", "{}");
  auto impatient = client_for(sim, std::chrono::milliseconds(500));
  const auto tap = book.open_tap("tu-phap", "1.000894", Priority::None, "k1", now());
  const auto r = book.fetch(*impatient, tap.key, "hcc-tinh-mau", now());
  REQUIRE(std::holds_alternative<QueueError>(r));
  CHECK(std::get<QueueError>(r).kind == QueueError::Kind::Unreachable);
  CHECK(book.get(tap.key)->state == Tap::State::Asked);
  CHECK_FALSE(book.get(tap.key)->error.empty());
  REQUIRE(book.unanswered().size() == 1);
  sim.call("/_sim/fault?mode=none", "{}");
  const auto t = std::get<Ticket>(book.fetch(*client_for(sim), tap.key, "hcc-tinh-mau", now()));
  const json all = issued(sim);
  REQUIRE(all.size() == 1);  // the slow request issued it; the second try got that one
  CHECK(all[0]["id"] == t.id);
  CHECK(all[0]["idempotency_key"] == tap.key);

  // Busy twice (503), then served: the client's own retries carry the same key.
  sim.call("/_sim/fault?mode=flaky&count=2", "{}");
  const auto tap2 = book.open_tap("tu-phap", "", Priority::None, "k1", now());
  CHECK(std::holds_alternative<Ticket>(book.fetch(*client_for(sim), tap2.key, "hcc-tinh-mau", now())));
  CHECK(issued(sim).size() == 2);
}

TEST_CASE("the server's faults and lies give no number", "[queue][security]") {
  kiosk::test::SimServer sim;
  kiosk::files::TempDir tmp;
  TicketBook book(tmp.path() / "state.db");
  auto c = client_for(sim);
  auto take = [&](const std::string& service) { return book.fetch(*c, book.open_tap(service, "", Priority::None, "k1", now()).key, "hcc-tinh-mau", now()); };
  auto kind_of = [](const Result<Ticket>& r) {
    REQUIRE(std::holds_alternative<QueueError>(r));
    return std::get<QueueError>(r).kind;
  };
  for (const char* mode : {"malformed", "content-type", "huge"}) {
    INFO(mode);
    sim.call(std::string("/_sim/fault?mode=") + mode, "{}");
    CHECK(kind_of(take("cong-an")) == QueueError::Kind::BadAnswer);
  }
  sim.call("/_sim/fault?mode=http500", "{}");
  CHECK(kind_of(take("cong-an")) == QueueError::Kind::Busy);
  sim.call("/_sim/fault?mode=none", "{}");
  CHECK(kind_of(take("no-such-service")) == QueueError::Kind::Refused);
  // That service takes no priority tickets.
  CHECK(kind_of(book.fetch(*c, book.open_tap("xay-dung", "", Priority::Pregnant, "k1", now()).key, "hcc-tinh-mau", now())) ==
        QueueError::Kind::Refused);

  // A ticket of another service, or of another center: refused, kept for staff, never shown.
  sim.call("/_sim/queue/lie?mode=other-service", "{}");
  CHECK(kind_of(take("cong-an")) == QueueError::Kind::BadAnswer);
  sim.call("/_sim/queue/lie?mode=other-center", "{}");
  CHECK(kind_of(take("cong-an")) == QueueError::Kind::BadAnswer);
  int refused = 0;
  for (const auto& t : book.recent(50)) refused += t.state == Tap::State::Refused;
  CHECK(refused == 2);

  // Plain http to another machine: refused before a byte is sent.
  ClientSettings far;
  far.url = "http://192.0.2.1:8080";
  far.http.policy.allow_http_loopback = true;
  CHECK_THROWS_AS(make_client(far), std::invalid_argument);
}

TEST_CASE("a booking's QR checks in to that booking's ticket, once, and only on its day", "[queue][checkin]") {
  kiosk::test::SimServer sim;
  kiosk::files::TempDir tmp;
  auto c = client_for(sim);
  const auto center = std::get<ServiceList>(c->services()).center;
  TicketBook book(tmp.path() / "state.db");

  const auto ref = parse_booking_qr("TTHCB1|hcc-tinh-mau|bk-0001|a7k2");
  REQUIRE(ref);
  CHECK(booking_qr_payload(*ref) == "TTHCB1|hcc-tinh-mau|bk-0001|a7k2");
  const auto tap = book.open_checkin(*ref, "k1", now());
  const auto t = std::get<Ticket>(book.fetch(*c, tap.key, center, now()));
  CHECK(t.service == "tu-phap");
  CHECK(t.number.rfind("E-", 0) == 0);
  CHECK(book.get(tap.key)->service == "tu-phap");  // known once the server said it
  CHECK(book.get(tap.key)->booking == "bk-0001");
  // Scanned again (the citizen is unsure, another kiosk): the same ticket, never a second.
  const auto again = book.open_checkin(*ref, "k2", now());
  CHECK(std::get<Ticket>(book.fetch(*c, again.key, center, now())).id == t.id);
  CHECK(issued(sim).size() == 1);

  for (const char* payload : {"TTHCB1|hcc-tinh-mau|bk-0001|zzzz",     // the code does not match
                              "TTHCB1|hcc-tinh-mau|bk-0002|m3q9",     // booked for tomorrow
                              "TTHCB1|hcc-tinh-mau|bk-9999|a7k2"}) {  // no such booking
    INFO(payload);
    const auto r = parse_booking_qr(payload);
    REQUIRE(r);
    const auto no = book.fetch(*c, book.open_checkin(*r, "k1", now()).key, center, now());
    REQUIRE(std::holds_alternative<QueueError>(no));
    CHECK(std::get<QueueError>(no).kind == QueueError::Kind::Refused);
  }
  CHECK(issued(sim).size() == 1);
  // A refused check-in stays asked (the citizen may come back on the right day); it is never a number.
  CHECK(book.unanswered().size() == 3);

  // Not a booking: a ticket's QR, a slip, garbage, an id that could walk a path.
  CHECK_FALSE(parse_booking_qr("TTHCQ1|hcc-tinh-mau|t1|h1"));
  CHECK_FALSE(parse_booking_qr("TTHCB1|hcc-tinh-mau|bk-0001"));
  CHECK_FALSE(parse_booking_qr("TTHCB1|hcc-tinh-mau|../x|a7k2"));
  CHECK_FALSE(parse_booking_qr("TTHCB1|hcc|bk|a|b"));
  CHECK_FALSE(parse_booking_qr(std::string("TTHCB1|") + std::string(400, 'a')));
}

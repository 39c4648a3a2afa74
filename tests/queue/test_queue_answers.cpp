// The queue server's answers read strictly: what docs/queue.md documents is a ticket; anything
// else is a BadAnswer, never a number.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "queue/answers.hpp"
#include "queue/ticket_book.hpp"

using namespace kiosk::queue;
using nlohmann::json;

namespace {

json good_ticket() {
  return {{"id", "t17"},         {"number", "B-1023"},          {"center", "hcc-tinh-mau"},     {"service", "cong-an"},
          {"counters", {"1", "2"}}, {"waiting_ahead", 4},        {"estimated_wait_minutes", 16}, {"issued_at", "2026-12-07T08:31:00+07:00"},
          {"hash", "h123"},       {"state", "waiting"}};
}

std::string wrap(const json& t) { return json{{"ticket", t}}.dump(); }

}  // namespace

TEST_CASE("a documented ticket is read whole, and written back the same", "[queue]") {
  const Ticket t = parse_ticket(wrap(good_ticket()));
  CHECK(t.number == "B-1023");
  CHECK(t.counters == std::vector<std::string>{"1", "2"});
  CHECK(t.waiting_ahead == 4);
  CHECK(t.estimated_wait_minutes == 16);
  CHECK(t.state == Ticket::State::Waiting);
  CHECK_FALSE(t.officer);
  CHECK(json::parse(ticket_json(t)) == json{{"ticket", good_ticket()}});

  json called = good_ticket();
  called["state"] = "called";
  called["counter"] = "2";
  called["officer"] = {{"id", "cb-002"}, {"name", "Lê Văn Cường"}};
  const Ticket c = parse_ticket(wrap(called));
  CHECK(c.called_counter == "2");
  REQUIRE(c.officer);
  CHECK(c.officer->name == "Lê Văn Cường");
}

TEST_CASE("a ticket answer not as documented is never a number", "[queue][security]") {
  auto without = [](const char* k) {
    json t = good_ticket();
    t.erase(k);
    return wrap(t);
  };
  auto with = [](const char* k, json v) {
    json t = good_ticket();
    t[k] = std::move(v);
    return wrap(t);
  };
  for (const char* k : {"id", "number", "center", "service", "counters", "waiting_ahead", "estimated_wait_minutes", "hash", "state"}) {
    INFO(k);
    CHECK_THROWS_AS(parse_ticket(without(k)), BadAnswer);
  }
  CHECK_THROWS_AS(parse_ticket(with("number", "")), BadAnswer);
  CHECK_THROWS_AS(parse_ticket(with("number", 1023)), BadAnswer);
  CHECK_THROWS_AS(parse_ticket(with("number", std::string(40, '9'))), BadAnswer);
  CHECK_THROWS_AS(parse_ticket(with("waiting_ahead", -1)), BadAnswer);
  CHECK_THROWS_AS(parse_ticket(with("waiting_ahead", 4.5)), BadAnswer);
  CHECK_THROWS_AS(parse_ticket(with("estimated_wait_minutes", 100000)), BadAnswer);
  CHECK_THROWS_AS(parse_ticket(with("counters", json(std::vector<std::string>(65, "1")))), BadAnswer);
  CHECK_THROWS_AS(parse_ticket(with("counters", "1, 2")), BadAnswer);
  CHECK_THROWS_AS(parse_ticket(with("ahead_known", "no")), BadAnswer);
  // No counters yet (the desk is named when the number is called) and no count ahead are fine.
  CHECK(parse_ticket(with("counters", json::array())).counters.empty());
  CHECK_FALSE(parse_ticket(with("ahead_known", false)).ahead_known);
  CHECK_THROWS_AS(parse_ticket(with("id", "../../etc")), BadAnswer);
  CHECK_THROWS_AS(parse_ticket(with("state", "lost")), BadAnswer);
  CHECK_THROWS_AS(parse_ticket(with("state", "called")), BadAnswer);  // called, but where?
  CHECK_THROWS_AS(parse_ticket(with("officer", "cb-1")), BadAnswer);
  CHECK_THROWS_AS(parse_ticket(good_ticket().dump()), BadAnswer);  // not under "ticket"
  CHECK_THROWS_AS(parse_ticket("<html>Bảo trì</html>"), BadAnswer);
  CHECK_THROWS_AS(parse_ticket("{\"ticket\": {\"id\": \"t1\", \"number\": \"B-10"), BadAnswer);
  // Control characters from outside never reach the screen or the printer.
  CHECK(parse_ticket(with("number", "B-1\x1b[2J023")).number.find('\x1b') == std::string::npos);
}

TEST_CASE("services and the hall's state are read strictly too", "[queue]") {
  const json services = {{"center", "hcc-tinh-mau"},
                         {"services", {{{"id", "cong-an"}, {"name", "Cư trú"}, {"agency", "Công an tỉnh"}, {"counters", {"1"}}, {"priority", true}}}}};
  const auto list = parse_services(services.dump());
  CHECK(list.center == "hcc-tinh-mau");
  REQUIRE(list.services.size() == 1);
  CHECK(list.services[0].priority);
  json no_center = services;
  no_center.erase("center");
  CHECK_THROWS_AS(parse_services(no_center.dump()), BadAnswer);
  json bad_priority = services;
  bad_priority["services"][0]["priority"] = "yes";
  CHECK_THROWS_AS(parse_services(bad_priority.dump()), BadAnswer);

  const auto st = parse_status(R"({"services": [{"id": "cong-an", "serving": "B-1020", "waiting": 3}]})");
  REQUIRE(st.size() == 1);
  CHECK(st[0].serving == "B-1020");
  CHECK_THROWS_AS(parse_status(R"({"services": [{"id": "cong-an", "waiting": -3}]})"), BadAnswer);
}

TEST_CASE("a printed ticket's QR names its center, id and hash, and nothing else reads as one", "[queue]") {
  const Ticket t = parse_ticket(wrap(good_ticket()));
  const std::string payload = ticket_qr_payload(t);
  CHECK(payload == "TTHCQ1|hcc-tinh-mau|t17|h123");
  const auto ref = parse_ticket_qr(payload);
  REQUIRE(ref);
  CHECK(ref->center == "hcc-tinh-mau");
  CHECK(ref->id == "t17");
  CHECK(ref->hash == "h123");
  for (const char* other : {"TTHCQ1|hcc|t17", "TTHCQ1|hcc|t17|h|x", "TTHCQ1||t17|h", "TTHCQ2|hcc|t17|h", "TTHCQ1|hcc|../t|h",
                            "https://dichvucong.example.vn/portaldvc/tra-cuu?SGT=1&MHS=2", ""}) {
    INFO(other);
    CHECK_FALSE(parse_ticket_qr(other));
  }
  json bad_hash = good_ticket();
  bad_hash["hash"] = "a|b";
  CHECK_THROWS_AS(parse_ticket(wrap(bad_hash)), BadAnswer);
}

TEST_CASE("the time a number was taken, as a citizen reads it", "[queue]") {
  CHECK(issued_at_words("2026-12-07T08:31:00+07:00") == "08:31 07/12/2026");
  CHECK(issued_at_words("07/12/2026 08:31") == "07/12/2026 08:31");  // not ISO: as given
  CHECK(issued_at_words("2026-12-07") == "2026-12-07");
}

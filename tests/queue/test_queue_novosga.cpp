// The novosga adapter against the stand-in speaking NovoSGA 2's shapes (tests/sim,
// queue_sim_novosga.cpp): its OAuth2 token, the unit's services and priorities, POST
// /api/distribui, which keeps no idempotency keys. One tap is still at most one number: a try
// that may have reached the server is looked for among the unit's tickets before any new POST.
#include <catch2/catch.hpp>
#include <ctime>
#include <thread>

#include "common/files.hpp"
#include "queue/client.hpp"
#include "queue/novosga_answers.hpp"
#include "queue/ticket_book.hpp"
#include "sim.hpp"

using namespace kiosk::queue;
using nlohmann::json;

namespace {

int64_t now() { return static_cast<int64_t>(std::time(nullptr)); }

NovosgaAccount sim_account() { return {"1", "tthc-kiosk", "sim-client-secret", "kiosk-07", "sim-password"}; }

std::unique_ptr<QueueClient> novosga_for(const kiosk::test::SimServer& sim, NovosgaAccount a = sim_account(),
                                         std::chrono::milliseconds timeout = std::chrono::seconds(8)) {
  ClientSettings s;
  s.url = sim.url();
  s.adapter = "novosga";
  s.novosga = std::move(a);
  s.http.policy.allow_http_loopback = true;
  s.http.total_timeout = timeout;
  return make_client(s);
}

json issued(const kiosk::test::SimServer& sim) { return sim.call("/_sim/queue")["tickets"]; }
long posts(const kiosk::test::SimServer& sim) { return sim.call("/_sim/queue")["posts"].get<long>(); }

}  // namespace

TEST_CASE("novosga: the unit's services, a number per tap, priorities by the center's names", "[queue][novosga]") {
  kiosk::test::SimServer sim;
  kiosk::files::TempDir tmp;
  auto c = novosga_for(sim);
  const auto list = std::get<ServiceList>(c->services());
  CHECK(list.center == "novosga-1");
  REQUIRE(list.services.size() == 7);
  CHECK(list.services[3].id == "4");
  CHECK(list.services[3].name == "Cư trú, căn cước, xuất nhập cảnh");
  CHECK(list.services[3].agency == "Công an tỉnh");
  CHECK(list.services[3].counters.empty());  // NovoSGA names the desk when it calls
  CHECK_FALSE(list.services[2].priority);

  TicketBook book(tmp.path() / "state.db");
  const auto a = book.open_tap("4", "1.001220", Priority::None, "kiosk-07", now());
  const auto b = book.open_tap("4", "", Priority::Elderly, "kiosk-07", now());
  const auto ta = std::get<Ticket>(book.fetch(*c, a.key, list.center, now()));
  const auto tb = std::get<Ticket>(book.fetch(*c, b.key, list.center, now()));
  CHECK(ta.number == "D001");
  CHECK(tb.number == "D002");
  CHECK(ta.service == "4");
  CHECK(ta.center == "novosga-1");
  CHECK(ta.hash.size() > 3);
  CHECK(ta.ahead_known);
  CHECK(ta.waiting_ahead == 0);
  CHECK(tb.waiting_ahead == 1);
  CHECK(tb.estimated_wait_minutes == 0);  // NovoSGA gives none; the screen says none
  const json t = issued(sim);
  REQUIRE(t.size() == 2);
  // The tap's key rides in the ticket's client document (30 characters at most in NovoSGA).
  CHECK(t[0]["documento"] == "tthc-" + a.key.substr(4, 24));
  CHECK(t[0]["documento"].get<std::string>().size() <= 30);
  CHECK(t[1]["priority"] == "novosga-2");  // "Người cao tuổi" is the center's prioridade 2
  CHECK(t[0]["priority"] == "none");
  // The book kept the ticket as NovoSGA gave it; read back the same.
  CHECK(book.get(a.key)->ticket->number == "D001");
  CHECK(book.get(b.key)->ticket->ahead_known);

  // A priority the service does not take: NovoSGA's {"error"} with 200 is a refusal, no number.
  const auto c3 = book.open_tap("3", "", Priority::Pregnant, "kiosk-07", now());
  const auto r = book.fetch(*c, c3.key, list.center, now());
  REQUIRE(std::holds_alternative<QueueError>(r));
  CHECK(std::get<QueueError>(r).kind == QueueError::Kind::Refused);
  CHECK(std::get<QueueError>(r).detail.find("prioridade") != std::string::npos);
  CHECK(issued(sim).size() == 2);
  // A service id NovoSGA does not have.
  const auto bad = c->take({"tu-phap", "", Priority::None, "kiosk-07", "tap-00112233445566778899aabbccddeeff"});
  REQUIRE(std::holds_alternative<QueueError>(bad));
  CHECK(std::get<QueueError>(bad).kind == QueueError::Kind::Refused);
}

TEST_CASE("novosga: an answer lost after the number was issued gives that number, never a second", "[queue][novosga]") {
  kiosk::test::SimServer sim;
  kiosk::files::TempDir tmp;
  auto c = novosga_for(sim, sim_account(), std::chrono::milliseconds(700));
  const auto list = std::get<ServiceList>(c->services());  // the token is taken here
  TicketBook book(tmp.path() / "state.db");
  const auto warm = book.open_tap("5", "", Priority::None, "kiosk-07", now());  // and the priorities here
  CHECK(std::get<Ticket>(book.fetch(*c, warm.key, list.center, now())).number == "E001");
  const auto tap = book.open_tap("5", "", Priority::None, "kiosk-07", now());

  sim.call("/_sim/fault?mode=slow&delay_ms=1500", "{}");
  const auto lost = book.fetch(*c, tap.key, list.center, now());
  REQUIRE(std::holds_alternative<QueueError>(lost));
  CHECK(std::get<QueueError>(lost).kind == QueueError::Kind::Unreachable);
  CHECK(posts(sim) == 2);  // once: the adapter never resends a distribui
  std::this_thread::sleep_for(std::chrono::milliseconds(1000));  // the stand-in finishes its slow answer
  CHECK(issued(sim).size() == 2);

  // While the server still fails, the next try cannot tell whether the number exists: it asks nothing.
  sim.call("/_sim/fault?mode=http500", "{}");
  const auto unsure = book.fetch(*c, tap.key, list.center, now());
  REQUIRE(std::holds_alternative<QueueError>(unsure));
  CHECK(posts(sim) == 2);

  sim.call("/_sim/fault?mode=none", "{}");
  const auto found = std::get<Ticket>(book.fetch(*c, tap.key, list.center, now()));
  CHECK(found.number == "E002");
  CHECK(posts(sim) == 2);
  CHECK(issued(sim).size() == 2);
  CHECK(book.get(tap.key)->state == Tap::State::Issued);

  // A 503 on the POST may come after the number was issued (the stand-in issues, then fails):
  // the next try finds that number instead of asking for another.
  const auto tap2 = book.open_tap("5", "", Priority::None, "kiosk-07", now());
  sim.call("/_sim/fault?mode=flaky&count=1", "{}");
  const auto first = book.fetch(*c, tap2.key, list.center, now());
  REQUIRE(std::holds_alternative<QueueError>(first));
  CHECK(std::get<QueueError>(first).kind == QueueError::Kind::Busy);
  const auto second = std::get<Ticket>(book.fetch(*c, tap2.key, list.center, now()));
  CHECK(second.number == "E003");
  CHECK(posts(sim) == 3);
  CHECK(issued(sim).size() == 3);
}

TEST_CASE("novosga: tokens renewed when refused, and a wrong account or a garbled answer gives no number", "[queue][novosga][security]") {
  kiosk::test::SimServer sim;
  auto c = novosga_for(sim);
  REQUIRE(std::holds_alternative<ServiceList>(c->services()));
  sim.call("/_sim/queue/expire-tokens", "{}");
  const auto t = c->take({"1", "", Priority::None, "kiosk-07", "tap-0123456789abcdef0123456789abcdef"});
  REQUIRE(std::holds_alternative<Ticket>(t));
  CHECK(std::get<Ticket>(t).number == "A001");

  auto wrong = sim_account();
  wrong.password = "not-it";
  const auto refused = novosga_for(sim, wrong)->services();
  REQUIRE(std::holds_alternative<QueueError>(refused));
  CHECK(std::get<QueueError>(refused).kind == QueueError::Kind::Refused);
  CHECK(std::get<QueueError>(refused).detail.find("Invalid username") != std::string::npos);
  CHECK(std::get<QueueError>(refused).detail.find("not-it") == std::string::npos);

  for (const char* mode : {"malformed", "content-type", "huge"}) {
    INFO(mode);
    sim.call(std::string("/_sim/fault?mode=") + mode, "{}");
    auto fresh = novosga_for(sim);
    const auto r = fresh->take({"1", "", Priority::None, "kiosk-07", "tap-fedcba9876543210fedcba9876543210"});
    REQUIRE(std::holds_alternative<QueueError>(r));
    CHECK(std::get<QueueError>(r).kind == QueueError::Kind::BadAnswer);
  }
  sim.call("/_sim/fault?mode=none", "{}");
  CHECK(issued(sim).size() == 1);
  CHECK_THROWS_AS(novosga_for(sim, NovosgaAccount{}), std::invalid_argument);
}

TEST_CASE("novosga: a called ticket names its desk and officer, and the hall's state per service", "[queue][novosga]") {
  kiosk::test::SimServer sim;
  auto c = novosga_for(sim);
  const auto a = std::get<Ticket>(c->take({"5", "", Priority::None, "kiosk-07", "tap-11111111111111111111111111111111"}));
  const auto b = std::get<Ticket>(c->take({"5", "", Priority::None, "kiosk-07", "tap-22222222222222222222222222222222"}));
  auto st = std::get<std::vector<ServiceStatus>>(c->status());
  REQUIRE(st.size() == 1);
  CHECK(st[0].service == "5");
  CHECK(st[0].waiting == 2);
  CHECK(st[0].serving.empty());

  sim.call("/_sim/queue/call", json{{"service", "tu-phap"}, {"counter", "11"}, {"officer", {{"id", "cb-tp-02"}, {"name", "Trần Thị B"}}}}.dump());
  const auto called = std::get<Ticket>(c->ticket(a.id));
  CHECK(called.state == Ticket::State::Called);
  CHECK(called.called_counter == "11");
  REQUIRE(called.officer);
  CHECK(called.officer->id == "cb-tp-02");  // NovoSGA's login: the roster's id for the officer
  CHECK(std::get<Ticket>(c->ticket(b.id)).state == Ticket::State::Waiting);
  st = std::get<std::vector<ServiceStatus>>(c->status());
  CHECK(st[0].serving == a.number);
  CHECK(st[0].waiting == 1);
  const auto missing = c->ticket("999");
  REQUIRE(std::holds_alternative<QueueError>(missing));
  CHECK(std::get<QueueError>(missing).kind == QueueError::Kind::Refused);
}

TEST_CASE("novosga answers read strictly", "[queue][novosga]") {
  using namespace kiosk::queue::novosga;
  namespace novosga = kiosk::queue::novosga;
  CHECK(slug("Người cao tuổi") == "nguoi-cao-tuoi");
  CHECK(slug("Trẻ em dưới 6 tuổi") == "tre-em-duoi-6-tuoi");
  CHECK(slug("  Phụ nữ  mang thai! ") == "phu-nu-mang-thai");
  CHECK(slug("Đối tượng") == "doi-tuong");
  const std::string ok =
      R"({"id":17,"senha":{"sigla":"D","numero":7,"format":"D007"},"servico":{"id":4,"nome":"x"},"chegada":"2026-12-07 08:31:00",)"
      R"("status":"emitida","hash":"3f2a","cliente":{"nome":"k","documento":"tthc-ab"}})";
  std::string doc;
  const auto t = parse_atendimento(ok, "novosga-1", &doc);
  CHECK(t.id == "17");
  CHECK(t.number == "D007");
  CHECK(t.issued_at == "2026-12-07T08:31:00");
  CHECK(doc == "tthc-ab");
  CHECK_THROWS_AS(parse_atendimento(R"({"error":"Serviço inválido"})", "c"), Refusal);
  for (const std::string& bad : {std::string("[]"), std::string("{}"), std::string(R"({"id":"17"})"),
                                [&] { auto s = ok; return s.replace(s.find("emitida"), 7, "sumiu"); }(),
                                [&] { auto s = ok; return s.replace(s.find("3f2a"), 4, "3f 2a"); }(),
                                [&] { auto s = ok; return s.replace(s.find("08:31:00"), 8, "8h31"); }(),
                                [&] { auto s = ok; return s.replace(s.find("17"), 2, "-17"); }()}) {
    INFO(bad);
    CHECK_THROWS_AS(parse_atendimento(bad, "c"), kiosk::queue::BadAnswer);
  }
  CHECK_THROWS_AS(parse_token(R"({"access_token":"a b"})"), kiosk::queue::BadAnswer);
  CHECK_THROWS_AS(parse_token(R"({"token_type":"bearer"})"), kiosk::queue::BadAnswer);
  CHECK(parse_token(R"({"access_token":"abc","expires_in":3600})").expires_in == 3600);
  CHECK_THROWS_AS(novosga::parse_services(R"({"error":"access"})"), Refusal);
  CHECK(novosga::parse_services(R"([{"servico":{"id":1,"nome":"A"},"ativo":false}])").empty());
  CHECK_THROWS_AS(parse_priorities(R"([{"id":1,"nome":"N"}])"), kiosk::queue::BadAnswer);  // no peso
}

TEST_CASE("the hall's calls: our protocol's and NovoSGA's panel, a recall marked, none twice", "[queue][novosga][hall]") {
  kiosk::test::SimServer sim;
  auto n = novosga_for(sim);
  ClientSettings gs;
  gs.url = sim.url();
  gs.http.policy.allow_http_loopback = true;
  auto g = make_client(gs);
  REQUIRE(std::get<std::vector<Call>>(g->calls(0)).empty());
  std::get<Ticket>(n->take({"5", "", Priority::None, "k", "tap-33333333333333333333333333333333"}));
  std::get<Ticket>(n->take({"5", "", Priority::None, "k", "tap-44444444444444444444444444444444"}));
  sim.call("/_sim/queue/call", json{{"service", "tu-phap"}, {"counter", "11"}}.dump());
  sim.call("/_sim/queue/recall", json{{"service", "tu-phap"}}.dump());
  sim.call("/_sim/queue/call", json{{"service", "tu-phap"}, {"counter", "12"}}.dump());

  const auto gc = std::get<std::vector<Call>>(g->calls(0));
  REQUIRE(gc.size() == 3);
  CHECK(gc[0].number == "E-1001");
  CHECK(gc[0].counter == "11");
  CHECK_FALSE(gc[0].recall);
  CHECK(gc[1].recall);
  CHECK(gc[2].counter == "12");
  CHECK(std::get<std::vector<Call>>(g->calls(gc[1].seq)).size() == 1);  // only what came after

  const auto nc = std::get<std::vector<Call>>(n->calls(0));
  REQUIRE(nc.size() == 3);
  CHECK(nc[0].number == "E001");
  CHECK_FALSE(nc[0].recall);
  CHECK(nc[1].recall);  // the same number at the same desk again
  CHECK(nc[2].number == "E002");
  CHECK(std::get<std::vector<Call>>(n->calls(nc[2].seq)).empty());
}

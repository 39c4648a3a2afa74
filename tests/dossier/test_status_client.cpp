// The status client against the one-stop backend simulator (tests/sim) over loopback: every
// status through both API shapes, the owner check, and every fault switch.
#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <nlohmann/json.hpp>

#include "common/files.hpp"
#include "dossier/status_client.hpp"
#include "process.hpp"

namespace fs = std::filesystem;
using namespace kiosk::dossier;
using kiosk::test::BackgroundTool;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

const fs::path kFixtures = fs::path(KIOSK_SOURCE_DIR) / "tests/sim/dossiers.json";

json fixture_dossiers() {
  std::ifstream in(kFixtures);
  return json::parse(in).at("dossiers");
}

struct Sim {
  kiosk::files::TempDir tmp;
  std::unique_ptr<BackgroundTool> proc;
  std::string url, tls_url;

  explicit Sim(bool tls = false) {
    std::vector<std::string> args = {"--fixtures", kFixtures.string(), "--port", "0"};
    if (tls) {
      // A certificate no CA vouches for: what a hijacked or misconfigured backend presents.
      const auto cert = (tmp.path() / "cert.pem").string(), key = (tmp.path() / "key.pem").string();
      auto r = kiosk::test::run_program("openssl", {"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                                                    "-days", "1", "-subj", "/CN=127.0.0.1"});
      REQUIRE(r.exit_code == 0);
      args.insert(args.end(), {"--tls-port", "18643", "--tls-cert", cert, "--tls-key", key});
    }
    proc = std::make_unique<BackgroundTool>("dossier-sim", args, (tmp.path() / "ready").string());
    url = "http://127.0.0.1:" + proc->ready("http");
    if (tls) tls_url = "https://127.0.0.1:" + proc->ready("https");
  }

  void fault(const std::string& mode, const std::string& extra = "") {
    auto r = kiosk::test::run_program("curl", {"-s", "-f", "-d", "", url + "/_sim/fault?mode=" + mode + extra});
    REQUIRE(r.exit_code == 0);
  }
  long requests() {
    auto r = kiosk::test::run_program("curl", {"-s", url + "/_sim/stats"});
    return json::parse(r.out).at("requests").get<long>();
  }

  void shape(const std::string& params) {
    auto r = kiosk::test::run_program("curl", {"-s", "-f", "-d", "", url + "/_sim/shape?" + params});
    REQUIRE(r.exit_code == 0);
  }

  // As the kiosk configures it: the generic API trusted to check the owner, iGate not.
  StatusClient client(Adapter a = Adapter::Generic, int total_ms = 8000) const {
    BackendConfig c;
    c.base_url = url;
    c.adapter = a;
    c.backend_checks_owner = checks_owner_by_default(a);
    c.policy.allow_http_loopback = true;  // the stand-in listens on plain http, on this machine
    c.total_timeout = std::chrono::milliseconds(total_ms);
    return StatusClient(c);
  }
};

LookupQuery query(const std::string& code, const std::string& resolver, const std::string& owner) {
  return {code, resolver, kiosk::SecretString(owner)};
}

std::string last4(const json& d) {
  const std::string id = d["owner"]["id_number"];
  return id.substr(id.size() - 4);
}

LookupError expect_error(const LookupResult& r) {
  REQUIRE(std::holds_alternative<LookupError>(r));
  return std::get<LookupError>(r);
}

}  // namespace

TEST_CASE("every status comes back through the generic API and iGate's search", "[dossier][sim]") {
  Sim sim;
  for (const auto& d : fixture_dossiers()) {
    const std::string code = d["code"];
    const int status = d["status"]["id"];
    for (Adapter a : {Adapter::Generic, Adapter::IGate}) {
      INFO(code << (a == Adapter::IGate ? " via iGate" : " via generic"));
      const auto r = sim.client(a).lookup(query(code, "", last4(d)));
      REQUIRE(std::holds_alternative<DossierStatus>(r));
      const auto& got = std::get<DossierStatus>(r);
      CHECK(got.code == code);
      CHECK(static_cast<int>(got.status) == status);
      CHECK(got.procedure_name == d["procedure"]["name"].get<std::string>());
      CHECK(got.appointment.has_value());
      CHECK(got.owner_masked.find("***") != std::string::npos);
      CHECK(got.owner_masked.find(d["owner"]["name"].get<std::string>()) == std::string::npos);
    }
  }
}

TEST_CASE("late is computed from the appointment the backend gives", "[dossier][sim]") {
  Sim sim;
  const auto r = sim.client().lookup(query("H04-261102-00099", "", "2233"));
  REQUIRE(std::holds_alternative<DossierStatus>(r));
  const auto& d = std::get<DossierStatus>(r);
  REQUIRE(d.appointment);
  // The simulator puts this one's appointment ten days before the day it runs.
  const Date day_after{d.appointment->year, d.appointment->month, d.appointment->day + 1};
  CHECK(is_late(d, day_after));
  CHECK(next_step(d, day_after).kind == NextStep::Kind::AskNewDate);
}

TEST_CASE("a resolver slip (GUID) is looked up through the generic API", "[dossier][sim]") {
  Sim sim;
  const auto d0 = fixture_dossiers()[0];
  const auto r = sim.client().lookup(query("", d0["guid"], last4(d0)));
  REQUIRE(std::holds_alternative<DossierStatus>(r));
  CHECK(std::get<DossierStatus>(r).code == d0["code"].get<std::string>());
  CHECK(expect_error(sim.client(Adapter::IGate).lookup(query("", d0["guid"], ""))).kind == LookupError::Kind::Unsupported);
}

TEST_CASE("an unknown code and a wrong id are told alike, and what is logged never holds the id", "[dossier][sim]") {
  Sim sim;
  const auto d0 = fixture_dossiers()[0];
  for (Adapter a : {Adapter::Generic, Adapter::IGate}) {
    INFO((a == Adapter::IGate ? "iGate" : "generic"));
    const auto wrong = expect_error(sim.client(a).lookup(query(d0["code"], "", "987654321098")));
    const auto unknown = expect_error(sim.client(a).lookup(query("H04-261231-9999", "", "987654321098")));
    CHECK(wrong.kind == LookupError::Kind::NotShown);
    CHECK(unknown.kind == LookupError::Kind::NotShown);
    CHECK(wrong.detail.find("987654321098") == std::string::npos);
    CHECK(expect_error(sim.client(a).lookup(query(d0["code"], "", ""))).kind == LookupError::Kind::NotShown);
  }
}

TEST_CASE("the owner check fails closed when nobody checked the owner", "[dossier][sim][security]") {
  Sim sim;
  const auto d = fixture_dossiers()[3];
  const std::string code = d["code"];
  SECTION("iGate without the id number: not shown, whatever digits are typed") {
    sim.shape("igate=no-identity");
    const auto e = expect_error(sim.client(Adapter::IGate).lookup(query(code, "", "0000")));
    CHECK(e.kind == LookupError::Kind::NotShown);
    CHECK(e.detail.find("no owner id") != std::string::npos);
    CHECK(expect_error(sim.client(Adapter::IGate).lookup(query(code, "", last4(d)))).kind == LookupError::Kind::NotShown);
  }
  SECTION("iGate's id number as a JSON number is checked like a string") {
    sim.shape("igate=number-identity");
    CHECK(std::holds_alternative<DossierStatus>(sim.client(Adapter::IGate).lookup(query(code, "", last4(d)))));
    CHECK(expect_error(sim.client(Adapter::IGate).lookup(query(code, "", "9999"))).kind == LookupError::Kind::NotShown);
  }
  SECTION("a generic backend that neither checks nor gives the id: not shown") {
    sim.shape("generic=unchecked");
    CHECK(expect_error(sim.client().lookup(query(code, "", "0000"))).kind == LookupError::Kind::NotShown);
  }
  SECTION("a generic backend that gives the id unchecked: the kiosk checks it, and masks the name") {
    sim.shape("generic=legacy");
    CHECK(expect_error(sim.client().lookup(query(code, "", "0000"))).kind == LookupError::Kind::NotShown);
    const auto r = sim.client().lookup(query(code, "", last4(d)));
    REQUIRE(std::holds_alternative<DossierStatus>(r));
    CHECK(std::get<DossierStatus>(r).owner_masked == "Phạm T*** D***");
  }
  SECTION("a backend not trusted to check: its word that it checked is not enough") {
    BackendConfig c;
    c.base_url = sim.url;
    c.policy.allow_http_loopback = true;
    c.backend_checks_owner = false;
    CHECK(expect_error(StatusClient(c).lookup(query(code, "", "0000"))).kind == LookupError::Kind::NotShown);
  }
}

TEST_CASE("kioskctl dossier status fails closed too, with a one-line reason and a non-zero exit", "[dossier][sim][security]") {
  Sim sim;
  sim.shape("igate=no-identity");
  const auto d = fixture_dossiers()[3];
  auto r = kiosk::test::run_tool("kioskctl", {"dossier", "status", d["code"], "--owner-id", last4(d), "--backend", sim.url,
                                              "--adapter", "igate", "--allow-http"});
  CHECK(r.exit_code != 0);
  CHECK(r.err.find("not-shown") != std::string::npos);
  CHECK(r.out.find("***") == std::string::npos);  // nothing of the owner printed
  sim.shape("igate=object");
  r = kiosk::test::run_tool("kioskctl", {"dossier", "status", d["code"], "--owner-id", last4(d), "--backend", sim.url,
                                         "--adapter", "igate", "--allow-http", "--json"});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(json::parse(r.out).at("owner") == "Phạm T*** D***");
  // Plain http without saying so is refused before anything is sent.
  r = kiosk::test::run_tool("kioskctl", {"dossier", "status", d["code"], "--owner-id", last4(d), "--backend", sim.url});
  CHECK(r.exit_code != 0);
  CHECK(r.err.find("in clear") != std::string::npos);
}

TEST_CASE("an answer about another dossier than the one asked is refused", "[dossier][sim][security]") {
  Sim sim;
  sim.shape("wrong_code=1&generic=legacy");
  const auto d = fixture_dossiers()[0];
  for (Adapter a : {Adapter::Generic, Adapter::IGate}) {
    // The owner's digits of the dossier the backend wrongly answers with: still refused.
    const auto next = fixture_dossiers()[1];
    const auto e = expect_error(sim.client(a).lookup(query(d["code"], "", last4(next))));
    CHECK(e.kind == LookupError::Kind::BadAnswer);
    CHECK(e.detail.find("not the code asked") != std::string::npos);
  }
}

TEST_CASE("plain http is refused unless allowed, and then only to this machine", "[dossier][security]") {
  BackendConfig c;
  c.base_url = "http://motcua.example.gov.vn/api";
  CHECK_THROWS_WITH(StatusClient(c), Catch::Contains("in clear"));
  c.policy.allow_http_loopback = true;
  CHECK_THROWS_WITH(StatusClient(c), Catch::Contains("in clear"));
  c.base_url = "http://127.0.0.1:18640";
  CHECK_NOTHROW(StatusClient(c));
  c.policy.allow_http_loopback = false;
  CHECK_THROWS(StatusClient(c));
  c.base_url = "ftp://127.0.0.1/x";
  CHECK_THROWS_WITH(StatusClient(c), Catch::Contains("https"));
  c.base_url = "https://motcua.example.gov.vn/api";
  CHECK_NOTHROW(StatusClient(c));
}

TEST_CASE("faults: each gives its clear message, within the timeout", "[dossier][sim]") {
  Sim sim;
  const auto d0 = fixture_dossiers()[0];
  const LookupQuery q = query(d0["code"], "", last4(d0));

  SECTION("slow: the whole lookup stops at the total timeout") {
    sim.fault("slow", "&delay_ms=4000");
    const auto t0 = Clock::now();
    const auto& e = expect_error(sim.client(Adapter::Generic, 1200).lookup(q));
    const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0).count();
    CHECK(e.kind == LookupError::Kind::Timeout);
    CHECK(took < 2000);
  }
  SECTION("500: retried, then a server error") {
    const long before = sim.requests();
    sim.fault("http500");
    CHECK(expect_error(sim.client().lookup(q)).kind == LookupError::Kind::Server);
    CHECK(sim.requests() - before == 3);  // the GET was retried twice
  }
  SECTION("two 503s then service: the retries make it") {
    sim.fault("flaky", "&count=2");
    const auto r = sim.client().lookup(q);
    CHECK(std::holds_alternative<DossierStatus>(r));
  }
  SECTION("malformed JSON") {
    sim.fault("malformed");
    CHECK(expect_error(sim.client().lookup(q)).kind == LookupError::Kind::BadAnswer);
  }
  SECTION("huge body: cut at the cap") {
    sim.fault("huge");
    const auto& e = expect_error(sim.client().lookup(q));
    CHECK(e.kind == LookupError::Kind::BadAnswer);
  }
  SECTION("wrong content type (a maintenance page)") {
    sim.fault("content-type");
    CHECK(expect_error(sim.client().lookup(q)).kind == LookupError::Kind::BadAnswer);
  }
  SECTION("connection reset mid-answer") {
    sim.fault("reset");
    const auto& e = expect_error(sim.client().lookup(q));
    CHECK(e.kind == LookupError::Kind::Offline);
  }
}

TEST_CASE("no backend listening: offline, quickly", "[dossier][sim]") {
  BackendConfig c;
  c.base_url = "http://127.0.0.1:9";
  c.policy.allow_http_loopback = true;
  const auto t0 = Clock::now();
  const auto& e = expect_error(StatusClient(c).lookup(query("H04-261102-00099", "", "1234")));
  CHECK(e.kind == LookupError::Kind::Offline);
  CHECK(std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0).count() < 3000);
}

TEST_CASE("a certificate no CA vouches for is refused", "[dossier][sim]") {
  Sim sim(true);
  BackendConfig c;
  c.base_url = sim.tls_url;
  const auto& e = expect_error(StatusClient(c).lookup(query("H04-261102-00099", "", "2233")));
  CHECK(e.kind == LookupError::Kind::Tls);
}

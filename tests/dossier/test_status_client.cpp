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

  StatusClient client(Adapter a = Adapter::Generic, int total_ms = 8000) const {
    BackendConfig c;
    c.base_url = url;
    c.adapter = a;
    c.total_timeout = std::chrono::milliseconds(total_ms);
    return StatusClient(c);
  }
};

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
      const auto r = sim.client(a).lookup({code, "", last4(d)});
      REQUIRE(std::holds_alternative<DossierStatus>(r));
      const auto& got = std::get<DossierStatus>(r);
      CHECK(got.code == code);
      CHECK(static_cast<int>(got.status) == status);
      CHECK(got.procedure_name == d["procedure"]["name"].get<std::string>());
      CHECK(got.appointment.has_value());
      CHECK(mask_name(got.owner_name).find("***") != std::string::npos);
    }
  }
}

TEST_CASE("late is computed from the appointment the backend gives", "[dossier][sim]") {
  Sim sim;
  const auto r = sim.client().lookup({"H04-261102-00099", "", "2233"});
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
  const auto r = sim.client().lookup({"", d0["guid"], last4(d0)});
  REQUIRE(std::holds_alternative<DossierStatus>(r));
  CHECK(std::get<DossierStatus>(r).code == d0["code"].get<std::string>());
  CHECK(expect_error(sim.client(Adapter::IGate).lookup({"", d0["guid"], ""})).kind == LookupError::Kind::Unsupported);
}

TEST_CASE("the owner's id must match, what is logged never holds it", "[dossier][sim]") {
  Sim sim;
  const auto d0 = fixture_dossiers()[0];
  for (Adapter a : {Adapter::Generic, Adapter::IGate}) {
    const auto& e = expect_error(sim.client(a).lookup({d0["code"], "", "987654321098"}));
    CHECK(e.kind == LookupError::Kind::OwnerMismatch);
    CHECK(e.detail.find("987654321098") == std::string::npos);
  }
  CHECK(expect_error(sim.client().lookup({"H04-261231-9999", "", "1234"})).kind == LookupError::Kind::NotFound);
  CHECK(expect_error(sim.client(Adapter::IGate).lookup({"H04-261231-9999", "", "1234"})).kind == LookupError::Kind::NotFound);
}

TEST_CASE("faults: each gives its clear message, within the timeout", "[dossier][sim]") {
  Sim sim;
  const auto d0 = fixture_dossiers()[0];
  const LookupQuery q{d0["code"], "", last4(d0)};

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
  const auto t0 = Clock::now();
  const auto& e = expect_error(StatusClient(c).lookup({"H04-261102-00099", "", "1234"}));
  CHECK(e.kind == LookupError::Kind::Offline);
  CHECK(std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0).count() < 3000);
}

TEST_CASE("a certificate no CA vouches for is refused", "[dossier][sim]") {
  Sim sim(true);
  BackendConfig c;
  c.base_url = sim.tls_url;
  const auto& e = expect_error(StatusClient(c).lookup({"H04-261102-00099", "", "2233"}));
  CHECK(e.kind == LookupError::Kind::Tls);
}

// Every HTTP client of the kiosk through the same hostile server (bench/rig/hostile_server.hpp, a
// real nginx): a redirect to another host, plain http where it is not allowed, an oversized
// answer, a slow drip, a certificate no trusted CA signed. Each must refuse the same way, because
// the rules live in one place (common/http.hpp), not in each caller.
#include <catch2/catch.hpp>

#include <ctime>
#include <functional>
#include <sstream>

#include "common/files.hpp"
#include "common/http.hpp"
#include "common/state_db.hpp"
#include "content/update.hpp"
#include "dossier/status_client.hpp"
#include "model/config.hpp"
#include "model/health.hpp"
#include "outbox/outbox.hpp"
#include "payment/gateway.hpp"
#include "rating/roster.hpp"
#include "rig/hostile_server.hpp"

using namespace kiosk;
using namespace std::chrono_literals;

namespace {

// How a caller is configured for one case: the server's base address, the policy, the CA.
struct Target {
  std::string base;
  http::Policy policy;
  std::string ca;
};

http::Options options_for(const Target& t) {
  http::Options o;
  o.policy = t.policy;
  o.ca_bundle = t.ca;
  o.total_timeout = 2500ms;
  return o;
}

// Each caller, through its own interface, answering with what it says went wrong (its error
// text, or the message of the exception its constructor throws on a refused address).
using Caller = std::function<std::string(const Target&)>;

std::string guarded(const std::function<std::string()>& f) {
  try {
    return f();
  } catch (const std::exception& e) {
    return e.what();
  }
}

std::vector<std::pair<std::string, Caller>> callers() {
  std::vector<std::pair<std::string, Caller>> out;
  out.emplace_back("dossier status", [](const Target& t) {
    return guarded([&] {
      dossier::BackendConfig c;
      c.base_url = t.base;
      c.policy = t.policy;
      c.ca_bundle = t.ca;
      c.total_timeout = 2500ms;
      c.max_attempts = 1;
      const auto r = dossier::StatusClient(c).lookup({"000.00.12.H04-261115-0006", "", SecretString("1234")});
      const auto* e = std::get_if<dossier::LookupError>(&r);
      return e ? std::string(dossier::kind_name(e->kind)) + " | " + e->detail : std::string("a dossier");
    });
  });
  out.emplace_back("payment gateway (backend)", [](const Target& t) {
    return guarded([&] {
      const auto r = payment::make_backend_gateway({t.base, "Authorization: Bearer secret", options_for(t)})->status("100000000001");
      const auto* e = std::get_if<payment::GatewayError>(&r);
      return e ? e->detail : std::string("a status");
    });
  });
  out.emplace_back("payment gateway (payOS)", [](const Target& t) {
    return guarded([&] {
      payment::PayOsConfig c;
      c.base_url = t.base;
      c.client_id = c.api_key = c.checksum_key = "k";
      c.http = options_for(t);
      const auto r = payment::make_payos_gateway(c)->status("100000000001");
      const auto* e = std::get_if<payment::GatewayError>(&r);
      return e ? e->detail : std::string("a status");
    });
  });
  out.emplace_back("outbox", [](const Target& t) {
    return guarded([&] {
      files::TempDir tmp;
      auto db = state::open_state_db(tmp.path() / "state.db");
      outbox::Outbox box(db);
      box.add("payment-confirmed", "payment:1", "/payments/1/confirmation", "{}", 1);
      const auto d = box.deliver(t.base, {"Authorization: Bearer secret"}, options_for(t), 2);
      return d.delivered.empty() ? d.last_error : std::string("delivered");
    });
  });
  out.emplace_back("rating roster", [](const Target& t) {
    return guarded([&] {
      std::string why;
      const auto list = rating::fetch_officers(t.base, "quay-5", {}, options_for(t), &why);
      return list ? std::string("a roster") : why;
    });
  });
  out.emplace_back("content channel", [](const Target& t) {
    return guarded([&] {
      files::TempDir tmp;
      content::ContentStore store(tmp.path() / "store");
      content::UpdateOptions o;
      o.channel_url = t.base + "/stable.json";
      o.http = options_for(t);
      content::update_from_channel(store, o, [](const content::InstalledPack&) { return std::string(); });
      return std::string("updated");
    });
  });
  out.emplace_back("health ping", [](const Target& t) {
    return guarded([&] {
      files::TempDir tmp;
      app::KioskConfig c;
      c.store = tmp.path() / "store";
      c.state_db = tmp.path() / "state.db";
      c.printing = false;
      c.backend_url = t.base;
      c.backend_allow_http = t.policy.allow_http_loopback;
      c.backend_ca_bundle = t.ca;
      for (const auto& h : app::check_health(c))
        if (h.id == "backend") return h.detail;
      return std::string("no backend check");
    });
  });
  return out;
}

void expect_all(const Target& t, const std::string& kind) {
  for (const auto& [name, call] : callers()) {
    const std::string said = call(t);
    INFO(name << " said: " << said);
    CHECK(said.find(kind) != std::string::npos);
  }
}

}  // namespace

TEST_CASE("every HTTP client refuses a hostile server the same way", "[network][security]") {
  rig::HostileServer server;
  const std::string ca = server.ca_bundle();
  // The control: the same callers reach the well-behaved case (an answer they go on to judge).
  for (const auto& [name, call] : callers()) {
    INFO(name);
    CHECK(call({server.fine(), {}, ca}).find("refused") == std::string::npos);
  }
  SECTION("a redirect to another host is never followed") { expect_all({server.redirect(), {}, ca}, "refused"); }
  SECTION("plain http when it is not allowed: not a byte sent") {
    expect_all({server.plain_http(), {}, ca}, "refused");
    CHECK(server.requests_on_plain_http() == 0);
  }
  SECTION("plain http to another machine, even where http to this one is allowed") {
    expect_all({"http://192.0.2.10:8080/api", http::Policy{true}, ca}, "refused");
  }
  SECTION("an answer larger than the cap is cut") { expect_all({server.oversize(), {}, ca}, "too-big"); }
  SECTION("a slow drip ends at the deadline") { expect_all({server.drip(), {}, ca}, "timeout"); }
  SECTION("a certificate no trusted CA signed") { expect_all({server.bad_tls(), {}, ca}, "tls"); }
}

TEST_CASE("downloads (content packs) go through the same policy", "[network][security]") {
  rig::HostileServer server;
  files::TempDir tmp;
  int n = 0;
  http::Options o;
  o.ca_bundle = server.ca_bundle();
  o.total_timeout = 2500ms;
  const auto kind_of = [&](const std::string& url, const http::Options& with) {
    // A fresh part each time: a part left by one case would be resumed by the next.
    const auto r = http::download({"GET", url + "/pack.kpack", {}, {}}, tmp.path() / (std::to_string(++n) + ".part"), 1 << 20, with);
    const auto* e = std::get_if<http::Error>(&r);
    return e ? std::string(http::kind_name(e->kind)) : std::string("ok");
  };
  CHECK(kind_of(server.redirect(), o) == "refused");
  CHECK(kind_of(server.plain_http(), o) == "refused");
  CHECK(server.requests_on_plain_http() == 0);
  CHECK(kind_of(server.oversize(), o) == "too-big");
  CHECK(kind_of(server.bad_tls(), o) == "tls");
  CHECK(kind_of(server.fine(), o) == "ok");
}

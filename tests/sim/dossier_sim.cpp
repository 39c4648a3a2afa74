// dossier-sim: a stand-in for the province's one-stop backend, for tests and the demo. It serves
// the kiosk's generic API and VNPT iGate's search shape from a fixture file, on 127.0.0.1 only,
// and plays faults on request. Protocol: docs/dossier-api.md ("The simulator").
#include <httplib.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "payment_sim.hpp"
#include "queue_sim.hpp"
#include "rating_sim.hpp"

using nlohmann::json;

namespace {

// Which answer shapes it serves (POST /_sim/shape?...): the generic API as documented (it checks
// the owner and masks the name), or as an older or careless backend would answer; iGate's
// shapes as its various versions answer; and a backend that answers about another dossier.
struct Shape {
  std::mutex mu;
  std::string generic = "checked";  // checked | legacy (full name, id, no check) | unchecked (no id, no check)
  std::string igate = "object";     // object | array | number-identity | no-identity
  bool wrong_code = false;
};

// Faults the tests switch on with POST /_sim/fault?mode=...; one at a time, for every request.
struct Faults {
  std::mutex mu;
  std::string mode = "none";  // none|slow|http500|malformed|huge|content-type|reset|flaky
  int delay_ms = 10000;
  int flaky_left = 0;  // flaky: this many requests fail with 503, then normal service
};

std::string date_from_today(int days) {
  const std::time_t t = std::time(nullptr) + static_cast<std::time_t>(days) * 86400;
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

// "Nguyễn Văn An" -> "Nguyễn V*** A***", as the generic API answers names.
std::string mask(const std::string& name) {
  std::istringstream words(name);
  std::string w, out;
  bool first = true;
  while (words >> w) {
    if (!out.empty()) out += ' ';
    if (first) {
      out += w;
      first = false;
      continue;
    }
    size_t n = 1;
    while (n < w.size() && (static_cast<unsigned char>(w[n]) & 0xC0) == 0x80) ++n;
    out += w.substr(0, n) + "***";
  }
  return out;
}

// The fixture's relative dates made absolute, in the generic API's shape (before the owner
// fields are chosen: see answer_generic).
json generic_shape(const json& d) {
  json g = d;
  for (const char* k : {"guid", "received_days_ago", "appointment_in_days", "completed_days_ago"}) g.erase(k);
  g["id"] = d.value("guid", "");
  g["received_at"] = date_from_today(-d.value("received_days_ago", 0)) + "T08:00:00+07:00";
  g["appointment_at"] = date_from_today(d.value("appointment_in_days", 0));
  g["completed_at"] = d["completed_days_ago"].is_number() ? json(date_from_today(-d["completed_days_ago"].get<int>())) : json();
  g["steps"] = json::array();
  for (const auto& s : d.value("steps", json::array()))
    g["steps"].push_back({{"unit", s.value("unit", "")},
                          {"at", date_from_today(-s.value("days_ago", 0)) + " " + s.value("time", "")},
                          {"action", s.value("action", "")}});
  return g;
}

// The generic API's owner fields: as documented (masked, checked), or as an older or careless
// backend would answer.
json answer_generic(const json& d, const std::string& shape, bool fees_paid) {
  json g = generic_shape(d);
  if (g.contains("fees_due")) g["fees_due"]["paid"] = fees_paid;
  const std::string name = d["owner"].value("name", "");
  if (shape == "legacy") return g;  // full name and id number, nothing checked
  g["owner"] = {{"name_masked", mask(name)}};
  if (shape == "checked") g["owner_checked"] = true;
  return g;
}

// iGate's search answer, in the shape its versions answer: its own status ids (here the 1-10
// numbering plus 100, which the kiosk must not trust), dates with "+0700" offsets.
json igate_shape(const json& d, const std::string& shape) {
  const json g = generic_shape(d);
  const int status = g["status"].value("id", 0);
  const std::string proc_name = g["procedure"].value("name", ""), unit = g.value("current_unit", "");
  const bool arrays = shape == "array";
  json c = {{"id", d.value("guid", "")},
            {"code", g["code"]},
            {"nationCode", g["code"]},
            {"acceptedDate", date_from_today(-d.value("received_days_ago", 0)) + "T08:00:00.000+0700"},
            {"appointmentDate", g["appointment_at"].get<std::string>() + "T17:00:00.000+0700"},
            {"dossierStatus", {{"id", status + 100}, {"name", g["status"].value("text", "")}}},
            {"dossierTaskStatus",
             {{"id", "task"},
              {"name", arrays ? json::array({{{"languageId", 46}, {"name", "Processing"}}, {{"languageId", 228}, {"name", unit}}})
                              : json(unit)}}},
            {"procedure",
             {{"code", g["procedure"].value("code", "")},
              {"translate", arrays ? json::array({{{"languageId", 228}, {"name", proc_name}}})
                                   : json{{"languageId", 228}, {"name", proc_name}}}}},
            {"applicant", {{"data", {{"fullname", d["owner"].value("name", "")}}}}},
            {"accepter", {{"fullname", d.contains("received_by") ? d["received_by"].value("name", "") : ""}}}};
  const std::string id = d["owner"].value("id_number", "");
  if (shape == "number-identity") c["applicant"]["data"]["identityNumber"] = std::stoull(id);
  else if (shape != "no-identity") c["applicant"]["data"]["identityNumber"] = id;
  if (!g["completed_at"].is_null()) c["completedDate"] = g["completed_at"].get<std::string>() + "T10:00:00.000+0700";
  return {{"content", json::array({c})}, {"totalElements", 1}};
}

// The generic API checks the owner's id (X-Owner-Id: the whole number or at least its last four
// digits) and answers 404 alike for an unknown code and a wrong id.
bool owner_ok(const json& d, const std::string& owner_id) {
  const std::string id = d["owner"].value("id_number", "");
  return owner_id.size() >= 4 && id.size() >= owner_id.size() && id.compare(id.size() - owner_id.size(), owner_id.size(), owner_id) == 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"dossier-sim — stand-in one-stop backend (generic API + iGate search) on 127.0.0.1"};
  std::string fixtures, tls_cert, tls_key, ready_file;
  int port = 18640, tls_port = 0;
  cli.add_option("--fixtures", fixtures, "Dossier fixture file (tests/sim/dossiers.json)")->required();
  cli.add_option("--port", port, "HTTP port on 127.0.0.1 (0: any free port)");
  cli.add_option("--tls-port", tls_port, "Also serve HTTPS here with --tls-cert/--tls-key (for the bad-certificate case)");
  cli.add_option("--tls-cert", tls_cert, "PEM certificate");
  cli.add_option("--tls-key", tls_key, "PEM key");
  cli.add_option("--ready-file", ready_file, "Write the bound ports here once listening");
  bool queue_demo = false;
  cli.add_flag("--queue-demo", queue_demo, "Start with two tickets of the day: one served (for rating from its QR), one waiting");
  CLI11_PARSE(cli, argc, argv);

  json db, counter_officers;
  try {
    std::ifstream in(fixtures);
    const json all = json::parse(in);
    db = all.at("dossiers");
    counter_officers = all.value("counter_officers", json::object());
  } catch (const std::exception& e) {
    std::cerr << "dossier-sim: cannot read " << fixtures << ": " << e.what() << '\n';
    return 2;
  }
  Faults faults;
  Shape shape;
  std::atomic<long> requests{0};

  auto find = [&](const std::string& key, const char* field) -> const json* {
    for (size_t i = 0; i < db.size(); ++i)
      if (db[i].value(field, "") == key) {
        std::lock_guard lock(shape.mu);
        // A confused backend: the next dossier's answer for this one's code.
        return shape.wrong_code ? &db[(i + 1) % db.size()] : &db[i];
      }
    return nullptr;
  };
  auto generic_mode = [&] {
    std::lock_guard lock(shape.mu);
    return shape.generic;
  };

  // Every data answer goes through here, so every fault applies to both API shapes.
  auto answer = [&](httplib::Response& res, int status, const json& body) {
    ++requests;
    std::string mode;
    int delay = 0;
    {
      std::lock_guard lock(faults.mu);
      mode = faults.mode;
      delay = faults.delay_ms;
      if (mode == "flaky") {
        if (faults.flaky_left > 0) {
          --faults.flaky_left;
        } else {
          mode = "none";
        }
      }
    }
    if (mode == "slow") std::this_thread::sleep_for(std::chrono::milliseconds(delay));
    if (mode == "http500") {
      res.status = 500;
      res.set_content("{\"error\":\"internal\"}", "application/json");
    } else if (mode == "flaky") {
      res.status = 503;
      res.set_content("{\"error\":\"busy\"}", "application/json");
    } else if (mode == "malformed") {
      res.set_content("{\"code\": \"000.00.12.H04-", "application/json");
    } else if (mode == "huge") {
      res.set_content(std::string(8 * 1024 * 1024, ' ') + body.dump(), "application/json");
    } else if (mode == "content-type") {
      res.set_content("<html><body>Hệ thống đang bảo trì</body></html>", "text/html; charset=utf-8");
    } else if (mode == "reset") {
      // Headers promise a body that never comes: the connection closes mid-answer.
      res.set_content_provider(
          1000, "application/json", [](size_t, size_t, httplib::DataSink&) { return false; }, nullptr);
    } else {
      res.status = status;
      res.set_content(body.dump(), "application/json; charset=utf-8");
    }
  };

  sim::PaymentSim payments(db, answer);
  sim::RatingSim ratings(counter_officers, answer);
  sim::QueueSim queue(answer, queue_demo);

  auto routes = [&](httplib::Server& srv) {
    auto generic = [&](const json* d, const httplib::Request& req, httplib::Response& res) {
      const std::string mode = generic_mode();
      if (!d || (mode == "checked" && !owner_ok(*d, req.get_header_value("X-Owner-Id"))))
        return answer(res, 404, {{"error", "no dossier with this code and owner"}});
      answer(res, 200, answer_generic(*d, mode, payments.paid(d->value("code", ""))));
    };
    // `generic` lives only while routes() runs: the handlers keep their own copy.
    // The center's figures for a month (the hall's display): fixed, as a month's report reads.
    srv.Get("/stats/month", [&](const httplib::Request& req, httplib::Response& res) {
      const std::string month = req.has_param("month") ? req.get_param_value("month") : "";
      answer(res, 200,
             {{"month", month}, {"received", 1248}, {"on_time", 1103}, {"late", 37}, {"in_progress", 108},
              {"agencies", json::array({{{"name", "Sở Tư pháp"}, {"received", 412}, {"on_time", 398}, {"late", 4}},
                                        {{"name", "Công an tỉnh"}, {"received", 301}, {"on_time", 280}, {"late", 2}},
                                        {{"name", "Sở Nông nghiệp và Môi trường"}, {"received", 215}, {"on_time", 171}, {"late", 24}},
                                        {{"name", "Sở Tài chính"}, {"received", 170}, {"on_time", 158}, {"late", 3}},
                                        {{"name", "Sở Xây dựng"}, {"received", 150}, {"on_time", 96}, {"late", 4}}})}});
    });
    srv.Get(R"(/dossiers/([^/]+))", [&, generic](const httplib::Request& req, httplib::Response& res) {
      generic(find(req.matches[1], "code"), req, res);
    });
    srv.Get(R"(/slips/([0-9a-fA-F-]+))", [&, generic](const httplib::Request& req, httplib::Response& res) {
      generic(find(req.matches[1], "guid"), req, res);
    });
    srv.Get("/pa/dossier/search", [&](const httplib::Request& req, httplib::Response& res) {
      const json* d = find(req.get_param_value("code"), "code");
      if (!d) return answer(res, 200, {{"content", json::array()}, {"totalElements", 0}});
      std::string mode;
      {
        std::lock_guard lock(shape.mu);
        mode = shape.igate;
      }
      answer(res, 200, igate_shape(*d, mode));
    });
    // iGate keeps fees apart, amounts as JSON decimals (10000.0).
    srv.Get("/pa/dossier-fee/--by-dossiers", [&](const httplib::Request& req, httplib::Response& res) {
      json out = json::array();
      for (const auto& d : db) {
        if (d.value("guid", "") != req.get_param_value("dossier-ids") || !d.contains("fees_due")) continue;
        const bool paid = payments.paid(d.value("code", ""));
        for (const auto& it : d["fees_due"]["items"]) {
          const json names = json::array({json{{"languageId", 228}, {"name", it.value("name", "")}}});
          json fee = json::object();
          fee["id"] = "fee-" + it.value("name", "");
          fee["procost"] = json{{"type", json{{"name", names}}}};
          fee["amount"] = static_cast<double>(it.value("amount", 0));
          fee["quantity"] = 1;
          fee["paid"] = paid ? static_cast<double>(it.value("amount", 0)) : 0.0;
          fee["required"] = 1;
          out.push_back(fee);
        }
      }
      answer(res, 200, out);
    });
    payments.routes(srv);
    ratings.routes(srv);
    queue.routes(srv);
    srv.Post("/_sim/shape", [&](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard lock(shape.mu);
      if (req.has_param("generic")) shape.generic = req.get_param_value("generic");
      if (req.has_param("igate")) shape.igate = req.get_param_value("igate");
      if (req.has_param("wrong_code")) shape.wrong_code = req.get_param_value("wrong_code") == "1";
      res.set_content(json{{"generic", shape.generic}, {"igate", shape.igate}, {"wrong_code", shape.wrong_code}}.dump(),
                      "application/json");
    });
    srv.Post("/_sim/fault", [&](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard lock(faults.mu);
      faults.mode = req.has_param("mode") ? req.get_param_value("mode") : "none";
      if (req.has_param("delay_ms")) faults.delay_ms = std::stoi(req.get_param_value("delay_ms"));
      faults.flaky_left = req.has_param("count") ? std::stoi(req.get_param_value("count")) : 2;
      res.set_content(json{{"mode", faults.mode}}.dump(), "application/json");
    });
    srv.Get("/_sim/stats", [&](const httplib::Request&, httplib::Response& res) {
      res.set_content(json{{"requests", requests.load()}}.dump(), "application/json");
    });
  };

  httplib::Server http;
  routes(http);
  const int bound = port == 0 ? http.bind_to_any_port("127.0.0.1") : (http.bind_to_port("127.0.0.1", port) ? port : -1);
  if (bound < 0) {
    std::cerr << "dossier-sim: cannot listen on 127.0.0.1:" << port << '\n';
    return 1;
  }
  std::unique_ptr<httplib::SSLServer> https;
  std::thread tls_thread;
  int tls_bound = 0;
  if (tls_port) {
    https = std::make_unique<httplib::SSLServer>(tls_cert.c_str(), tls_key.c_str());
    if (!https->is_valid()) {
      std::cerr << "dossier-sim: cannot load " << tls_cert << " / " << tls_key << '\n';
      return 1;
    }
    routes(*https);
    tls_bound = https->bind_to_port("127.0.0.1", tls_port) ? tls_port : -1;
    if (tls_bound < 0) {
      std::cerr << "dossier-sim: cannot listen on 127.0.0.1:" << tls_port << '\n';
      return 1;
    }
    tls_thread = std::thread([&] { https->listen_after_bind(); });
  }
  if (!ready_file.empty()) {
    // Whole or not at all: whoever waits for the file reads the ports at once.
    const std::string partial = ready_file + ".part";
    std::ofstream(partial) << "http=" << bound << "\nhttps=" << tls_bound << '\n';
    std::filesystem::rename(partial, ready_file);
  }
  std::cerr << "dossier-sim: " << db.size() << " dossiers on http://127.0.0.1:" << bound
            << (tls_bound > 0 ? " and https://127.0.0.1:" + std::to_string(tls_bound) : std::string()) << '\n';
  http.listen_after_bind();
  if (https) {
    https->stop();
    tls_thread.join();
  }
  return 0;
}

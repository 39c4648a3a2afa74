#include "queue_sim.hpp"

#include <algorithm>
#include <ctime>
#include <map>
#include <mutex>
#include <vector>

namespace sim {

using nlohmann::json;

namespace {

constexpr const char* kCenter = "hcc-tinh-mau";

// The sample center's services: letter, name, agency, counters.
const json& services() {
  static const json s = json::array({
      {{"id", "tai-chinh"}, {"letter", "A"}, {"name", "Tài chính, thuế, kho bạc"}, {"agency", "Sở Tài chính"},
       {"counters", {"1", "2", "3", "4"}}, {"open_hours", "07:30-11:30, 13:30-17:00"}, {"priority", true}},
      {{"id", "nong-nghiep-moi-truong"}, {"letter", "B"}, {"name", "Đất đai, nông nghiệp, môi trường"},
       {"agency", "Sở Nông nghiệp và Môi trường"}, {"counters", {"5", "6"}}, {"open_hours", "07:30-11:30, 13:30-17:00"}, {"priority", true}},
      {{"id", "xay-dung"}, {"letter", "C"}, {"name", "Xây dựng, nhà ở"}, {"agency", "Sở Xây dựng"},
       {"counters", {"7", "8"}}, {"open_hours", "07:30-11:30, 13:30-17:00"}, {"priority", false}},
      {{"id", "cong-an"}, {"letter", "D"}, {"name", "Cư trú, căn cước, xuất nhập cảnh"}, {"agency", "Công an tỉnh"},
       {"counters", {"9", "10"}}, {"open_hours", "07:30-11:30, 13:30-17:00"}, {"priority", true}},
      {{"id", "tu-phap"}, {"letter", "E"}, {"name", "Hộ tịch, chứng thực, lý lịch tư pháp"}, {"agency", "Sở Tư pháp"},
       {"counters", {"11", "12"}}, {"open_hours", "07:30-11:30, 13:30-17:00"}, {"priority", true}},
      {{"id", "ngan-hang"}, {"letter", "G"}, {"name", "Ngân hàng"}, {"agency", "Ngân hàng Nhà nước chi nhánh"},
       {"counters", {"13"}}, {"open_hours", "07:30-11:30, 13:30-17:00"}, {"priority", true}},
      {{"id", "toa-an"}, {"letter", "H"}, {"name", "Tòa án"}, {"agency", "Tòa án nhân dân"},
       {"counters", {"14"}}, {"open_hours", "07:30-11:30, 13:30-17:00"}, {"priority", true}},
  });
  return s;
}

const json* service(const std::string& id) {
  for (const auto& s : services())
    if (s["id"] == id) return &s;
  return nullptr;
}

std::string now_iso() {
  // The center's own time (UTC+7), whatever the machine's zone.
  const std::time_t t = std::time(nullptr) + 7 * 3600;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[40];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S+07:00", &tm);
  return buf;
}

}  // namespace

struct QueueSim::State {
  Answer answer;
  std::mutex mu;
  std::map<std::string, json> tickets;            // by id
  std::vector<std::string> order;                 // ids as issued
  std::map<std::string, std::string> by_key;      // idempotency key -> ticket id
  std::map<std::string, json> key_bodies;         // what each key asked
  std::map<std::string, int> next_number;         // per service
  std::string lie = "none";                       // none | other-service | other-center
  long posts = 0;

  int waiting_in(const std::string& svc) const {
    int n = 0;
    for (const auto& [id, t] : tickets) n += t["service"] == svc && t["state"] == "waiting";
    return n;
  }
  std::string serving(const std::string& svc) const {
    std::string number;
    for (const auto& id : order) {
      const json& t = tickets.at(id);
      if (t["service"] == svc && t["state"] == "called") number = t["number"];
    }
    return number;
  }
};

QueueSim::QueueSim(Answer answer) : s_(std::make_unique<State>()) { s_->answer = std::move(answer); }
QueueSim::~QueueSim() = default;

void QueueSim::routes(httplib::Server& srv) {
  State& s = *s_;
  srv.Get("/queue/services", [&s](const httplib::Request&, httplib::Response& res) {
    json list = json::array();
    for (json v : services()) {
      v.erase("letter");
      list.push_back(v);
    }
    s.answer(res, 200, {{"center", kCenter}, {"services", list}});
  });
  srv.Post("/queue/tickets", [&s](const httplib::Request& req, httplib::Response& res) {
    const json body = json::parse(req.body, nullptr, false);
    const std::string key = req.get_header_value("Idempotency-Key");
    if (key.empty()) return s.answer(res, 400, {{"error", "an Idempotency-Key is required"}});
    if (!body.is_object() || !body.contains("service") || !body["service"].is_string())
      return s.answer(res, 400, {{"error", "a ticket needs a service"}});
    const json* svc = service(body["service"]);
    if (!svc) return s.answer(res, 404, {{"error", "no such service"}});
    if (body.value("priority", "none") != "none" && !(*svc)["priority"].get<bool>())
      return s.answer(res, 422, {{"error", "this service takes no priority tickets"}});
    json ticket;
    {
      std::lock_guard lock(s.mu);
      ++s.posts;
      if (auto it = s.by_key.find(key); it != s.by_key.end()) {
        // A repeat of the same tap: the same ticket, never a second one.
        if (s.key_bodies[key] != body) return s.answer(res, 422, {{"error", "this Idempotency-Key was used for another request"}});
        ticket = s.tickets[it->second];
      } else {
        const std::string svc_id = (*svc)["id"];
        const int n = ++s.next_number[svc_id];
        const std::string id = "t" + std::to_string(s.order.size() + 1);
        const int ahead = s.waiting_in(svc_id);
        ticket = {{"id", id},
                  {"number", (*svc)["letter"].get<std::string>() + "-" + std::to_string(1000 + n)},
                  {"center", kCenter},
                  {"service", svc_id},
                  {"counters", (*svc)["counters"]},
                  {"waiting_ahead", ahead},
                  {"estimated_wait_minutes", std::min(ahead * 4, 8 * 60)},  // a working day at most
                  {"issued_at", now_iso()},
                  {"hash", "h" + std::to_string(std::hash<std::string>{}(id + key) % 1000000007)},
                  {"state", "waiting"},
                  {"priority", body.value("priority", "none")},
                  {"procedure", body.value("procedure", "")},
                  {"kiosk", body.value("kiosk", "")},
                  {"idempotency_key", key}};
        s.tickets[id] = ticket;
        s.order.push_back(id);
        s.by_key[key] = id;
        s.key_bodies[key] = body;
      }
      if (s.lie == "other-service") ticket["service"] = "xay-dung" == ticket["service"] ? "cong-an" : "xay-dung";
      if (s.lie == "other-center") ticket["center"] = "hcc-tinh-khac";
    }
    for (const char* k : {"priority", "procedure", "kiosk", "idempotency_key"}) ticket.erase(k);
    // Issued before the answer: a fault below loses the answer, not the ticket (the kiosk asks
    // again with the same key and gets this one).
    s.answer(res, 201, {{"ticket", ticket}});
  });
  srv.Get(R"(/queue/tickets/([A-Za-z0-9._-]+))", [&s](const httplib::Request& req, httplib::Response& res) {
    json ticket;
    {
      std::lock_guard lock(s.mu);
      auto it = s.tickets.find(req.matches[1]);
      if (it == s.tickets.end()) return s.answer(res, 404, {{"error", "no such ticket"}});
      ticket = it->second;
      ticket["waiting_ahead"] = 0;
      for (const auto& id : s.order) {
        if (id == ticket["id"]) break;
        const json& t = s.tickets[id];
        ticket["waiting_ahead"] = ticket["waiting_ahead"].get<int>() + (t["service"] == ticket["service"] && t["state"] == "waiting");
      }
    }
    for (const char* k : {"priority", "procedure", "kiosk", "idempotency_key"}) ticket.erase(k);
    s.answer(res, 200, {{"ticket", ticket}});
  });
  srv.Get("/queue/status", [&s](const httplib::Request&, httplib::Response& res) {
    json list = json::array();
    {
      std::lock_guard lock(s.mu);
      for (const auto& v : services()) list.push_back({{"id", v["id"]}, {"serving", s.serving(v["id"])}, {"waiting", s.waiting_in(v["id"])}});
    }
    s.answer(res, 200, {{"services", list}});
  });
  // An officer calls the next waiting number of a service at a counter (or marks it a no-show).
  srv.Post("/_sim/queue/call", [&s](const httplib::Request& req, httplib::Response& res) {
    const json body = json::parse(req.body, nullptr, false);
    if (!body.is_object()) return res.status = 400, void();
    std::lock_guard lock(s.mu);
    for (const auto& id : s.order) {
      json& t = s.tickets[id];
      if (t["service"] == body.value("service", "") && t["state"] == "called") t["state"] = body.value("previous", "served");
    }
    for (const auto& id : s.order) {
      json& t = s.tickets[id];
      if (t["service"] != body.value("service", "") || t["state"] != "waiting") continue;
      t["state"] = "called";
      t["counter"] = body.value("counter", t["counters"][0].get<std::string>());
      if (body.contains("officer")) t["officer"] = body["officer"];
      res.set_content(t.dump(), "application/json");
      return;
    }
    res.status = 404;
    res.set_content(R"({"error":"nobody waiting"})", "application/json");
  });
  srv.Post("/_sim/queue/lie", [&s](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(s.mu);
    s.lie = req.has_param("mode") ? req.get_param_value("mode") : "none";
    res.set_content(json{{"lie", s.lie}}.dump(), "application/json");
  });
  // Every ticket issued, with the key it was issued for.
  srv.Get("/_sim/queue", [&s](const httplib::Request&, httplib::Response& res) {
    std::lock_guard lock(s.mu);
    json out = json::array();
    for (const auto& id : s.order) out.push_back(s.tickets[id]);
    res.set_content(json{{"tickets", out}, {"posts", s.posts}}.dump(), "application/json");
  });
}

}  // namespace sim

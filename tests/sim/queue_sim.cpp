#include "queue_sim.hpp"

#include "queue_sim_state.hpp"

namespace sim {

using nlohmann::json;

QueueSim::QueueSim(Answer answer, bool demo) : s_(std::make_unique<State>()) {
  s_->answer = std::move(answer);
  // Bookings made online: one for today, one for tomorrow (too early to check in).
  s_->bookings["bk-0001"] = {{"service", "tu-phap"}, {"date", center_date()}, {"code", "a7k2"}};
  s_->bookings["bk-0002"] = {{"service", "cong-an"}, {"date", center_date(1)}, {"code", "m3q9"}};
  if (!demo) return;
  // A citizen served at counter 11 by an officer of the sample roster, and one still waiting:
  // their printed tickets' QR codes are TTHCQ1|hcc-tinh-mau|d1|hdemo1 and …|d2|hdemo2.
  auto seed = [&](const char* id, const char* number, const char* service, const char* state, const char* hash) {
    json t = {{"id", id}, {"number", number}, {"center", kCenter}, {"service", service}, {"counters", service_counters(service)},
              {"waiting_ahead", 0}, {"estimated_wait_minutes", 0}, {"issued_at", now_iso()}, {"hash", hash}, {"state", state},
              {"priority", "none"}, {"kiosk", "quay-le-tan"}, {"seq", 0}, {"documento", ""}};
    s_->tickets[id] = t;
    s_->order.push_back(id);
  };
  seed("d1", "E-0999", "tu-phap", "served", "hdemo1");
  s_->tickets["d1"]["counter"] = "11";
  s_->tickets["d1"]["officer"] = {{"id", "MAU-CB07"}, {"name", "Đỗ Thị Tham Khảo"}};
  seed("d2", "D-0998", "cong-an", "waiting", "hdemo2");
}
QueueSim::~QueueSim() = default;

void QueueSim::routes(httplib::Server& srv) {
  State& s = *s_;
  novosga_routes(srv);
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
        ticket = s.issue(*svc, body.value("priority", "none"), body.value("kiosk", ""), "");
        ticket["procedure"] = body.value("procedure", "");
        ticket["idempotency_key"] = key;
        s.tickets[ticket["id"]] = ticket;
        s.by_key[key] = ticket["id"];
        s.key_bodies[key] = body;
      }
      if (s.lie == "other-service") ticket["service"] = "xay-dung" == ticket["service"] ? "cong-an" : "xay-dung";
      if (s.lie == "other-center") ticket["center"] = "hcc-tinh-khac";
    }
    strip_internal(ticket);
    // Issued before the answer: a fault below loses the answer, not the ticket (the kiosk asks
    // again with the same key and gets this one).
    s.answer(res, 201, {{"ticket", ticket}});
  });
  // A booking's check-in: its ticket, once per booking whatever the key (a repeat, another kiosk).
  srv.Post("/queue/checkins", [&s](const httplib::Request& req, httplib::Response& res) {
    const json body = json::parse(req.body, nullptr, false);
    if (req.get_header_value("Idempotency-Key").empty()) return s.answer(res, 400, {{"error", "an Idempotency-Key is required"}});
    if (!body.is_object() || !body.contains("booking") || !body["booking"].is_string())
      return s.answer(res, 400, {{"error", "a check-in needs a booking"}});
    json ticket;
    {
      std::lock_guard lock(s.mu);
      auto b = s.bookings.find(body["booking"]);
      if (b == s.bookings.end()) return s.answer(res, 404, {{"error", "no such booking"}});
      if (body.value("code", "") != b->second["code"]) return s.answer(res, 403, {{"error", "the booking's code does not match"}});
      if (b->second["date"] != center_date()) return s.answer(res, 409, {{"error", "the booking is for " + b->second["date"].get<std::string>()}});
      if (auto done = s.checked_in.find(b->first); done != s.checked_in.end()) {
        ticket = s.tickets[done->second];
      } else {
        ++s.posts;
        ticket = s.issue(*service(b->second["service"]), "none", body.value("kiosk", ""), "");
        ticket["booking"] = b->first;
        s.tickets[ticket["id"]] = ticket;
        s.checked_in[b->first] = ticket["id"];
      }
    }
    strip_internal(ticket);
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
    strip_internal(ticket);
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
      s.announce(id, false);
      res.set_content(t.dump(), "application/json");
      return;
    }
    res.status = 404;
    res.set_content(R"({"error":"nobody waiting"})", "application/json");
  });
  // The officer calls the number at their counter again (the citizen did not come up).
  srv.Post("/_sim/queue/recall", [&s](const httplib::Request& req, httplib::Response& res) {
    const json body = json::parse(req.body, nullptr, false);
    std::lock_guard lock(s.mu);
    for (auto it = s.order.rbegin(); it != s.order.rend(); ++it) {
      const json& t = s.tickets[*it];
      if (body.is_object() && t["service"] == body.value("service", "") && t["state"] == "called") {
        s.announce(*it, true);
        res.set_content(t.dump(), "application/json");
        return;
      }
    }
    res.status = 404;
    res.set_content(R"({"error":"nobody called"})", "application/json");
  });
  // The hall's display asks for the calls after the last it saw (0: the last ten).
  srv.Get("/queue/calls", [&s](const httplib::Request& req, httplib::Response& res) {
    int64_t after = 0;
    try {
      after = req.has_param("after") ? std::stoll(req.get_param_value("after")) : 0;
    } catch (const std::exception&) {
      return s.answer(res, 400, {{"error", "'after' is a number"}});
    }
    json list = json::array();
    {
      std::lock_guard lock(s.mu);
      const size_t from = after > 0 ? static_cast<size_t>(std::min<int64_t>(after, static_cast<int64_t>(s.calls.size())))
                                    : (s.calls.size() > 10 ? s.calls.size() - 10 : 0);
      for (size_t i = from; i < s.calls.size(); ++i) {
        json c = s.calls[i];
        c.erase("ticket");
        list.push_back(c);
      }
    }
    s.answer(res, 200, {{"calls", list}});
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

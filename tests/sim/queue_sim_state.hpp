// The queue simulator's state, shared by its two protocols (internal to the simulator).
#pragma once
#include <algorithm>
#include <ctime>
#include <map>
#include <mutex>
#include <set>
#include <vector>

#include "queue_sim.hpp"

namespace sim {

using nlohmann::json;

inline constexpr const char* kCenter = "hcc-tinh-mau";

// The sample center's services: letter, name, agency, counters.
inline const json& services() {
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

inline const json* service(const std::string& id) {
  for (const auto& s : services())
    if (s["id"] == id) return &s;
  return nullptr;
}

// The center's own time (UTC+7), whatever the machine's zone, `days` from now.
inline std::string center_date(int days = 0) {
  const std::time_t t = std::time(nullptr) + 7 * 3600 + days * 86400;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

inline std::string now_iso() {
  // The center's own time (UTC+7), whatever the machine's zone.
  const std::time_t t = std::time(nullptr) + 7 * 3600;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[40];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S+07:00", &tm);
  return buf;
}

inline json service_counters(const std::string& id) {
  const json* s = service(id);
  return s ? (*s)["counters"] : json::array();
}

// What only the simulator keeps of a ticket (and NovoSGA's view of it).
inline void strip_internal(json& t) {
  for (const char* k : {"priority", "procedure", "kiosk", "idempotency_key", "seq", "documento", "prioridade", "booking"}) t.erase(k);
}

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

  std::set<std::string> tokens;                   // NovoSGA access tokens given and still good
  std::map<std::string, json> bookings;           // booked online: id -> service, date, code
  std::map<std::string, std::string> checked_in;  // booking id -> its ticket's id
  std::vector<json> calls;                        // every call and recall, seq from 1
  // A call of ticket `id` to the hall's display.
  void announce(const std::string& id, bool recall) {
    const json& t = tickets.at(id);
    calls.push_back({{"seq", static_cast<int64_t>(calls.size()) + 1}, {"number", t["number"]}, {"service", t["service"]},
                     {"counter", t.value("counter", "")}, {"recall", recall}, {"ticket", id}});
  }

  // A new ticket of `svc`, numbered in its sequence, ids in issue order ("t17" is NovoSGA's 17).
  json issue(const json& svc, const std::string& priority, const std::string& kiosk, const std::string& documento) {
    const std::string svc_id = svc["id"];
    const int n = ++next_number[svc_id];
    const std::string id = "t" + std::to_string(order.size() + 1);
    const int ahead = waiting_in(svc_id);
    json t = {{"id", id},
              {"number", svc["letter"].get<std::string>() + "-" + std::to_string(1000 + n)},
              {"center", kCenter},
              {"service", svc_id},
              {"counters", svc["counters"]},
              {"waiting_ahead", ahead},
              {"estimated_wait_minutes", std::min(ahead * 4, 8 * 60)},  // a working day at most
              {"issued_at", now_iso()},
              {"hash", "h" + std::to_string(std::hash<std::string>{}(id + kiosk + documento) % 1000000007)},
              {"state", "waiting"},
              {"priority", priority},
              {"kiosk", kiosk},
              {"seq", n},
              {"documento", documento}};
    order.push_back(id);
    return t;
  }

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

}  // namespace sim

#include "content/queue_map.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "common/text.hpp"
#include "content/pack.hpp"

namespace kiosk::content {

using nlohmann::json;

namespace {

const std::set<std::string>& known_priorities() {
  static const std::set<std::string> p = {"nguoi-cao-tuoi", "nguoi-khuyet-tat", "phu-nu-mang-thai", "tre-em-duoi-6-tuoi"};
  return p;
}

bool is_id(const std::string& s) {
  if (s.empty() || s.size() > 64) return false;
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isalnum(c) || c == '-' || c == '_' || c == '.'; });
}

std::vector<std::string> texts(const json& rule, const char* key, const std::string& where) {
  std::vector<std::string> out;
  auto it = rule.find(key);
  if (it == rule.end()) return out;
  if (!it->is_array()) throw PackError("queue.json: " + where + ": '" + key + "' is not a list");
  for (const auto& v : *it) {
    if (!v.is_string()) throw PackError("queue.json: " + where + ": '" + key + "' holds something that is not text");
    out.push_back(text::to_nfc(text::trim(v.get<std::string>())));
  }
  return out;
}

template <class T>
bool has(const std::vector<T>& v, const T& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

}  // namespace

std::optional<std::string> QueueMap::service_for(const Procedure& p) const {
  for (const auto& r : rules)
    if (has(r.procedures, p.code)) return r.service;
  if (!p.counter.empty())
    for (const auto& r : rules)
      if (has(r.counters, p.counter)) return r.service;
  for (const auto& r : rules)
    if (has(r.fields, p.field)) return r.service;
  for (const auto& r : rules)
    for (const auto& a : p.agencies)
      if (has(r.agencies, a)) return r.service;
  return std::nullopt;
}

QueueMap parse_queue_map(std::string_view json_text, const std::vector<Procedure>& procedures) {
  if (!text::is_valid_utf8(json_text)) throw PackError("queue.json is not valid UTF-8");
  const json j = json::parse(json_text, nullptr, false);
  if (!j.is_object()) throw PackError("queue.json is not a JSON object");
  QueueMap m;
  if (!j.contains("center") || !j["center"].is_string() || !is_id(j["center"].get<std::string>()))
    throw PackError("queue.json: 'center' is not the queue server's center id");
  m.center = j["center"];
  for (const auto& p : texts(j, "priorities", "the center"))
    if (!known_priorities().count(p)) throw PackError("queue.json: unknown priority '" + p + "'");
    else m.priorities.push_back(p);

  std::set<std::string> codes, counters, fields, agencies;
  for (const auto& p : procedures) {
    codes.insert(p.code);
    if (!p.counter.empty()) counters.insert(p.counter);
    fields.insert(p.field);
    agencies.insert(p.agencies.begin(), p.agencies.end());
  }
  auto it = j.find("services");
  if (it == j.end() || !it->is_array()) throw PackError("queue.json: 'services' is not a list");
  // Each key (a code, a counter…) belongs to one service: two would make the number depend on order.
  std::map<std::string, std::string> owner;
  for (size_t i = 0; i < it->size(); ++i) {
    const json& r = (*it)[i];
    const std::string where = "service " + std::to_string(i + 1);
    if (!r.is_object() || !r.contains("service") || !r["service"].is_string() || !is_id(r["service"].get<std::string>()))
      throw PackError("queue.json: " + where + " has no valid 'service' id");
    QueueRule rule;
    rule.service = r["service"];
    rule.procedures = texts(r, "procedures", where);
    rule.counters = texts(r, "counters", where);
    rule.fields = texts(r, "fields", where);
    rule.agencies = texts(r, "agencies", where);
    auto check = [&](const std::vector<std::string>& v, const std::set<std::string>& known, const char* what) {
      for (const auto& x : v) {
        if (!known.count(x)) throw PackError("queue.json: " + rule.service + ": no procedure has the " + what + " '" + x + "'");
        const auto [pos, fresh] = owner.emplace(std::string(what) + ":" + x, rule.service);
        if (!fresh && pos->second != rule.service)
          throw PackError("queue.json: the " + std::string(what) + " '" + x + "' is given to " + pos->second + " and to " + rule.service);
      }
    };
    check(rule.procedures, codes, "code");
    check(rule.counters, counters, "counter");
    check(rule.fields, fields, "field");
    check(rule.agencies, agencies, "agency");
    if (rule.procedures.empty() && rule.counters.empty() && rule.fields.empty() && rule.agencies.empty())
      throw PackError("queue.json: " + rule.service + " names no procedure, counter, field or agency");
    m.rules.push_back(std::move(rule));
  }
  return m;
}

json to_json(const QueueMap& m) {
  json services = json::array();
  for (const auto& r : m.rules)
    services.push_back({{"service", r.service}, {"procedures", r.procedures}, {"counters", r.counters}, {"fields", r.fields}, {"agencies", r.agencies}});
  return {{"center", m.center}, {"priorities", m.priorities}, {"services", services}};
}

}  // namespace kiosk::content

#include "json_fields.hpp"

#include "common/text.hpp"

namespace kiosk::queue::fields {

using nlohmann::json;

const json& object_at(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_object()) throw BadAnswer(std::string("no object '") + key + "'");
  return *it;
}

std::string text_at(const json& j, const char* key, size_t max, bool required) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) {
    if (required) throw BadAnswer(std::string("no '") + key + "'");
    return {};
  }
  if (!it->is_string()) throw BadAnswer(std::string("'") + key + "' is not a text");
  std::string s = text::printable(text::trim(it->get<std::string>()));
  if (s.size() > max) throw BadAnswer(std::string("'") + key + "' is too long");
  if (required && s.empty()) throw BadAnswer(std::string("'") + key + "' is empty");
  return s;
}

int int_at(const json& j, const char* key, int max) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number_integer()) throw BadAnswer(std::string("'") + key + "' is not a whole number");
  const int64_t v = it->get<int64_t>();
  if (v < 0 || v > max) throw BadAnswer(std::string("'") + key + "' is out of range");
  return static_cast<int>(v);
}

std::vector<std::string> counters_at(const json& j) {
  auto it = j.find("counters");
  if (it == j.end() || !it->is_array() || it->size() > 64) throw BadAnswer("'counters' is not a list of counters");
  std::vector<std::string> out;
  for (const auto& c : *it) {
    if (!c.is_string()) throw BadAnswer("a counter is not a text");
    std::string s = text::printable(text::trim(c.get<std::string>()));
    if (s.empty() || s.size() > 16) throw BadAnswer("a counter's name is empty or too long");
    out.push_back(std::move(s));
  }
  return out;
}

std::string id_at(const json& j, const char* key, size_t max) {
  std::string s = text_at(j, key, max, true);
  for (unsigned char c : s)
    if (!std::isalnum(c) && c != '-' && c != '_' && c != '.') throw BadAnswer(std::string("'") + key + "' is not an id");
  return s;
}

Ticket::State state_from(const std::string& s) {
  if (s == "waiting") return Ticket::State::Waiting;
  if (s == "called") return Ticket::State::Called;
  if (s == "served") return Ticket::State::Served;
  if (s == "no-show") return Ticket::State::NoShow;
  throw BadAnswer("unknown ticket state '" + s + "'");
}

json parse_object(std::string_view body) {
  json j = json::parse(body, nullptr, false);
  if (!j.is_object()) throw BadAnswer("the answer is not a JSON object");
  return j;
}


json parse_any(std::string_view body) {
  json j = json::parse(body, nullptr, false);
  if (!j.is_object() && !j.is_array()) throw BadAnswer("the answer is not JSON");
  return j;
}

}  // namespace kiosk::queue::fields

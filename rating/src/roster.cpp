#include "rating/roster.hpp"

#include <cctype>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "common/text.hpp"
#include "search/fold.hpp"

namespace kiosk::rating {

using nlohmann::json;

namespace {

std::string folded_name(const std::string& name) {
  std::string out;
  for (const auto& w : search::words(search::fold(name))) out += (out.empty() ? "" : " ") + w;
  return out;
}

}  // namespace

std::vector<content::Officer> officers_at(const std::vector<content::Officer>& roster, const std::string& counter) {
  std::vector<content::Officer> out;
  for (const auto& o : roster)
    if (o.counter == counter) out.push_back(o);
  return out;
}

std::optional<content::Officer> match_officer(const std::vector<content::Officer>& roster, const std::string& id,
                                              const std::string& name) {
  if (!id.empty())
    for (const auto& o : roster)
      if (o.id == id) return o;
  const std::string want = folded_name(name);
  if (want.empty()) return std::nullopt;
  std::optional<content::Officer> found;
  for (const auto& o : roster) {
    if (folded_name(o.name) != want) continue;
    if (found) return std::nullopt;  // two officers of that name: the rating must not pick one
    found = o;
  }
  return found;
}

std::vector<content::Officer> parse_officers_answer(std::string_view body, const std::string& counter) {
  const json j = json::parse(body, nullptr, false);
  if (!j.is_object() || !j.contains("officers") || !j["officers"].is_array())
    throw std::runtime_error("the officers answer is not {\"officers\": [...]}");
  std::vector<content::Officer> out;
  for (const auto& o : j["officers"]) {
    if (!o.is_object()) throw std::runtime_error("an officer is not an object");
    auto str = [&](const char* k) {
      auto it = o.find(k);
      return it != o.end() && it->is_string() ? text::printable(text::trim(it->get<std::string>())) : std::string();
    };
    content::Officer off{str("id"), str("name"), str("title"), counter, {}};
    if (off.id.empty() || off.name.empty()) throw std::runtime_error("an officer without an id or a name");
    if (off.id.size() > 64 || off.name.size() > 200 || off.title.size() > 200) throw std::runtime_error("an officer's fields are too long");
    out.push_back(std::move(off));
    if (out.size() > 200) throw std::runtime_error("more officers than a counter has");
  }
  return out;
}

std::optional<std::vector<content::Officer>> fetch_officers(const std::string& backend, const std::string& counter,
                                                            const std::vector<std::string>& headers, const http::Options& o,
                                                            std::string* why) {
  std::string ignored;
  std::string& reason = why ? *why : ignored;
  for (unsigned char c : counter)
    if (!std::isalnum(c) && c != '-' && c != '_' && c != '.') {
      reason = "a counter id that cannot go into a path";
      return std::nullopt;  // ids go into the path as they are
    }
  if (counter.empty()) return std::nullopt;
  http::Request r;
  r.url = backend + "/counters/" + counter + "/officers";
  r.headers = headers;
  r.headers.push_back("Accept: application/json");
  const auto res = http::perform(r, o);
  if (const auto* e = std::get_if<http::Error>(&res)) {
    reason = std::string(http::kind_name(e->kind)) + ": " + e->detail;
    return std::nullopt;
  }
  const auto& resp = std::get<http::Response>(res);
  if (resp.status != 200) {
    reason = "HTTP " + std::to_string(resp.status);
    return std::nullopt;
  }
  try {
    auto list = parse_officers_answer(resp.body, counter);
    if (list.empty()) return std::nullopt;
    return list;
  } catch (const std::exception& e) {
    reason = e.what();
    return std::nullopt;
  }
}

}  // namespace kiosk::rating

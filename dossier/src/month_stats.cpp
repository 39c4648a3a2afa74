#include "dossier/month_stats.hpp"

#include <nlohmann/json.hpp>

#include "common/text.hpp"

namespace kiosk::dossier {

using nlohmann::json;

namespace {

constexpr long kMaxCount = 10'000'000;

long count_at(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number_integer()) throw BadStats(std::string("'") + key + "' is not a whole number");
  const int64_t v = it->get<int64_t>();
  if (v < 0 || v > kMaxCount) throw BadStats(std::string("'") + key + "' is out of range");
  return static_cast<long>(v);
}

bool month_like(const std::string& m) {
  return m.size() == 7 && m[4] == '-' && std::isdigit(static_cast<unsigned char>(m[0])) && std::isdigit(static_cast<unsigned char>(m[5])) &&
         std::isdigit(static_cast<unsigned char>(m[6])) && (m[5] == '0' || (m[5] == '1' && m[6] <= '2')) && m != "0000-00";
}

}  // namespace

std::optional<int> MonthStats::on_time_percent(long on_time, long late) {
  if (on_time + late <= 0) return std::nullopt;
  return static_cast<int>((on_time * 100 + (on_time + late) / 2) / (on_time + late));
}

MonthStats parse_month_stats(std::string_view body) {
  const json j = json::parse(body, nullptr, false);
  if (!j.is_object()) throw BadStats("the answer is not a JSON object");
  MonthStats s;
  auto m = j.find("month");
  if (m == j.end() || !m->is_string() || !month_like(m->get<std::string>())) throw BadStats("'month' is not YYYY-MM");
  s.month = m->get<std::string>();
  s.received = count_at(j, "received");
  s.on_time = count_at(j, "on_time");
  s.late = count_at(j, "late");
  s.in_progress = count_at(j, "in_progress");
  if (auto a = j.find("agencies"); a != j.end()) {
    if (!a->is_array() || a->size() > 200) throw BadStats("'agencies' is not a list");
    for (const auto& g : *a) {
      if (!g.is_object() || !g.contains("name") || !g["name"].is_string()) throw BadStats("an agency without a name");
      AgencyFigures f;
      f.name = text::printable(text::trim(g["name"].get<std::string>()));
      if (f.name.empty() || f.name.size() > 200) throw BadStats("an agency's name is empty or too long");
      f.received = count_at(g, "received");
      f.on_time = count_at(g, "on_time");
      f.late = count_at(g, "late");
      s.agencies.push_back(std::move(f));
    }
  }
  return s;
}

StatsResult fetch_month_stats(const BackendConfig& cfg, const std::string& month) {
  if (cfg.adapter != Adapter::Generic) return LookupError{LookupError::Kind::Unsupported, "statistics: only the generic API has them"};
  std::string base = cfg.base_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  http::Request r;
  r.url = base + "/stats/month?month=" + http::escape(month);
  r.headers = {"Accept: application/json"};
  if (!cfg.auth_header.empty()) r.headers.push_back(cfg.auth_header);
  const auto res = http::perform(r, http_options(cfg));
  if (const auto* e = std::get_if<http::Error>(&res))
    return LookupError{e->kind == http::Error::Kind::Timeout ? LookupError::Kind::Timeout : LookupError::Kind::Offline,
                       std::string("statistics: ") + http::kind_name(e->kind) + ": " + e->detail};
  const auto& resp = std::get<http::Response>(res);
  if (resp.status >= 500) return LookupError{LookupError::Kind::Server, "statistics: HTTP " + std::to_string(resp.status)};
  if (resp.status != 200) return LookupError{LookupError::Kind::BadAnswer, "statistics: HTTP " + std::to_string(resp.status)};
  try {
    auto s = parse_month_stats(resp.body);
    if (s.month != month) return LookupError{LookupError::Kind::BadAnswer, "statistics of " + s.month + ", not " + month};
    return s;
  } catch (const BadStats& e) {
    return LookupError{LookupError::Kind::BadAnswer, std::string("statistics: ") + e.what()};
  }
}

}  // namespace kiosk::dossier

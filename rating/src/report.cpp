#include "rating/report.hpp"

#include <algorithm>
#include <cmath>
#include <ctime>
#include <set>
#include <sstream>
#include <tuple>

#include "common/text.hpp"

namespace kiosk::rating {

using nlohmann::json;

namespace {

int64_t vietnam_start_of_month(int year, int month) {
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = 1;
  return static_cast<int64_t>(timegm(&tm)) - 7 * 3600;
}

std::string csv_field(std::string s) {
  // A spreadsheet takes a cell starting with = + - @ (or a tab or carriage return before one)
  // for a formula, as OWASP's CSV injection page lists them: names come from backends.
  if (!s.empty() && std::string_view("=+-@\t\r").find(s[0]) != std::string_view::npos) s.insert(0, "'");
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string pct(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

void sort_rows(std::vector<OfficerRow>& rows) {
  std::sort(rows.begin(), rows.end(), [](const OfficerRow& a, const OfficerRow& b) {
    return std::tie(a.agency, a.counter, a.name, a.officer) < std::tie(b.agency, b.counter, b.name, b.officer);
  });
}

json row_json(const OfficerRow& r) {
  return {{"officer", r.officer},
          {"name", r.name},
          {"counter", r.counter},
          {"agency", r.agency},
          {"rat_hai_long", r.rat_hai_long},
          {"hai_long", r.hai_long},
          {"khong_hai_long", r.khong_hai_long},
          {"total", r.total()},
          {"satisfied_pct", r.satisfied_pct()},
          {"paper", r.paper},
          {"reasons", r.reasons},
          {"other_reasons", r.other_words}};
}

std::string clean(const std::string& s) { return text::printable(text::trim(s)); }

}  // namespace

std::string Quarter::label() const { return std::to_string(year) + "Q" + std::to_string(number); }

std::string Quarter::roman() const {
  static const char* kRoman[] = {"I", "II", "III", "IV"};
  return number >= 1 && number <= 4 ? kRoman[number - 1] : "?";
}

std::optional<Quarter> parse_quarter(std::string_view text) {
  int year = 0, number = 0;
  const std::string s(text);
  char tail = 0;
  if (std::sscanf(s.c_str(), "%4dQ%1d%c", &year, &number, &tail) != 2 && std::sscanf(s.c_str(), "%4d-Q%1d%c", &year, &number, &tail) != 2 &&
      std::sscanf(s.c_str(), "Q%1d/%4d%c", &number, &year, &tail) != 2)
    return std::nullopt;
  if (year < 2000 || year > 2200 || number < 1 || number > 4) return std::nullopt;
  Quarter q{year, number, vietnam_start_of_month(year, 3 * number - 2),
            number == 4 ? vietnam_start_of_month(year + 1, 1) : vietnam_start_of_month(year, 3 * number + 1)};
  return q;
}

double OfficerRow::satisfied_pct() const {
  if (total() == 0) return 0;
  return std::round(1000.0 * (rat_hai_long + hai_long) / total()) / 10.0;
}

QuarterReport build_report(const Quarter& q, const std::vector<Rating>& ratings, const std::map<std::string, std::string>& reason_words) {
  QuarterReport rep;
  rep.quarter = q;
  rep.reason_words = reason_words;
  std::set<std::string> seen;
  std::map<std::string, OfficerRow> rows, flagged;
  for (const auto& r : ratings) {
    if (r.at < q.from || r.at >= q.to) continue;
    if (!seen.insert(r.id).second) {
      ++rep.duplicates;  // the same rating from two kiosks' databases (a copy, a restore)
      continue;
    }
    // An officer on the roster by id; one the backend named only by name, by name and counter.
    const std::string key = !r.officer_id.empty() ? "id:" + r.officer_id : "name:" + r.officer_name + "\x1f" + r.counter;
    OfficerRow& row = (r.flagged ? flagged : rows)[key];
    // Ratings merged from several kiosks' databases, older ones too: filtered here as well.
    if (row.officer.empty() && row.name.empty()) {
      row.officer = clean(r.officer_id);
      row.name = clean(r.officer_name);
      row.counter = clean(r.counter);
      row.agency = clean(r.agency);
    }
    switch (r.level) {
      case Level::RatHaiLong: ++row.rat_hai_long; break;
      case Level::HaiLong: ++row.hai_long; break;
      case Level::KhongHaiLong: {
        ++row.khong_hai_long;
        const std::string reason = r.reason.empty() ? "khac" : clean(r.reason);
        ++row.reasons[reason];
        if (reason == "khac" && !clean(r.comment).empty()) row.other_words.push_back(clean(r.comment));
        break;
      }
    }
    if (r.source == "paper") ++row.paper;
    if (!r.flagged) ++rep.ratings;
  }
  for (auto& [k, row] : rows) rep.officers.push_back(std::move(row));
  for (auto& [k, row] : flagged) rep.flagged.push_back(std::move(row));
  sort_rows(rep.officers);
  sort_rows(rep.flagged);
  return rep;
}

json to_json(const QuarterReport& r) {
  json officers = json::array(), flagged = json::array();
  int rat = 0, hai = 0, khong = 0, paper = 0;
  for (const auto& row : r.officers) {
    officers.push_back(row_json(row));
    rat += row.rat_hai_long;
    hai += row.hai_long;
    khong += row.khong_hai_long;
    paper += row.paper;
  }
  for (const auto& row : r.flagged) flagged.push_back(row_json(row));
  OfficerRow all;
  all.rat_hai_long = rat;
  all.hai_long = hai;
  all.khong_hai_long = khong;
  return {{"quarter", r.quarter.label()},
          {"from", r.quarter.from},
          {"to", r.quarter.to},
          {"officers", officers},
          {"flagged", flagged},
          {"totals", {{"rat_hai_long", rat}, {"hai_long", hai}, {"khong_hai_long", khong}, {"total", all.total()}, {"paper", paper},
                      {"satisfied_pct", all.satisfied_pct()}}},
          {"duplicates_merged", r.duplicates},
          {"reason_words", r.reason_words}};
}

std::string to_csv(const QuarterReport& r) {
  std::ostringstream out;
  out << "quarter,officer,name,counter,agency,rat_hai_long,hai_long,khong_hai_long,total,satisfied_pct,paper,reasons,other_reasons,"
         "flagged\n";
  auto put = [&](const OfficerRow& row, bool flagged) {
    std::string reasons, other;
    for (const auto& [id, n] : row.reasons) reasons += (reasons.empty() ? "" : "; ") + id + "=" + std::to_string(n);
    for (const auto& w : row.other_words) other += (other.empty() ? "" : " | ") + w;
    out << r.quarter.label() << ',' << csv_field(row.officer) << ',' << csv_field(row.name) << ',' << csv_field(row.counter) << ','
        << csv_field(row.agency) << ',' << row.rat_hai_long << ',' << row.hai_long << ',' << row.khong_hai_long << ',' << row.total()
        << ',' << pct(row.satisfied_pct()) << ',' << row.paper << ',' << csv_field(reasons) << ',' << csv_field(other) << ','
        << (flagged ? "yes" : "no") << '\n';
  };
  for (const auto& row : r.officers) put(row, false);
  for (const auto& row : r.flagged) put(row, true);
  return out.str();
}

}  // namespace kiosk::rating

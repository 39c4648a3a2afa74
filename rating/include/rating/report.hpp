// The quarterly report centers hand in: per officer, counter and agency, the count of each level,
// the total and the share satisfied ((rất hài lòng + hài lòng) / total), how many of them came
// from paper sheets, the reasons tallied (and the words of "khác"); ratings flagged as part of a
// burst apart. Every text in it is filtered to what is printable, and a CSV cell that a
// spreadsheet would take for a formula (= + - @, tab, carriage return first) is quoted. Several kiosks' ratings merge by id: a rating seen in
// two databases counts once.
#pragma once
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "rating/rating.hpp"

namespace kiosk::rating {

struct Quarter {
  int year = 0, number = 0;  // 2026, 4
  int64_t from = 0, to = 0;  // unix seconds, [from, to), days in Vietnam time
  std::string label() const;  // "2026Q4"
  std::string roman() const;  // "IV"
};
std::optional<Quarter> parse_quarter(std::string_view text);  // "2026Q4" (also "2026-Q4", "Q4/2026")

struct OfficerRow {
  std::string officer, name, counter, agency;
  int rat_hai_long = 0, hai_long = 0, khong_hai_long = 0;
  std::map<std::string, int> reasons;  // reason id -> count
  int paper = 0;  // of the total, ratings keyed in from paper survey sheets
  std::vector<std::string> other_words;  // what "khác" (a reason not in the pack) said, in words
  int total() const { return rat_hai_long + hai_long + khong_hai_long; }
  double satisfied_pct() const;  // one decimal; 0 when no ratings
};

struct QuarterReport {
  Quarter quarter;
  std::vector<OfficerRow> officers;  // by agency, counter, name
  std::vector<OfficerRow> flagged;   // the same, for ratings recorded in bursts
  int ratings = 0;                   // counted (not flagged), after merging
  int duplicates = 0;                // seen more than once across the databases
  std::map<std::string, std::string> reason_words;  // reason id -> the pack's words, for the tables
};

QuarterReport build_report(const Quarter& q, const std::vector<Rating>& ratings,
                           const std::map<std::string, std::string>& reason_words = {});
nlohmann::json to_json(const QuarterReport& r);
std::string to_csv(const QuarterReport& r);
// The center's quarterly table ("BẢNG TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ … QUÝ IV NĂM 2026"), Vietnamese
// headers. Throws std::runtime_error when the file cannot be written.
void write_xlsx(const QuarterReport& r, const std::filesystem::path& file, const std::string& center_name);

}  // namespace kiosk::rating

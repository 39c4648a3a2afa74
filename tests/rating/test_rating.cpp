// Ratings in the state database (the rules, durability with the outbox), the roster (matching a
// backend's name, its answer), the pack's rating.json, and the quarterly report (merging
// kiosks, the share satisfied, CSV and the spreadsheet read back).
#include <catch2/catch.hpp>
#include <ctime>

#include "common/files.hpp"
#include "content/pack.hpp"
#include "content/pack_content.hpp"
#include "content/rating_setup.hpp"
#include "process.hpp"
#include "rating/rating_log.hpp"
#include "rating/report.hpp"
#include "rating/roster.hpp"

using namespace kiosk;
using rating::Level;
using rating::Rating;

namespace {

Rating rating_of(const std::string& officer, Level level, const std::string& reason = {}, const std::string& dossier = {}) {
  Rating r;
  r.officer_id = officer;
  r.officer_name = "Cán bộ " + officer;
  r.counter = "Quầy 11–12";
  r.agency = "Sở Tư pháp (mẫu)";
  r.level = level;
  r.reason = reason;
  r.dossier = dossier;
  return r;
}

Rating recorded(rating::RatingLog& log, const Rating& r, int64_t at) {
  auto res = log.record(r, at);
  INFO((std::holds_alternative<rating::Refusal>(res) ? std::get<rating::Refusal>(res).detail : ""));
  REQUIRE(std::holds_alternative<Rating>(res));
  return std::get<Rating>(res);
}

std::vector<content::Agency> sample_agencies() {
  return {{"SAMPLE.STP", "Sở Tư pháp (mẫu)", {{"Q11", "Quầy 11–12", {}}}}, {"SAMPLE.STC", "Sở Tài chính (mẫu)", {{"Q1", "Quầy 1–4", {}}}}};
}

const int64_t kQ4 = 1793500000;  // 1 November 2026, inside 2026Q4

}  // namespace

TEST_CASE("a rating is durable with its outbox message, and the rules hold", "[rating]") {
  files::TempDir tmp;
  rating::RatingLog log(tmp.path() / "state.db", 7);
  const Rating a = recorded(log, rating_of("MAU-CB06", Level::RatHaiLong, {}, "000.00.12.H04-261110-0001"), kQ4);
  CHECK(a.id.size() == 32);
  CHECK(a.kiosk == 7);
  CHECK_FALSE(a.flagged);
  CHECK(log.backlog() == 1);
  // Read back from another connection: it is on disk.
  rating::RatingLog again(tmp.path() / "state.db", 7);
  REQUIRE(again.all().size() == 1);
  CHECK(again.all()[0].officer_id == "MAU-CB06");

  // One rating per dossier.
  auto twice = log.record(rating_of("MAU-CB07", Level::HaiLong, {}, "000.00.12.H04-261110-0001"), kQ4 + 5);
  REQUIRE(std::holds_alternative<rating::Refusal>(twice));
  CHECK(std::get<rating::Refusal>(twice).kind == rating::Refusal::Kind::DossierRated);
  // KHÔNG HÀI LÒNG needs a reason; a reason given with another level is dropped.
  auto no_reason = log.record(rating_of("MAU-CB06", Level::KhongHaiLong), kQ4 + 6);
  REQUIRE(std::holds_alternative<rating::Refusal>(no_reason));
  CHECK(std::get<rating::Refusal>(no_reason).kind == rating::Refusal::Kind::ReasonRequired);
  CHECK(recorded(log, rating_of("MAU-CB06", Level::HaiLong, "thai-do"), kQ4 + 7).reason.empty());
  // A comment longer than the cap is refused; control characters never reach the report.
  Rating loud = rating_of("MAU-CB06", Level::KhongHaiLong, "khac");
  loud.comment = std::string(rating::kMaxComment + 1, 'a');
  CHECK(std::get<rating::Refusal>(log.record(loud, kQ4 + 8)).kind == rating::Refusal::Kind::CommentTooLong);
  loud.comment = "chờ lâu\x1b[31m";
  CHECK(recorded(log, loud, kQ4 + 9).comment.find('\x1b') == std::string::npos);
  // Nobody to rate.
  Rating nobody = rating_of("", Level::HaiLong);
  nobody.officer_name.clear();
  CHECK(std::get<rating::Refusal>(log.record(nobody, kQ4 + 10)).kind == rating::Refusal::Kind::NoOfficer);
  CHECK(log.all().size() == 3);
  CHECK(log.backlog() == 3);
}

TEST_CASE("a burst from one kiosk is recorded, flagged, and counted apart", "[rating]") {
  files::TempDir tmp;
  rating::RatingLog log(tmp.path() / "state.db", 1, {3, 60});
  std::vector<bool> flags;
  for (int i = 0; i < 5; ++i) flags.push_back(recorded(log, rating_of("MAU-CB01", Level::KhongHaiLong, "thai-do"), kQ4 + i).flagged);
  CHECK(flags == std::vector<bool>{false, false, false, true, true});
  // A minute later the kiosk is calm again.
  CHECK_FALSE(recorded(log, rating_of("MAU-CB01", Level::HaiLong), kQ4 + 200).flagged);
  const auto day = log.today(kQ4 + 200);
  CHECK(day.khong_hai_long == 3);
  CHECK(day.hai_long == 1);
  CHECK(day.flagged == 2);
  const auto rep = rating::build_report(*rating::parse_quarter("2026Q4"), log.all());
  REQUIRE(rep.officers.size() == 1);
  CHECK(rep.officers[0].total() == 4);
  REQUIRE(rep.flagged.size() == 1);
  CHECK(rep.flagged[0].khong_hai_long == 2);
}

TEST_CASE("the survey's answers join the rating afterwards and go to the backend too", "[rating]") {
  files::TempDir tmp;
  rating::RatingLog log(tmp.path() / "state.db", 1);
  const Rating r = recorded(log, rating_of("MAU-CB01", Level::HaiLong), kQ4);
  CHECK(log.add_survey(r.id, {{"chiso1", "a"}, {"chiso9", "b"}}, kQ4 + 30));
  CHECK_FALSE(log.add_survey("00000000000000000000000000000000", {{"chiso1", "a"}}, kQ4 + 31));
  REQUIRE(log.all()[0].survey.size() == 2);
  CHECK(log.all()[0].survey[1] == std::pair<std::string, std::string>{"chiso9", "b"});
  CHECK(log.backlog() == 2);  // the rating, then its survey
}

TEST_CASE("a backend's officer name is matched to the roster, folded — two of that name match none", "[rating]") {
  const std::vector<content::Officer> roster = {{"MAU-CB06", "Vũ Văn Giả Định", "Chuyên viên", "Q11", ""},
                                                {"MAU-CB07", "Đỗ Thị Tham Khảo", "Chuyên viên", "Q11", ""},
                                                {"MAU-CB08", "Nguyễn Văn An", "", "Q1", ""},
                                                {"MAU-CB09", "Nguyễn Văn An", "", "Q5", ""}};
  CHECK(rating::match_officer(roster, "MAU-CB07", "")->name == "Đỗ Thị Tham Khảo");
  CHECK(rating::match_officer(roster, "", "VU VAN GIA DINH")->id == "MAU-CB06");
  CHECK(rating::match_officer(roster, "", "  vũ   văn giả  định ")->id == "MAU-CB06");
  CHECK(rating::match_officer(roster, "", "Đỗ Thị Tham-Khảo")->id == "MAU-CB07");
  CHECK_FALSE(rating::match_officer(roster, "", "Nguyễn Văn An"));  // two officers: the rating must not pick one
  CHECK_FALSE(rating::match_officer(roster, "", "Nguyễn Thị Tiếp Nhận"));
  CHECK(rating::officers_at(roster, "Q11").size() == 2);
}

TEST_CASE("the backend's list of officers on duty: its shape checked", "[rating]") {
  const auto list = rating::parse_officers_answer(R"({"officers": [{"id": "X1", "name": "Lý Thị Thay Ca", "title": "Chuyên viên"}]})", "Q1");
  REQUIRE(list.size() == 1);
  CHECK(list[0].counter == "Q1");
  CHECK(list[0].name == "Lý Thị Thay Ca");
  CHECK_THROWS(rating::parse_officers_answer("[]", "Q1"));
  CHECK_THROWS(rating::parse_officers_answer(R"({"officers": [{"name": "no id"}]})", "Q1"));
  CHECK_THROWS(rating::parse_officers_answer(R"({"officers": [1]})", "Q1"));
  CHECK_THROWS(rating::parse_officers_answer("not json", "Q1"));
}

TEST_CASE("the pack's rating.json is checked before a kiosk shows it", "[rating][content]") {
  const auto agencies = sample_agencies();
  const auto ok = content::parse_rating_setup(
      R"({"officers": [{"id": "A", "name": "Vũ Văn Giả Định", "counter": "Q11"}],
          "reasons": [{"id": "thai-do", "text": "Thái độ"}, {"id": "khac", "text": "Khác"}],
          "survey": [{"id": "c1", "title": "Tổng thể", "options": [{"id": "a", "text": "Tốt", "points": 2}, {"id": "b", "text": "Chưa tốt", "points": 0}]}]})",
      agencies);
  CHECK(ok.officers.size() == 1);
  CHECK(ok.survey[0].options[0].points == 2);
  const std::vector<std::pair<const char*, const char*>> bad = {
      {R"({"officers": [{"id": "A", "name": "X", "counter": "Q99"}]})", "which the pack does not have"},
      {R"({"officers": [{"id": "A", "name": "X", "counter": "Q1"}, {"id": "A", "name": "Y", "counter": "Q1"}]})", "listed twice"},
      {R"({"officers": [{"id": "A", "name": "X", "counter": "Q1", "photo": "../../etc/passwd"}]})", "photo"},
      {R"({"officers": [{"id": "A", "counter": "Q1"}]})", "lacks 'name'"},
      {R"({"reasons": [{"id": "thai-do", "text": "Thái độ"}]})", "khac"},
      {R"({"survey": [{"id": "c", "title": "t", "options": [{"id": "a", "text": "x", "points": 2.5}, {"id": "b", "text": "y", "points": 0}]}]})",
       "whole points"},
      {R"([1, 2])", "not a JSON object"}};
  for (const auto& [json, why] : bad) {
    INFO(json);
    CHECK_THROWS_WITH(content::parse_rating_setup(json, agencies), Catch::Contains(why));
  }
}

TEST_CASE("quarters are Vietnam's calendar quarters", "[rating][report]") {
  const auto q = rating::parse_quarter("2026Q4");
  REQUIRE(q);
  CHECK(q->roman() == "IV");
  std::tm tm{};
  tm.tm_year = 126;
  tm.tm_mon = 9;
  tm.tm_mday = 1;
  CHECK(q->from == timegm(&tm) - 7 * 3600);  // 1 October, midnight in Hà Nội
  tm.tm_year = 127;
  tm.tm_mon = 0;
  CHECK(q->to == timegm(&tm) - 7 * 3600);
  CHECK(rating::parse_quarter("2026-Q1")->number == 1);
  CHECK(rating::parse_quarter("Q2/2027")->year == 2027);
  for (const char* bad : {"2026Q5", "2026Q0", "26Q4", "2026Q4x", "", "Q4"}) CHECK_FALSE(rating::parse_quarter(bad));
}

TEST_CASE("the quarterly report merges kiosks without counting a rating twice", "[rating][report]") {
  files::TempDir tmp;
  rating::RatingLog kiosk1(tmp.path() / "k1.db", 1), kiosk2(tmp.path() / "k2.db", 2);
  std::vector<Rating> a, b;
  a.push_back(recorded(kiosk1, rating_of("MAU-CB06", Level::RatHaiLong), kQ4));
  a.push_back(recorded(kiosk1, rating_of("MAU-CB06", Level::HaiLong), kQ4 + 100));
  a.push_back(recorded(kiosk1, rating_of("MAU-CB06", Level::KhongHaiLong, "thai-do"), kQ4 + 200));
  b.push_back(recorded(kiosk2, rating_of("MAU-CB06", Level::KhongHaiLong, "cham"), kQ4 + 300));
  b.push_back(recorded(kiosk2, rating_of("MAU-CB07", Level::RatHaiLong), kQ4 + 400));
  // Outside the quarter: not counted.
  recorded(kiosk2, rating_of("MAU-CB07", Level::KhongHaiLong, "cham"), kQ4 + 90 * 86400);
  auto all = kiosk1.all();
  auto more = kiosk2.all();
  all.insert(all.end(), more.begin(), more.end());
  all.push_back(a[0]);  // the same rating again (a database copied, a restore)
  const auto rep = rating::build_report(*rating::parse_quarter("2026Q4"), all, {{"thai-do", "Thái độ"}, {"cham", "Giải quyết chậm"}});
  CHECK(rep.duplicates == 1);
  CHECK(rep.ratings == 5);
  REQUIRE(rep.officers.size() == 2);
  const auto& cb06 = rep.officers[0].officer == "MAU-CB06" ? rep.officers[0] : rep.officers[1];
  CHECK(cb06.rat_hai_long == 1);
  CHECK(cb06.hai_long == 1);
  CHECK(cb06.khong_hai_long == 2);
  CHECK(cb06.satisfied_pct() == Approx(50.0));
  CHECK(cb06.reasons.at("thai-do") == 1);
  CHECK(cb06.reasons.at("cham") == 1);
  const auto j = rating::to_json(rep);
  CHECK(j["quarter"] == "2026Q4");
  CHECK(j["totals"]["total"] == 5);
  CHECK(j["totals"]["satisfied_pct"] == Approx(60.0));
  const std::string csv = rating::to_csv(rep);
  CHECK(csv.find("MAU-CB06") != std::string::npos);
  CHECK(csv.find("50.0") != std::string::npos);
}

TEST_CASE("names a spreadsheet would take for formulas are written as text", "[rating][report][security]") {
  Rating r = rating_of("", Level::HaiLong);
  r.officer_name = "=HYPERLINK(\"http://x\")";
  r.at = kQ4;
  r.id = "1";
  const auto rep = rating::build_report(*rating::parse_quarter("2026Q4"), {r});
  CHECK(rating::to_csv(rep).find(",\"'=HYPERLINK(") != std::string::npos);
}

TEST_CASE("the quarterly spreadsheet opens, and its totals are the JSON's", "[rating][report]") {
  files::TempDir tmp;
  std::vector<Rating> all;
  for (int i = 0; i < 7; ++i) {
    Rating r = rating_of(i % 2 ? "MAU-CB06" : "MAU-CB07", i % 3 == 0 ? Level::KhongHaiLong : Level::RatHaiLong, "thai-do");
    r.id = std::to_string(1000 + i);
    r.at = kQ4 + i;
    r.flagged = i == 6;
    all.push_back(r);
  }
  const auto rep = rating::build_report(*rating::parse_quarter("2026Q4"), all, {{"thai-do", "Thái độ chưa đúng mực"}});
  const auto xlsx = tmp.path() / "q4.xlsx";
  rating::write_xlsx(rep, xlsx, "Trung tâm Phục vụ hành chính công tỉnh (MẪU)");
  // Read back by another implementation (openpyxl): headers in Vietnamese, totals as numbers.
  const std::string script =
      "import openpyxl, sys, json\n"
      "ws = openpyxl.load_workbook(sys.argv[1]).active\n"
      "rows = [[c.value for c in r] for r in ws.iter_rows()]\n"
      "title = [r[0] for r in rows if r[0]]\n"
      "total = next(r for r in rows if r[0] == 'Tổng cộng')\n"
      "print(json.dumps({'title': title[:3], 'header': rows[5], 'total': total[5:11], 'sheet': ws.title}, ensure_ascii=False))\n";
  files::write_file_durable(tmp.path() / "read.py", script);
  // Debian's python3 (python3-openpyxl), whatever python3 comes first on PATH.
  const auto out = test::run_program("/usr/bin/python3", {(tmp.path() / "read.py").string(), xlsx.string()});
  INFO(out.err);
  REQUIRE(out.exit_code == 0);
  const auto got = nlohmann::json::parse(out.out);
  const auto j = rating::to_json(rep);
  CHECK(got["title"][1].get<std::string>().find("BẢNG TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ") == 0);
  CHECK(got["title"][2] == "QUÝ IV NĂM 2026");
  CHECK(got["header"][5] == "Rất hài lòng");
  CHECK(got["sheet"] == "Quý IV 2026");
  CHECK(got["total"][0] == j["totals"]["rat_hai_long"]);
  CHECK(got["total"][1] == j["totals"]["hai_long"]);
  CHECK(got["total"][2] == j["totals"]["khong_hai_long"]);
  CHECK(got["total"][3] == j["totals"]["total"]);
  CHECK(got["total"][4] == j["totals"]["paper"]);
  CHECK(got["header"][9] == "Trong đó phiếu giấy");
  CHECK(got["total"][5].get<double>() == Approx(j["totals"]["satisfied_pct"].get<double>()));
}

TEST_CASE("paper survey sheets keyed in by staff are never a burst, and the report counts them apart", "[rating]") {
  files::TempDir tmp;
  rating::RatingLog log(tmp.path() / "state.db", 1, {3, 60});
  // Six sheets in half a minute: before, the fourth and all after it were flagged and left out.
  for (int i = 0; i < 6; ++i) {
    Rating r = rating_of("MAU-CB01", i == 5 ? Level::KhongHaiLong : Level::HaiLong, i == 5 ? "khac" : "");
    r.source = "paper";
    if (i == 5) r.comment = "Phải chờ quá lâu, không có ghế ngồi";
    CHECK_FALSE(recorded(log, r, kQ4 + 5 * i).flagged);
  }
  // Nor do they count towards the screen's own burst rule.
  CHECK_FALSE(recorded(log, rating_of("MAU-CB01", Level::RatHaiLong), kQ4 + 31).flagged);
  const auto rep = rating::build_report(*rating::parse_quarter("2026Q4"), log.all(), {{"thai-do", "Thái độ chưa đúng mực"}});
  REQUIRE(rep.officers.size() == 1);
  CHECK(rep.flagged.empty());
  CHECK(rep.officers[0].total() == 7);
  CHECK(rep.officers[0].paper == 6);
  // A reason not in the pack, kept under "khác" in the sheet's own words, shown in the report.
  REQUIRE(rep.officers[0].other_words.size() == 1);
  CHECK(rep.officers[0].other_words[0] == "Phải chờ quá lâu, không có ghế ngồi");
  const auto csv = rating::to_csv(rep);
  CHECK(csv.find(",paper,reasons,other_reasons,") != std::string::npos);
  CHECK(csv.find(",6,khac=1,\"Phải chờ quá lâu, không có ghế ngồi\",") != std::string::npos);
  CHECK(rating::to_json(rep)["totals"]["paper"] == 6);
}

TEST_CASE("one rating per dossier, whatever the spelling of its code", "[rating][security]") {
  files::TempDir tmp;
  rating::RatingLog log(tmp.path() / "state.db", 1);
  recorded(log, rating_of("MAU-CB01", Level::RatHaiLong, "", "000.00.12.H04-261115-0006"), kQ4);
  // Before: another spelling of the same code was a new dossier, rated again.
  for (const char* again : {"000.00.12.h04-261115-0006", "0000012H04-261115-0006", " 000.00.12.H04-261115-0006 "}) {
    INFO(again);
    const auto res = log.record(rating_of("MAU-CB01", Level::KhongHaiLong, "thai-do", again), kQ4 + 100);
    REQUIRE(std::holds_alternative<rating::Refusal>(res));
    CHECK(std::get<rating::Refusal>(res).kind == rating::Refusal::Kind::DossierRated);
  }
  CHECK(log.dossier_rated("000.00.12.h04-261115-0006"));
}

TEST_CASE("text from the backend reaches the report and the terminal filtered — a CSV cell cannot start a formula", "[rating][report][security]") {
  files::TempDir tmp;
  rating::RatingLog log(tmp.path() / "state.db", 1);
  Rating r = rating_of("", Level::HaiLong);
  r.officer_name = "Nguyễn Văn A\x1b]0;pwned\x07";
  r.counter = "\x1b[2J\x1b[31mQuầy 5";
  r.agency = "\tSở Tư pháp";
  const Rating kept = recorded(log, r, kQ4);
  // Before: the escape sequence was kept and ran in the staff's terminal.
  for (const std::string& t : {kept.officer_name, kept.counter, kept.agency}) CHECK(t.find_first_of("\x1b\x07\t\r\n") == std::string::npos);
  // Ratings merged from another kiosk's database are filtered when reported, and a cell a
  // spreadsheet would read as a formula after a tab or a carriage return is quoted.
  Rating raw = rating_of("", Level::HaiLong);
  raw.id = "2";
  raw.at = kQ4;
  raw.counter = "\x1b[2JQuầy 6";
  const auto rep = rating::build_report(*rating::parse_quarter("2026Q4"), {raw});
  CHECK(rep.officers.at(0).counter.find('\x1b') == std::string::npos);
  Rating tab = rating_of("", Level::HaiLong);
  tab.id = "3";
  tab.at = kQ4;
  tab.officer_name = "x";
  rating::QuarterReport forged = rating::build_report(*rating::parse_quarter("2026Q4"), {tab});
  forged.officers.at(0).name = "\t=cmd|' /C calc'!A0";
  forged.officers.at(0).agency = "\r=1+1";
  const auto csv = rating::to_csv(forged);
  CHECK(csv.find(",'\t=cmd") != std::string::npos);
  CHECK(csv.find("\"'\r=1+1\"") != std::string::npos);
}

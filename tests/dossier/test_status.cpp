#include <catch2/catch.hpp>

#include "dossier/adapters.hpp"
#include "dossier/status.hpp"

using namespace kiosk::dossier;
using namespace std::string_literals;

namespace {
const char* kGeneric = R"({
  "code": "000.00.12.H04-230101-0001",
  "procedure": {"code": "1.000894", "name": "Đăng ký kết hôn"},
  "owner": {"name_masked": "Nguyễn V*** A***"}, "owner_checked": true,
  "received_at": "2023-01-01T08:10:00+07:00", "appointment_at": "2023-01-04", "completed_at": null,
  "status": {"id": 4, "text": "Đang xử lý"}, "current_unit": "Phòng Tư pháp", "counter": "Quầy 5",
  "steps": [{"unit": "Bộ phận một cửa", "at": "2023-01-01 08:10", "action": "Tiếp nhận"}]})";

// A search result as public iGate clients show it: translate an object, dates without a colon in
// the offset, its own status ids, the id number a string.
const char* kIgate = R"({"content": [{"id": "64a1", "code": "H04-230101-0002", "nationCode": "G22.99-230101-0002",
  "appliedDate": "2023-01-01T01:10:00.000+0000", "acceptedDate": "2023-01-01T01:15:00.000+0000",
  "appointmentDate": "2023-01-10T17:00:00.000+0000",
  "dossierStatus": {"id": 4, "name": "Đã xử lý xong"},
  "dossierTaskStatus": {"id": "x", "name": "Chờ trả kết quả"},
  "procedure": {"id": "p", "code": "1.001193", "translate": {"languageId": 228, "name": "Đăng ký khai sinh"}},
  "applicant": {"userId": "u", "data": {"fullname": "Lê Thị Hoa", "identityNumber": "001299887766"}},
  "accepter": {"fullname": "Nguyễn Văn B"}}]})";
}  // namespace

TEST_CASE("the generic API maps to the internal model, the name already masked") {
  auto a = parse_generic(kGeneric);
  const auto& d = a.status;
  CHECK(d.code == "000.00.12.H04-230101-0001");
  CHECK(d.procedure_name == "Đăng ký kết hôn");
  CHECK(d.owner_masked == "Nguyễn V*** A***");
  CHECK(a.owner_checked);
  CHECK(a.owner_ids.empty());
  CHECK(d.status == Status::Processing);
  CHECK(d.received == Date{2023, 1, 1});
  CHECK(d.appointment == Date{2023, 1, 4});
  CHECK_FALSE(d.completed);
  REQUIRE(d.steps.size() == 1);
  CHECK(d.steps[0].unit == "Bộ phận một cửa");
  CHECK(is_late(d, {2023, 1, 5}));
  CHECK_FALSE(is_late(d, {2023, 1, 4}));
  CHECK(next_step(d, {2023, 1, 3}) == NextStep{NextStep::Kind::ComeBackOn, "Quầy 5", Date{2023, 1, 4}, ""});
  CHECK(next_step(d, {2023, 1, 5}).kind == NextStep::Kind::AskNewDate);
}

TEST_CASE("an older generic backend's full name and ids are masked and kept only as secrets") {
  auto a = parse_generic(R"({"code": "H04-230101-0001", "owner": {"name": "Trần Văn Bình", "id_number": "036185004321"},
                             "delegate": {"id_number": 79200011122}, "secret_code": "AB12CD"})");
  CHECK(a.status.owner_masked == "Trần V*** B***");
  CHECK_FALSE(a.owner_checked);
  REQUIRE(a.owner_ids.size() == 2);
  CHECK(a.owner_ids[0].view() == "036185004321");
  CHECK(a.owner_ids[1].view() == "79200011122");  // a number in the JSON
  CHECK(a.secret_code.view() == "AB12CD");
}

TEST_CASE("iGate's search shape maps to the same model") {
  auto a = parse_igate(kIgate);
  const auto& d = a.status;
  CHECK(d.code == "H04-230101-0002");
  CHECK(a.nation_code == "G22.99-230101-0002");
  CHECK(d.status == Status::Done);  // from its words: iGate's id 4 is not the 1-10 numbering
  CHECK(d.current_unit == "Chờ trả kết quả");
  CHECK(d.procedure_name == "Đăng ký khai sinh");
  CHECK(d.owner_masked == "Lê T*** H***");
  REQUIRE(a.owner_ids.size() == 1);
  CHECK(a.owner_ids[0].view() == "001299887766");
  CHECK(d.appointment == Date{2023, 1, 11});  // 17:00 UTC is past midnight in Vietnam
  CHECK(d.received == Date{2023, 1, 1});
  CHECK(next_step(d, {2024, 1, 1}) == NextStep{NextStep::Kind::CollectResult, "", std::nullopt, ""});
  CHECK_FALSE(is_late(d, {2024, 1, 1}));  // finished, and no completion date after the appointment
}

TEST_CASE("iGate's other shapes: translate arrays, task names as arrays, id numbers as numbers, unknown statuses") {
  auto a = parse_igate(R"({"content": [{"code": "H04-230101-0003", "appointmentDate": "2023-01-10T10:00:00.000+0700",
    "dossierStatus": {"id": 17, "name": "Trạng thái lạ"},
    "dossierTaskStatus": {"name": [{"languageId": 46, "name": "Appraisal"}, {"languageId": 228, "name": "Chờ thẩm định"}]},
    "procedure": {"code": "1.001612", "translate": [{"languageId": 46, "name": "Household business"},
                                                    {"languageId": 228, "name": "Đăng ký thành lập hộ kinh doanh"}]},
    "applicant": {"data": {"ownerFullname": "Phạm Minh Đức", "identityNumber": 1203112233}}}]})");
  const auto& d = a.status;
  CHECK(d.status == Status::Unknown);  // kept unknown, never guessed from its id
  CHECK(d.status_text == "Trạng thái lạ");
  CHECK(d.current_unit == "Chờ thẩm định");
  CHECK(d.procedure_name == "Đăng ký thành lập hộ kinh doanh");
  CHECK(d.owner_masked == "Phạm M*** Đ***");
  REQUIRE(a.owner_ids.size() == 1);
  CHECK(a.owner_ids[0].view() == "1203112233");
  CHECK(d.appointment == Date{2023, 1, 10});
  // A task name that is a plain string, and no applicant at all.
  auto b = parse_igate(R"({"content": [{"code": "H04-230101-0004", "dossierStatus": {"id": 2, "name": "Đang xử lý"},
                                        "dossierTaskStatus": {"name": "Phòng Tư pháp"}}]})");
  CHECK(b.status.status == Status::Processing);
  CHECK(b.status.current_unit == "Phòng Tư pháp");
  CHECK(b.owner_ids.empty());
  CHECK_THROWS_WITH(parse_igate(R"({"content": [{"code": "A"}, {"code": "B"}]})"), Catch::Contains("more than one"));
}

TEST_CASE("statuses are read from iGate's words") {
  CHECK(status_from_words("Mới đăng ký") == Status::Registered);
  CHECK(status_from_words("Được tiếp nhận") == Status::Accepted);
  CHECK(status_from_words("Không được tiếp nhận") == Status::Refused);
  CHECK(status_from_words("ĐANG XỬ LÝ") == Status::Processing);
  CHECK(status_from_words("Yêu cầu bổ sung giấy tờ") == Status::NeedsDocuments);
  CHECK(status_from_words("Yêu cầu thực hiện nghĩa vụ tài chính") == Status::NeedsPayment);
  CHECK(status_from_words("Công dân yêu cầu rút hồ sơ") == Status::Withdrawn);
  CHECK(status_from_words("Dừng xử lý") == Status::Stopped);
  CHECK(status_from_words("Đã xử lý xong") == Status::Done);
  CHECK(status_from_words("Đã trả kết quả") == Status::Returned);
  CHECK(status_from_words("") == Status::Unknown);
  CHECK(status_from_words("Chờ phê duyệt đặc biệt") == Status::Unknown);
}

TEST_CASE("every status has a name, late is computed, never a status") {
  for (long id = 0; id <= 11; ++id) CHECK_FALSE(std::string(status_name(status_from_id(id))).empty());
  CHECK(status_from_id(99) == Status::Unknown);
  DossierStatus d;
  d.appointment = Date{2023, 1, 4};
  d.status = Status::Returned;
  d.completed = Date{2023, 1, 6};
  CHECK(is_late(d, {2023, 2, 1}));  // returned, but two days after the appointment
  d.status = Status::Withdrawn;
  CHECK_FALSE(is_late(d, {2023, 2, 1}));
  d.status = Status::NeedsDocuments;
  d.supplement_note = "Bản sao giấy khai sinh";
  d.counter = "Quầy 5";
  CHECK(next_step(d, {2023, 2, 1}) == NextStep{NextStep::Kind::BringDocuments, "Quầy 5", std::nullopt, "Bản sao giấy khai sinh"});
}

TEST_CASE("personal data is masked, the owner check accepts the last digits") {
  CHECK(mask_name("Nguyễn Văn An") == "Nguyễn V*** A***");
  CHECK(mask_name("  Lê   Thị Ánh  Tuyết ") == "Lê T*** Á*** T***");
  CHECK(mask_name("Le Thi A\xcc\x81nh") == "Le T*** Á***");  // decomposed: the mark stays with its letter
  CHECK(mask_name("") == "");
  CHECK(mask_id("001099012345") == "********2345");
  CHECK(mask_id("123") == "***");
  CHECK(owner_matches("001099012345", "001099012345", 4));
  CHECK(owner_matches("001099012345", " 2345 ", 4));
  CHECK_FALSE(owner_matches("001099012345", "345", 4));
  CHECK_FALSE(owner_matches("001099012345", "9999", 4));
  CHECK_FALSE(owner_matches("", "", 4));
  CHECK(normalize_code(" h04-230101-0001 ") == "H04-230101-0001");
  CHECK(normalize_code("000.00.12.h04-261115-0006") == normalize_code("0000012H04-261115-0006"));
}

TEST_CASE("dates in the shapes backends write, as the day it is in Vietnam") {
  CHECK(parse_date("2023-01-10T17:00:00.000+0000") == Date{2023, 1, 11});
  CHECK(parse_date("2023-01-10T16:59:00.000+0000") == Date{2023, 1, 10});
  CHECK(parse_date("2023-01-10T23:30:00.000+0700") == Date{2023, 1, 10});
  CHECK(parse_date("2023-01-10T23:30:00+07:00") == Date{2023, 1, 10});
  CHECK(parse_date("2022-12-31T20:00:00Z") == Date{2023, 1, 1});
  CHECK(parse_date("2023-01-10T08:00:00") == Date{2023, 1, 10});  // no zone: as written
  CHECK(parse_date("2023-01-10") == Date{2023, 1, 10});
  CHECK(parse_date("10/01/2023") == Date{2023, 1, 10});
  CHECK_FALSE(parse_date("2023-01-10T08:00:00+07"s + ":9x"));
  CHECK_FALSE(parse_date("2023-13-01"));
  CHECK_FALSE(parse_date("yesterday"));
  CHECK_FALSE(parse_date(""));
}

TEST_CASE("a step's time as a citizen reads it, in Vietnam time") {
  CHECK(moment_text("2026-11-25 08:18") == "25/11/2026 08:18");
  CHECK(moment_text("2026-11-25T01:18:00Z") == "25/11/2026 08:18");
  CHECK(moment_text("2026-11-25T20:30:00.000+0000") == "26/11/2026 03:30");
  CHECK(moment_text("2026-11-25T08:18:00+07:00") == "25/11/2026 08:18");
  CHECK(moment_text("2026-11-25") == "25/11/2026");
  CHECK(moment_text("25/11/2026") == "25/11/2026");
  CHECK(moment_text("sáng thứ Hai") == "sáng thứ Hai");  // unknown shapes are shown as written
  CHECK(moment_text("2026-11-25 25:99") == "2026-11-25 25:99");
}

TEST_CASE("malformed answers are refused with a reason") {
  CHECK_THROWS_WITH(parse_generic("<html>502</html>"), Catch::Contains("not JSON"));
  CHECK_THROWS_WITH(parse_generic("[]"), Catch::Contains("not a JSON object"));
  CHECK_THROWS_WITH(parse_generic("{}"), Catch::Contains("no dossier code"));
  CHECK_THROWS_WITH(parse_generic("\"\xC3\x28\""), Catch::Contains("not UTF-8"));
  CHECK_THROWS_WITH(parse_igate(R"({"content": []})"), Catch::Contains("found no dossier"));
  CHECK_THROWS_WITH(parse_igate(R"({"items": []})"), Catch::Contains("no content list"));
  CHECK_THROWS_WITH(parse_igate(R"({"content": [42]})"), Catch::Contains("not an object"));
  // Wrong types inside are tolerated as missing, not fatal.
  auto a = parse_generic(R"({"code": "H04-230101-0001", "status": {"id": "x"}, "steps": "none", "owner_checked": "yes"})");
  CHECK(a.status.status == Status::Unknown);
  CHECK_FALSE(a.owner_checked);  // only a JSON true says the backend checked
}

TEST_CASE("fees: whole đồng from 0 up, a total that is the items' sum — negative or wrapping amounts refuse the answer",
          "[dossier][payment][security]") {
  auto with_fees = [](const std::string& items, const std::string& total) {
    return R"({"code": "H04-230101-0001", "status": {"id": 6}, "fees_due": {"items": [)" + items + R"(], "total": )" + total +
           R"(, "payee": {"name": "Kho bạc", "bin": "970415", "account": "1122"}}})";
  };
  const auto ok = parse_generic(with_fees(R"({"kind": "phi", "name": "Phí", "amount": 30000}, {"kind": "le_phi", "name": "Lệ phí", "amount": 20000.0})", "50000"));
  REQUIRE(ok.status.fees_due);
  CHECK(ok.status.fees_due->total == 50000);
  // A negative item that brings the sum to the total: refused, never "50.000 ₫ owed".
  CHECK_THROWS_WITH(parse_generic(with_fees(R"({"name": "a", "amount": 100000}, {"name": "b", "amount": -50000})", "50000")),
                    Catch::Contains("whole number of đồng"));
  // Two of INT64_MAX wrap to -2 in 64 bits: refused, whatever the total says.
  CHECK_THROWS(parse_generic(with_fees(R"({"name": "a", "amount": 9223372036854775807}, {"name": "b", "amount": 9223372036854775807})", "-2")));
  CHECK_THROWS(parse_generic(with_fees(R"({"name": "a", "amount": 18446744073709551615})", "18446744073709551615")));
  CHECK_THROWS(parse_generic(with_fees(R"({"name": "a", "amount": 9000000000000}, {"name": "b", "amount": 9000000000000})", "18000000000000")));
  // iGate: a unit price times a quantity that would wrap.
  CHECK_THROWS(parse_igate_fees(R"([{"amount": 4611686018427387904, "quantity": 4}])", {}));
  CHECK_THROWS(parse_igate_fees(R"([{"amount": -10000, "quantity": 1}])", {}));
  CHECK(parse_igate_fees(R"([{"amount": 10000.0, "quantity": 3, "procost": {"type": {"name": "Lệ phí"}}}])", {}).total == 30000);
}

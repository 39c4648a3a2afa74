#include <catch2/catch.hpp>

#include "dossier/adapters.hpp"
#include "dossier/status.hpp"

using namespace kiosk::dossier;

namespace {
const char* kGeneric = R"({
  "code": "000.00.12.H04-230101-0001",
  "procedure": {"code": "1.000894", "name": "Đăng ký kết hôn"},
  "owner": {"name": "Nguyễn Văn An", "id_number": "001099012345"},
  "received_at": "2023-01-01T08:10:00+07:00", "appointment_at": "2023-01-04", "completed_at": null,
  "status": {"id": 4, "text": "Đang xử lý"}, "current_unit": "Phòng Tư pháp", "counter": "Quầy 5",
  "steps": [{"unit": "Bộ phận một cửa", "at": "2023-01-01 08:10", "action": "Tiếp nhận"}]})";

const char* kIgate = R"({"content": [{"id": "64a1", "code": "H04-230101-0002", "nationCode": "G22.99-230101-0002",
  "appointmentDate": "2023-01-10T17:00:00.000+0000",
  "dossierStatus": {"id": 9, "name": "Đã xử lý xong"},
  "dossierTaskStatus": {"id": "x", "name": [{"languageId": 46, "name": "Done"}, {"languageId": 228, "name": "Chờ trả kết quả"}]},
  "procedure": {"code": "1.001193", "translate": [{"languageId": 228, "name": "Đăng ký khai sinh"}]}}]})";
}  // namespace

TEST_CASE("the generic API maps to the internal model") {
  auto d = parse_generic(kGeneric);
  CHECK(d.code == "000.00.12.H04-230101-0001");
  CHECK(d.procedure_name == "Đăng ký kết hôn");
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

TEST_CASE("the iGate shape maps to the same model") {
  auto d = parse_igate(kIgate);
  CHECK(d.code == "H04-230101-0002");
  CHECK(d.status == Status::Done);
  CHECK(d.current_unit == "Chờ trả kết quả");
  CHECK(d.procedure_name == "Đăng ký khai sinh");
  CHECK(d.appointment == Date{2023, 1, 10});
  CHECK(next_step(d, {2024, 1, 1}) == NextStep{NextStep::Kind::CollectResult, "", std::nullopt, ""});
  CHECK_FALSE(is_late(d, {2024, 1, 1}));  // finished, and no completion date after the appointment
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
  CHECK(mask_name("") == "");
  CHECK(mask_id("001099012345") == "********2345");
  CHECK(mask_id("123") == "***");
  CHECK(owner_matches("001099012345", "001099012345", 4));
  CHECK(owner_matches("001099012345", " 2345 ", 4));
  CHECK_FALSE(owner_matches("001099012345", "345", 4));
  CHECK_FALSE(owner_matches("001099012345", "9999", 4));
  CHECK_FALSE(owner_matches("", "", 4));
}

TEST_CASE("dates in the shapes backends write") {
  CHECK(parse_date("2023-01-10T17:00:00.000+0000") == Date{2023, 1, 10});
  CHECK(parse_date("10/01/2023") == Date{2023, 1, 10});
  CHECK_FALSE(parse_date("2023-13-01"));
  CHECK_FALSE(parse_date("yesterday"));
  CHECK_FALSE(parse_date(""));
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
  auto d = parse_generic(R"({"code": "H04-230101-0001", "status": {"id": "x"}, "steps": "none"})");
  CHECK(d.status == Status::Unknown);
}

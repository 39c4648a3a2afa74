#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "model/kind_texts.hpp"
#include "model/strings.hpp"

using namespace kiosk::app;

TEST_CASE("every text key is worded in Vietnamese and English", "[texts]") {
  // Keys that read the same in both languages on purpose.
  const std::set<Text> same = {Text::Numbers, Text::Letters};
  for (size_t i = 0; i < kTextCount; ++i) {
    const auto key = static_cast<Text>(i);
    const std::string vi = tr(Language::Vi, key), en = tr(Language::En, key);
    INFO("text key " << i << ": " << vi);
    CHECK_FALSE(vi.empty());
    CHECK_FALSE(en.empty());
    if (!same.count(key)) CHECK(vi != en);
  }
  CHECK(std::string(tr(Language::Vi, Text::Count_)).empty());
  CHECK(std::string(weekday_name(Language::Vi, 1)) == "Thứ Hai");
  CHECK(std::string(weekday_name(Language::En, 0)) == "Sunday");
}

TEST_CASE("every kind a capability reports is worded in both languages", "[texts]") {
  using kiosk::dossier::LookupError;
  using kiosk::dossier::NextStep;
  using kiosk::dossier::Status;
  for (int id = 0; id <= 10; ++id) {
    const auto s = static_cast<Status>(id);
    CHECK(status_words(s, Language::Vi) != status_words(s, Language::En));
  }
  CHECK(status_words(Status::Done, Language::Vi) == "Đã có kết quả, chờ trả");
  CHECK(status_words(Status::Done, Language::En) == "The result is ready to collect");
  for (int k = 0; k <= static_cast<int>(LookupError::Kind::Unsupported); ++k) {
    const auto kind = static_cast<LookupError::Kind>(k);
    CHECK(std::string(lookup_error_words(kind, Language::Vi)) != lookup_error_words(kind, Language::En));
  }
  for (int k = 0; k <= static_cast<int>(kiosk::printing::PrinterProblem::Other); ++k) {
    const auto p = static_cast<kiosk::printing::PrinterProblem>(k);
    CHECK(std::string(printer_problem_words(p, Language::Vi)) != printer_problem_words(p, Language::En));
  }
  CHECK(std::string(printer_problem_words(kiosk::printing::PrinterProblem::MediaEmpty, Language::Vi)) ==
        "Máy in hết giấy, vui lòng liên hệ cán bộ.");
  for (auto k : {kiosk::dossier::SlipRefusal::Kind::NotASlip, kiosk::dossier::SlipRefusal::Kind::BadCode})
    CHECK(std::string(slip_refusal_words(k, Language::Vi)) != slip_refusal_words(k, Language::En));
  // Next steps carry their data into both languages.
  const NextStep collect{NextStep::Kind::CollectResult, "Quầy 5", std::nullopt, ""};
  CHECK(next_step_words(collect, Language::Vi) == "Mời ông/bà đến Quầy 5 nhận kết quả");
  CHECK(next_step_words(collect, Language::En) == "Please collect the result at Quầy 5");
  const NextStep back{NextStep::Kind::ComeBackOn, "", kiosk::dossier::Date{2026, 12, 4}, ""};
  CHECK(next_step_words(back, Language::Vi) == "Mời ông/bà quay lại vào ngày hẹn 04/12/2026");
  CHECK(next_step_words(back, Language::En).find("04/12/2026") != std::string::npos);
  const NextStep late{NextStep::Kind::AskNewDate, "", std::nullopt, ""};
  CHECK(next_step_words(late, Language::Vi).find("Bộ phận một cửa") != std::string::npos);
  CHECK(next_step_words(late, Language::En).find("one-stop desk") != std::string::npos);
}

// What the voice says for what the screen shows: a table of cases, written from the kiosk's own
// screens (fees, dates, counters, codes) and the GUIDE's abbreviations.
#include <catch2/catch.hpp>

#include "vntext/speech_text.hpp"

using kiosk::vntext::spell_code;
using kiosk::vntext::speech_text;

TEST_CASE("speech text: numbers, amounts, dates, times, codes, abbreviations", "[vntext][speech]") {
  const std::vector<std::pair<const char*, const char*>> cases = {
      // Numbers as said, "linh" not "lẻ".
      {"0", "không"},
      {"5", "năm"},
      {"10", "mười"},
      {"15", "mười lăm"},
      {"21", "hai mươi mốt"},
      {"24", "hai mươi tư"},
      {"25", "hai mươi lăm"},
      {"100", "một trăm"},
      {"105", "một trăm linh năm"},
      {"110", "một trăm mười"},
      {"1.005", "một nghìn không trăm linh năm"},
      {"2.000", "hai nghìn"},
      {"10.000", "mười nghìn"},
      {"1.000.000", "một triệu"},
      {"03 ngày làm việc", "ba ngày làm việc"},
      {"01 bản chính", "một bản chính"},
      {"1,5 ngày", "một phẩy năm ngày"},
      {"0,05", "không phẩy không năm"},
      {"100%", "một trăm phần trăm"},
      {"50%", "năm mươi phần trăm"},
      // Amounts: the wrong "không trăm" of a plain synthesizer never appears.
      {"50.000 ₫", "năm mươi nghìn đồng"},
      {"1.250.000 đồng", "một triệu hai trăm năm mươi nghìn đồng"},
      {"Lệ phí 1.250.000 ₫", "Lệ phí một triệu hai trăm năm mươi nghìn đồng"},
      {"70.000 ₫", "bảy mươi nghìn đồng"},
      {"100,000 Việt Nam Đồng", "một trăm nghìn Việt Nam Đồng"},
      {"50.000đ", "năm mươi nghìn đồng"},
      {"50.000₫", "năm mươi nghìn đồng"},
      {"200.000 VNĐ", "hai trăm nghìn đồng"},
      {"8.000 VND", "tám nghìn đồng"},
      {"1.500.500 ₫", "một triệu năm trăm nghìn năm trăm đồng"},
      {"Phí: 30.000 ₫; lệ phí: 8.000 ₫", "Phí, ba mươi nghìn đồng, lệ phí, tám nghìn đồng"},
      {"Tổng cộng: 108.000 ₫", "Tổng cộng, một trăm linh tám nghìn đồng"},
      // Dates and times.
      {"29/11/2026", "ngày hai mươi chín tháng mười một năm hai nghìn không trăm hai mươi sáu"},
      {"01/01/2025", "ngày mồng một tháng một năm hai nghìn không trăm hai mươi lăm"},
      {"15/04/2024", "ngày mười lăm tháng tư năm hai nghìn không trăm hai mươi tư"},
      {"5/9/2023", "ngày mồng năm tháng chín năm hai nghìn không trăm hai mươi ba"},
      {"31/12/1999", "ngày ba mươi mốt tháng mười hai năm một nghìn chín trăm chín mươi chín"},
      {"20/01", "ngày hai mươi tháng một"},
      {"11/2026", "tháng mười một năm hai nghìn không trăm hai mươi sáu"},
      {"Hẹn trả: 20/01/2024", "Hẹn trả, ngày hai mươi tháng một năm hai nghìn không trăm hai mươi tư"},
      // A date after the word "ngày" (or a month after "tháng") does not say it again.
      {"Ngày 05/01/2027", "Ngày mồng năm tháng một năm hai nghìn không trăm hai mươi bảy"},
      {"Hẹn trả ngày 20/01/2024.", "Hẹn trả ngày hai mươi tháng một năm hai nghìn không trăm hai mươi tư."},
      {"Tháng 11/2026", "Tháng mười một năm hai nghìn không trăm hai mươi sáu"},
      {"ngày 20/01", "ngày hai mươi tháng một"},
      {"7:30", "bảy giờ ba mươi phút"},
      {"17:00", "mười bảy giờ"},
      {"13:05", "mười ba giờ năm phút"},
      {"7h30", "bảy giờ ba mươi phút"},
      {"8h", "tám giờ"},
      {"7:30–11:30", "bảy giờ ba mươi phút đến mười một giờ ba mươi phút"},
      {"In lúc 18:26 29/11/2026.", "In lúc mười tám giờ hai mươi sáu phút ngày hai mươi chín tháng mười một năm hai nghìn không trăm hai mươi sáu."},
      // Counters and ranges.
      {"Quầy 11–12", "Quầy mười một đến mười hai"},
      {"Quầy 1-4", "Quầy một đến bốn"},
      {"Quầy 5", "Quầy năm"},
      {"Thứ Hai – Thứ Sáu", "Thứ Hai đến Thứ Sáu"},
      {"0200 000", "không hai không không không không không"},
      // Codes letter by letter.
      {"1.000894", "một chấm không không không tám chín bốn"},
      {"Mã thủ tục: 2.002069", "Mã thủ tục, hai chấm không không hai không sáu chín"},
      {"000.00.12.H04-230101-0001",
       "không không không chấm không không chấm một hai chấm hát không bốn gạch hai ba không một không một gạch không không "
       "không một"},
      {"BN-2024-000123", "bê en nờ gạch hai không hai bốn gạch không không không một hai ba"},
      {"H01", "hát không một"},
      {"CT01", "xê tê không một"},
      {"FT24015123456", "ép tê hai bốn không một năm một hai ba bốn năm sáu"},
      // Phone numbers digit by digit.
      {"0200 000 0000", "không hai không không không không không không không không không"},
      {"ĐT: 0912345678", "điện thoại, không chín một hai ba bốn năm sáu bảy tám"},
      // Abbreviations.
      {"CCCD", "căn cước công dân"},
      {"CMND", "chứng minh nhân dân"},
      {"GPLX", "giấy phép lái xe"},
      {"ĐKKD", "đăng ký kinh doanh"},
      {"HKD", "hộ kinh doanh"},
      {"TNHH", "trách nhiệm hữu hạn"},
      {"BHXH", "bảo hiểm xã hội"},
      {"BHYT", "bảo hiểm y tế"},
      {"BHTN", "bảo hiểm thất nghiệp"},
      {"TNCN", "thu nhập cá nhân"},
      {"MST", "mã số thuế"},
      {"QSDĐ", "quyền sử dụng đất"},
      {"GCN", "giấy chứng nhận"},
      {"UBND", "Ủy ban nhân dân"},
      {"UBND xã", "Ủy ban nhân dân xã"},
      {"Cấp đổi CCCD", "Cấp đổi căn cước công dân"},
      {"CMND/CCCD", "chứng minh nhân dân hoặc căn cước công dân"},
      {"(UBND)", "Ủy ban nhân dân"},
      {"Công ty TNHH một thành viên", "Công ty trách nhiệm hữu hạn một thành viên"},
      // Masked names and links are not read.
      {"Người nộp: Nguyễn V*** A***", "Người nộp,"},
      {"Chủ hồ sơ Trần T*** B***, đã có kết quả", "Chủ hồ sơ, đã có kết quả"},
      {"Xem tại https://dichvucong.gov.vn/p/home", "Xem tại"},
      {"www.dichvucong.gov.vn", ""},
      // Bullets, brackets and quotes are not read; pauses are kept.
      {"- Tờ khai đăng ký kết hôn;", "Tờ khai đăng ký kết hôn,"},
      {"+ Bản sao giấy khai sinh", "Bản sao giấy khai sinh"},
      {"\"Đã tiếp nhận\"", "Đã tiếp nhận"},
      {"Hộ chiếu/Thẻ căn cước", "Hộ chiếu hoặc Thẻ căn cước"},
      {"Thời hạn: 3 Ngày làm việc", "Thời hạn, ba Ngày làm việc"},
      {"dòng một\ndòng hai", "dòng một. dòng hai"},
      {"", ""},
      {"   ", ""},
      // Plain words pass through unchanged.
      {"Đăng ký kết hôn", "Đăng ký kết hôn"},
      {"Miễn phí", "Miễn phí"},
  };
  REQUIRE(cases.size() >= 80);
  for (const auto& [in, want] : cases) {
    INFO("input: " << in);
    CHECK(speech_text(in) == want);
  }
}

TEST_CASE("spell_code reads every character and nothing else", "[vntext][speech]") {
  CHECK(spell_code("1.000894") == "một chấm không không không tám chín bốn");
  CHECK(spell_code("QĐ-UBND") == "quy đê gạch u bê en nờ dê");
  CHECK(spell_code("60/2014") == "sáu không gạch chéo hai không một bốn");
  CHECK(spell_code("") == "");
}

TEST_CASE("speech text never breaks UTF-8 and always ends", "[vntext][speech]") {
  const std::string hostile = std::string("\xff\xfe 1.000.000.000.000.000.000.000 ") + std::string(5000, '9') + " 99/99/9999 25:99 ***";
  const std::string out = speech_text(hostile);
  CHECK(out.find("không") != std::string::npos);  // the long number is read digit by digit
  CHECK(out.find("99/99/9999") == std::string::npos);  // not a date, read as a code, never as is
}

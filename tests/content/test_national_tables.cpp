// The importer's parsers on real cells from the national portal's data.
#include <catch2/catch.hpp>

#include "content/national_import.hpp"

using namespace kiosk::content;
using namespace kiosk::content::national;

TEST_CASE("channel tables: time, fee and note per channel") {
  auto ch = parse_channels(
      "Hình thức nộpThời gianPhí, lệ phíMô tảTrực tiếp3 Ngày làm việc10,000 Việt Nam Đồng(10.000 đồng/khẩu-chiếc.)"
      "- Nộp hồ sơ trực tiếp hoặc gửi qua đường bưu chínhTrực tuyến2 NgàyMiễn phí");
  REQUIRE(ch.size() == 2);
  CHECK(ch[0].name == "Trực tiếp");
  CHECK(ch[0].time.days == 3.0);
  CHECK(ch[0].time.working_days);
  REQUIRE(ch[0].fees.size() == 1);
  CHECK(ch[0].fees[0].kind == Fee::Kind::Fixed);
  CHECK(ch[0].fees[0].amount_vnd == 10000);
  CHECK(ch[0].fees[0].text == "10,000 Việt Nam Đồng (10.000 đồng/khẩu-chiếc.)");
  CHECK(ch[0].note == "- Nộp hồ sơ trực tiếp hoặc gửi qua đường bưu chính");
  CHECK(ch[1].name == "Trực tuyến");
  CHECK(ch[1].time.days == 2.0);
  CHECK_FALSE(ch[1].time.working_days);
  CHECK(ch[1].fees[0].kind == Fee::Kind::Free);
}

TEST_CASE("a channel name inside a description does not start a channel") {
  auto ch = parse_channels(
      "Hình thức nộpThời gianPhí, lệ phíMô tảTrực tiếp10 NgàyKhông có thông tinTrực tiếp tại cơ quan Công an cấp "
      "huyện.Trực tiếp10 NgàyKhông có thông tin- Công an cấp tỉnh");
  REQUIRE(ch.size() == 2);
  CHECK(ch[0].note == "Trực tiếp tại cơ quan Công an cấp huyện.");
  CHECK(ch[0].fees.empty());
  CHECK(ch[1].note == "- Công an cấp tỉnh");
}

TEST_CASE("implausible and foreign amounts are shown, not charged") {
  auto ch = parse_channels("Hình thức nộpThời gianPhí, lệ phíMô tảTrực tiếp5 Ngày làm việc135 VNĐ(Lệ phí: 135.000 đồng/lần.)");
  REQUIRE(ch.size() == 1);
  REQUIRE(ch[0].fees.size() == 1);
  CHECK(ch[0].fees[0].kind == Fee::Kind::Text);
  CHECK_FALSE(ch[0].fees[0].amount_vnd);
  auto usd = parse_channels("Hình thức nộpThời gianPhí, lệ phíMô tảTrực tuyến5 Ngày làm việc10 USD(/lần)");
  REQUIRE(usd.size() == 1);
  CHECK(usd[0].fees[0].kind == Fee::Kind::Text);
  CHECK(usd[0].fees[0].text == "10 USD (/lần)");
}

TEST_CASE("a time without a unit and a missing time") {
  auto ch = parse_channels("Hình thức nộpThời gianPhí, lệ phíMô tảTrực tuyến1Miễn phíTrực tiếpKhông có thông tin10,000 Việt Nam Đồng(/trường hợp)");
  REQUIRE(ch.size() == 2);
  CHECK(ch[0].time.days == 1.0);
  CHECK(ch[0].fees[0].kind == Fee::Kind::Free);
  CHECK_FALSE(ch[1].time.days);
  CHECK(ch[1].fees[0].amount_vnd == 10000);
}

TEST_CASE("text that is not the channel table is not guessed at") {
  CHECK(parse_channels("Nộp hồ sơ tại UBND xã").empty());
  CHECK(parse_channels("").empty());
}

TEST_CASE("structured fee cells") {
  auto free = parse_fee("Phí : 0 Đồng");
  REQUIRE(free.size() == 1);
  CHECK(free[0].kind == Fee::Kind::Free);
  auto fixed = parse_fee("Lệ phí : 100.000 Đồng\nPhí : 50.000 Đồng");
  REQUIRE(fixed.size() == 2);
  CHECK(fixed[0].amount_vnd == 100000);
  CHECK(fixed[1].amount_vnd == 50000);
  auto text = parse_fee("Theo quy định của Hội đồng nhân dân tỉnh");
  REQUIRE(text.size() == 1);
  CHECK(text[0].kind == Fee::Kind::Text);
}

TEST_CASE("processing times") {
  CHECK(parse_time("30 Ngày làm việc").days == 30.0);
  CHECK(parse_time("1.5 Ngày làm việc").days == 1.5);
  CHECK_FALSE(parse_time("3 Tháng").days);
  CHECK(parse_time("3 Tháng").text == "3 Tháng");
}

TEST_CASE("document tables with copies, form files and section headings") {
  auto d = parse_documents(
      "--Tên giấy tờMẫu đơn, tờ khaiSố lượngDự thảo Điều lệ của công ty luật1 bản chínhGiấy tờ chứng minh về trụ sở "
      "của tổ chức hành nghề luật sư.0 bản chính,1 bản saoGiấy đề nghị đăng ký hoạt động theo mẫu thống nhấtMẫu "
      "TP-LS-02-sđ.docx1 bản chính");
  REQUIRE(d.documents.size() == 3);
  CHECK(d.documents[0].name == "Dự thảo Điều lệ của công ty luật");
  CHECK(d.documents[0].copies == "1 bản chính");
  CHECK(d.documents[1].copies == "0 bản chính, 1 bản sao");
  CHECK(d.documents[2].name == "Giấy đề nghị đăng ký hoạt động theo mẫu thống nhất");
  REQUIRE(d.forms.size() == 1);
  CHECK(d.forms[0].template_name == "Mẫu TP-LS-02-sđ.docx");
  CHECK(d.documents[2].form_id == d.forms[0].id);

  auto sections = parse_documents(
      "(i) Đối với hồ sơ đề nghị hỗ trợ:Tên giấy tờMẫu đơn, tờ khaiSố lượng- Văn bản đề nghị;1 bản chính");
  REQUIRE(sections.documents.size() == 1);
  CHECK(sections.documents[0].note == "(i) Đối với hồ sơ đề nghị hỗ trợ:");
  CHECK(sections.documents[0].name == "- Văn bản đề nghị;");
}

TEST_CASE("a year glued to the copies column stays in the name") {
  auto d = parse_documents("--Tên giấy tờMẫu đơn, tờ khaiSố lượngVăn bản theo Nghị định 56/2023/NĐ-CP ngày 24/07/20231 bản chính");
  REQUIRE(d.documents.size() == 1);
  CHECK(d.documents[0].name == "Văn bản theo Nghị định 56/2023/NĐ-CP ngày 24/07/2023");
  CHECK(d.documents[0].copies == "1 bản chính");
}

TEST_CASE("legal basis rows: a title that quotes its own number") {
  auto l = parse_legal_basis(
      "Tên văn bản pháp lýMã văn bảnLuật Xuất cảnh, nhập cảnh sửa đổi 202323/2023/QH15Luật 51/2019/QH1451/2019/QH14"
      "Nhập cảnh, xuất cảnh47/2014/QH13Nghị định 82/2015/NĐ-CP82/2015/NĐ-CP");
  REQUIRE(l.size() == 4);
  CHECK(l[0].number == "23/2023/QH15");
  CHECK(l[1].title == "Luật 51/2019/QH14");
  CHECK(l[1].number == "51/2019/QH14");
  CHECK(l[2].title == "Nhập cảnh, xuất cảnh");
  CHECK(l[2].number == "47/2014/QH13");
  CHECK(l[3].number == "82/2015/NĐ-CP");
}

TEST_CASE("steps split on Bước") {
  auto s = parse_steps("Bước 1: Nộp hồ sơ.\n\nChi tiết thêm.\nBước 2: Nhận kết quả.");
  REQUIRE(s.size() == 2);
  CHECK(s[0] == "Bước 1: Nộp hồ sơ.\nChi tiết thêm.");
}

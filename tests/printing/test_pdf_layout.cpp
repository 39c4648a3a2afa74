// Printed documents, read back from the PDF with poppler's pdftotext: the words must survive.
#include <catch2/catch.hpp>
#include <cstdio>
#include <cstdlib>
#include <memory>

#include "common/files.hpp"
#include "dossier/qr_decode.hpp"
#include "printing/documents.hpp"
#include "printing/pdf_layout.hpp"
#include "printing/procedure_summary.hpp"

using namespace kiosk;

namespace {

std::string pdf_text(const std::filesystem::path& pdf) {
  std::string cmd = "pdftotext -enc UTF-8 '" + pdf.string() + "' -";
  std::unique_ptr<FILE, int (*)(FILE*)> p(popen(cmd.c_str(), "r"), pclose);
  REQUIRE(p);
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p.get())) > 0) out.append(buf, n);
  return out;
}

int pdf_pages(const std::filesystem::path& pdf) {
  std::string cmd = "pdfinfo '" + pdf.string() + "' | grep '^Pages:'";
  std::unique_ptr<FILE, int (*)(FILE*)> p(popen(cmd.c_str(), "r"), pclose);
  int pages = 0;
  if (p && std::fscanf(p.get(), "Pages: %d", &pages) != 1) pages = -1;
  return pages;
}

content::Procedure marriage(int documents) {
  content::Procedure p;
  p.code = "1.000894";
  p.name = "Thủ tục đăng ký kết hôn";
  p.field = "Hộ tịch";
  p.counter = "Quầy 11 (Sở Tư pháp)";
  content::Channel c;
  c.name = "Trực tiếp";
  c.time.text = "3 Ngày làm việc";
  c.fees.push_back({content::Fee::Kind::Fixed, 100000, "100,000 Việt Nam Đồng"});
  p.channels.push_back(c);
  for (int i = 0; i < documents; ++i)
    p.documents.push_back({"Tờ khai đăng ký kết hôn số " + std::to_string(i + 1), "1 bản chính", "", std::nullopt});
  return p;
}

const nlohmann::json kCenter = {{"name", "Trung tâm Phục vụ hành chính công tỉnh Bắc Ninh"}, {"address", "Số 1 Lý Thái Tổ"}};

}  // namespace

TEST_CASE("a procedure summary on an 80 mm roll reads back in Vietnamese") {
  files::TempDir tmp;
  auto doc = printing::procedure_summary(marriage(3), kCenter, 1764115200);
  printing::render_pdf(doc, printing::Paper::Roll80, tmp.path() / "roll.pdf");
  const std::string text = pdf_text(tmp.path() / "roll.pdf");
  CHECK(text.find("Thủ tục đăng ký kết hôn") != std::string::npos);
  CHECK(text.find("Giấy tờ cần mang") != std::string::npos);
  CHECK(text.find("Tờ khai đăng ký kết hôn số 3") != std::string::npos);
  CHECK(text.find("100.000 ₫") != std::string::npos);
  CHECK(text.find("Quầy 11 (Sở Tư pháp)") != std::string::npos);
  CHECK(text.find("Bắc Ninh") != std::string::npos);
  CHECK(pdf_pages(tmp.path() / "roll.pdf") == 1);  // a roll is one page, as long as it needs
}

TEST_CASE("a long summary on A4 breaks into pages, a short roll is short") {
  files::TempDir tmp;
  printing::render_pdf(printing::procedure_summary(marriage(80), kCenter, 0), printing::Paper::A4, tmp.path() / "a4.pdf");
  CHECK(pdf_pages(tmp.path() / "a4.pdf") >= 2);
  CHECK(pdf_text(tmp.path() / "a4.pdf").find("số 80") != std::string::npos);
  printing::render_pdf(printing::procedure_summary(marriage(1), kCenter, 0), printing::Paper::Roll80,
                       tmp.path() / "short.pdf");
  printing::render_pdf(printing::procedure_summary(marriage(30), kCenter, 0), printing::Paper::Roll80,
                       tmp.path() / "long.pdf");
  CHECK(std::filesystem::file_size(tmp.path() / "short.pdf") < std::filesystem::file_size(tmp.path() / "long.pdf"));
}

TEST_CASE("bad paper names and unwritable paths give reasons") {
  CHECK_THROWS_WITH(printing::paper_from_name("a5"), Catch::Contains("roll80 or a4"));
  auto doc = printing::procedure_summary(marriage(1), kCenter, 0);
  CHECK_THROWS_AS(printing::render_pdf(doc, printing::Paper::A4, "/nonexistent/dir/x.pdf"), printing::PrintError);
}

TEST_CASE("a printed QR code reads back: rendered, rasterised like a scan, decoded", "[printing]") {
  files::TempDir tmp;
  content::Procedure p = marriage(3);
  p.source_url = "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-3fac-7489-b53b-a15eb239a6fe";
  const auto pdf = tmp.path() / "summary.pdf";
  printing::render_pdf(printing::procedure_summary(p, nlohmann::json::object(), 0), printing::Paper::Roll80, pdf);
  // 100 dpi: a coarse scan of the 30 mm code, about 4 pixels a module.
  const std::string cmd = "pdftoppm -r 100 -png -singlefile '" + pdf.string() + "' '" + (tmp.path() / "page").string() + "'";
  REQUIRE(std::system(cmd.c_str()) == 0);
  std::string error;
  const auto img = dossier::load_grey_image(tmp.path() / "page.png", &error);
  REQUIRE(img);
  const auto decoded = dossier::decode_plain(*img);
  REQUIRE(decoded.text);
  CHECK(*decoded.text == p.source_url);
}

TEST_CASE("a queue ticket: the number in the largest type, where to go, a code for the counter, within 10 cm of roll", "[print][queue]") {
  printing::QueueTicketData t;
  t.number = "D-1023";
  t.service = "Cư trú, căn cước, xuất nhập cảnh, quản lý vũ khí và công cụ hỗ trợ";
  t.agency = "Công an tỉnh";
  t.counters = "9, 10";
  t.procedure = "Cấp lại thẻ Căn cước công dân khi bị mất, hư hỏng, thay đổi thông tin";
  t.priority = "Đi cùng trẻ em dưới 6 tuổi";
  t.waiting_ahead = 14;
  t.wait_minutes = 42;
  t.issued_at = "08:31 07/12/2026";
  t.kiosk = "Kiosk sảnh A";
  t.qr_payload = "TTHCQ1|hcc-tinh-mau|t17|h4409";
  const nlohmann::json center = {{"name", "Trung tâm Phục vụ hành chính công tỉnh Thử Nghiệm"}, {"address", "Số 2 Đường Kiểm Thử"}};
  const printing::PrintDoc d = printing::queue_ticket(t, center);
  CHECK(printing::roll_length_mm(d) <= 100.0);
  bool number = false, qr = false, counters = false, waiting = false;
  for (const auto& b : d.blocks) {
    number = number || (b.kind == printing::Block::Kind::Number && b.text == "D-1023");
    qr = qr || (b.kind == printing::Block::Kind::SmallQr && b.text == t.qr_payload);
    counters = counters || (b.kind == printing::Block::Kind::Heading && b.text == "Quầy 9, 10");
    waiting = waiting || b.text.find("Trước ông/bà: 14 người, khoảng 42 phút") != std::string::npos;
  }
  CHECK(number);
  CHECK(qr);
  CHECK(counters);
  CHECK(waiting);
  CHECK(printing::render_pdf_bytes(d, printing::Paper::Roll80).rfind("%PDF-", 0) == 0);
}

// The quarterly table as a spreadsheet (libxlsxwriter): what a center hands in, laid out as the
// tables centers use, Vietnamese headers, numbers as numbers.
#include <xlsxwriter.h>

#include <ctime>
#include <memory>
#include <stdexcept>

#include "rating/report.hpp"

namespace kiosk::rating {

namespace {

struct WorkbookDeleter {
  void operator()(lxw_workbook* wb) const { workbook_close(wb); }  // frees it whatever happened
};
using Workbook = std::unique_ptr<lxw_workbook, WorkbookDeleter>;

std::string vn_date(int64_t t) {
  const std::time_t tt = static_cast<std::time_t>(t) + 7 * 3600;
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%d/%m/%Y", &tm);
  return buf;
}

constexpr const char* kHeaders[] = {"STT", "Cơ quan, đơn vị", "Quầy", "Cán bộ, công chức", "Mã cán bộ", "Rất hài lòng", "Hài lòng",
                                    "Không hài lòng", "Tổng số đánh giá", "Trong đó phiếu giấy", "Tỷ lệ hài lòng (%)",
                                    "Lý do không hài lòng"};
constexpr int kColumns = sizeof kHeaders / sizeof kHeaders[0];

struct Formats {
  lxw_format *title, *header, *cell, *number, *percent, *total, *total_number, *total_percent, *note;
};

Formats make_formats(lxw_workbook* wb) {
  auto bordered = [&](bool bold, bool center) {
    lxw_format* f = workbook_add_format(wb);
    format_set_border(f, LXW_BORDER_THIN);
    format_set_text_wrap(f);
    format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
    if (center) format_set_align(f, LXW_ALIGN_CENTER);
    if (bold) format_set_bold(f);
    format_set_font_name(f, "Times New Roman");
    format_set_font_size(f, 12);
    return f;
  };
  Formats f{};
  f.title = workbook_add_format(wb);
  format_set_bold(f.title);
  format_set_align(f.title, LXW_ALIGN_CENTER);
  format_set_font_name(f.title, "Times New Roman");
  format_set_font_size(f.title, 13);
  format_set_text_wrap(f.title);
  f.note = workbook_add_format(wb);
  format_set_italic(f.note);
  format_set_align(f.note, LXW_ALIGN_CENTER);
  format_set_font_name(f.note, "Times New Roman");
  f.header = bordered(true, true);
  format_set_bg_color(f.header, 0xDDE7F0);
  f.cell = bordered(false, false);
  f.number = bordered(false, true);
  f.percent = bordered(false, true);
  format_set_num_format(f.percent, "0.0");
  f.total = bordered(true, false);
  f.total_number = bordered(true, true);
  f.total_percent = bordered(true, true);
  format_set_num_format(f.total_percent, "0.0");
  return f;
}

void check(lxw_error e, const char* what) {
  if (e != LXW_NO_ERROR) throw std::runtime_error(std::string("the spreadsheet: ") + what + ": " + lxw_strerror(e));
}

// Writes the table of `rows` from `row`; returns the row after it.
lxw_row_t table(lxw_worksheet* ws, const Formats& f, lxw_row_t row, const std::vector<OfficerRow>& rows,
                const std::map<std::string, std::string>& reason_words) {
  for (int c = 0; c < kColumns; ++c) check(worksheet_write_string(ws, row, static_cast<lxw_col_t>(c), kHeaders[c], f.header), "header");
  ++row;
  int rat = 0, hai = 0, khong = 0, paper = 0, n = 0;
  for (const auto& r : rows) {
    std::string reasons;
    for (const auto& [id, count] : r.reasons) {
      auto w = reason_words.find(id);
      reasons += (reasons.empty() ? "" : "; ") + (w != reason_words.end() ? w->second : id) + ": " + std::to_string(count);
      // "Khác": what the sheets and the kiosk's citizens wrote, in their words.
      if (id == "khac" && !r.other_words.empty()) {
        std::string words;
        for (const auto& ow : r.other_words) words += (words.empty() ? "" : "; ") + ow;
        reasons += " (" + words + ")";
      }
    }
    check(worksheet_write_number(ws, row, 0, ++n, f.number), "row");
    worksheet_write_string(ws, row, 1, r.agency.c_str(), f.cell);
    worksheet_write_string(ws, row, 2, r.counter.c_str(), f.cell);
    worksheet_write_string(ws, row, 3, r.name.c_str(), f.cell);
    worksheet_write_string(ws, row, 4, r.officer.c_str(), f.cell);
    worksheet_write_number(ws, row, 5, r.rat_hai_long, f.number);
    worksheet_write_number(ws, row, 6, r.hai_long, f.number);
    worksheet_write_number(ws, row, 7, r.khong_hai_long, f.number);
    worksheet_write_number(ws, row, 8, r.total(), f.number);
    worksheet_write_number(ws, row, 9, r.paper, f.number);
    worksheet_write_number(ws, row, 10, r.satisfied_pct(), f.percent);
    worksheet_write_string(ws, row, 11, reasons.c_str(), f.cell);
    rat += r.rat_hai_long;
    hai += r.hai_long;
    khong += r.khong_hai_long;
    paper += r.paper;
    ++row;
  }
  OfficerRow all;
  all.rat_hai_long = rat;
  all.hai_long = hai;
  all.khong_hai_long = khong;
  check(worksheet_merge_range(ws, row, 0, row, 4, "Tổng cộng", f.total), "total");
  worksheet_write_number(ws, row, 5, rat, f.total_number);
  worksheet_write_number(ws, row, 6, hai, f.total_number);
  worksheet_write_number(ws, row, 7, khong, f.total_number);
  worksheet_write_number(ws, row, 8, all.total(), f.total_number);
  worksheet_write_number(ws, row, 9, paper, f.total_number);
  worksheet_write_number(ws, row, 10, all.satisfied_pct(), f.total_percent);
  worksheet_write_blank(ws, row, 11, f.total);
  return row + 1;
}

}  // namespace

void write_xlsx(const QuarterReport& r, const std::filesystem::path& file, const std::string& center_name) {
  Workbook wb(workbook_new(file.c_str()));
  if (!wb) throw std::runtime_error("cannot create " + file.string());
  lxw_worksheet* ws = workbook_add_worksheet(wb.get(), ("Quý " + r.quarter.roman() + " " + std::to_string(r.quarter.year)).c_str());
  if (!ws) throw std::runtime_error("cannot add a worksheet");
  const Formats f = make_formats(wb.get());
  const double widths[kColumns] = {6, 30, 12, 26, 12, 11, 11, 11, 11, 11, 12, 40};
  for (int c = 0; c < kColumns; ++c) worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), widths[c], nullptr);
  worksheet_set_landscape(ws);
  worksheet_set_paper(ws, 9);  // A4
  worksheet_fit_to_pages(ws, 1, 0);

  const lxw_col_t last = kColumns - 1;
  worksheet_merge_range(ws, 0, 0, 0, last, center_name.c_str(), f.title);
  worksheet_merge_range(ws, 1, 0, 1, last,
                        "BẢNG TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ MỨC ĐỘ HÀI LÒNG CỦA TỔ CHỨC, CÁ NHÂN ĐỐI VỚI CÁN BỘ, CÔNG CHỨC TIẾP NHẬN VÀ "
                        "GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH",
                        f.title);
  worksheet_set_row(ws, 1, 36, nullptr);
  worksheet_merge_range(ws, 2, 0, 2, last, ("QUÝ " + r.quarter.roman() + " NĂM " + std::to_string(r.quarter.year)).c_str(), f.title);
  const std::string span = "(Từ ngày " + vn_date(r.quarter.from) + " đến ngày " + vn_date(r.quarter.to - 1) + "; đánh giá tại kiosk và phiếu giấy)";
  worksheet_merge_range(ws, 3, 0, 3, last, span.c_str(), f.note);

  lxw_row_t row = table(ws, f, 5, r.officers, r.reason_words);
  if (!r.flagged.empty()) {
    ++row;
    worksheet_merge_range(ws, row, 0, row, last,
                          "Đánh giá ghi nhận dồn dập từ một kiosk (không tính vào tổng hợp trên, để cán bộ xem xét)", f.title);
    row = table(ws, f, row + 1, r.flagged, r.reason_words);
  }
  check(workbook_close(wb.release()), file.c_str());
}

}  // namespace kiosk::rating

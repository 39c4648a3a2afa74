#include "printing/documents.hpp"

#include <algorithm>

#include "common/files.hpp"
#include "common/text.hpp"
#include "printing/pdf_layout.hpp"

namespace kiosk::printing {

std::string format_time(std::time_t t, const char* fmt) {
  char buf[64];
  std::tm tm{};
  localtime_r(&t, &tm);
  std::strftime(buf, sizeof buf, fmt, &tm);
  return buf;
}

void add_center_header(PrintDoc& d, const nlohmann::json& center) {
  // The center's header comes from the pack: nothing about a province is built in.
  if (!center.is_object()) return;
  d.heading(center.value("name", ""));
  if (center.contains("address")) d.small(center.value("address", ""));
  if (center.contains("phone")) d.small("ĐT: " + center.value("phone", ""));
}

PrintDoc status_slip(const StatusSlipData& s, const nlohmann::json& center, std::time_t printed_at) {
  PrintDoc d;
  d.title = "Tình trạng hồ sơ " + s.dossier_code;
  add_center_header(d, center);
  d.rule();
  d.title_line("TÌNH TRẠNG HỒ SƠ");
  d.text("Mã hồ sơ: " + s.dossier_code);
  if (!s.procedure.empty()) d.text("Thủ tục: " + s.procedure);
  if (!s.owner_masked.empty()) d.text("Người nộp: " + s.owner_masked);
  if (!s.received.empty()) d.text("Ngày nhận: " + s.received);
  if (!s.appointment.empty()) d.text("Ngày hẹn trả: " + s.appointment);
  d.space().heading(s.status + (s.late ? " (trễ hạn)" : ""));
  if (!s.next_step.empty()) d.text(s.next_step);
  if (!s.steps.empty()) {
    d.space().heading("Quá trình xử lý");
    for (const auto& [when, what] : s.steps) d.small(when + "  " + what);
  }
  d.space().qr(s.dossier_code);
  d.small("Mã QR chứa mã hồ sơ: quét tại kiosk để tra cứu lại.");
  d.rule();
  d.small("In lúc " + format_time(printed_at) + ". Thông tin tại thời điểm tra cứu.");
  return d;
}

PrintDoc receipt(const ReceiptData& r, const nlohmann::json& center, std::time_t printed_at) {
  PrintDoc d;
  d.title = "Biên nhận thanh toán " + r.receipt_no;
  add_center_header(d, center);
  d.rule();
  d.title_line("BIÊN NHẬN THANH TOÁN PHÍ, LỆ PHÍ");
  if (r.reprint) d.heading("(BẢN IN LẠI)");
  d.text("Số: " + r.receipt_no);
  if (!r.dossier_code.empty()) d.text("Mã hồ sơ: " + r.dossier_code);
  if (!r.procedure.empty()) d.text("Thủ tục: " + r.procedure);
  if (!r.payer_masked.empty()) d.text("Người nộp: " + r.payer_masked);
  d.rule();
  int64_t total = 0;
  for (const auto& l : r.lines) {
    d.text(l.label + ": " + content::format_vnd(l.amount_vnd));
    total += l.amount_vnd;
  }
  d.heading("Tổng cộng: " + content::format_vnd(total));
  if (!r.amount_words.empty()) d.text("Bằng chữ: " + r.amount_words);
  d.rule();
  if (!r.method.empty()) d.small("Hình thức: " + r.method);
  if (!r.order_code.empty()) d.small("Mã thanh toán: " + r.order_code);
  if (!r.transaction_ref.empty()) d.small("Mã giao dịch ngân hàng: " + r.transaction_ref);
  if (r.paid_at) d.small("Thanh toán lúc: " + format_time(r.paid_at, "%H:%M:%S %d/%m/%Y"));
  if (!r.kiosk.empty()) d.small("Kiosk: " + r.kiosk);
  if (!r.receipt_url.empty()) {
    d.space().qr(r.receipt_url);
    d.small("Quét mã để xem biên lai điện tử.");
  }
  d.small("In lúc " + format_time(printed_at) + ". Biên lai điện tử do cơ quan thu phát hành theo quy định.");
  return d;
}

// Short, as queue tickets are: the center's name alone, the number as large as the roll takes,
// where to go, how long, and a small code for the counter's scanner (10 cm of roll at most).
PrintDoc queue_ticket(const QueueTicketData& t, const nlohmann::json& center) {
  PrintDoc d;
  d.title = "Số thứ tự " + t.number;
  // Each small line kept to one line of the roll: the number and the counter are what matter.
  constexpr size_t kLine = 52;
  if (center.is_object() && center.contains("name") && center["name"].is_string()) d.small(text::shorten(center["name"].get<std::string>(), kLine));
  d.rule();
  d.number(t.number);
  d.heading(t.counters.empty() ? std::string("Xem số gọi trên màn hình") : "Quầy " + t.counters);
  if (!t.priority.empty()) d.small("Ưu tiên: " + t.priority);
  std::string service = t.service;
  if (!t.agency.empty()) service += (service.empty() ? "" : " — ") + t.agency;
  if (!service.empty()) d.small(text::shorten(service, kLine));
  if (!t.procedure.empty()) d.small(text::shorten("Thủ tục: " + t.procedure, kLine));
  if (t.waiting_ahead == 0) d.text("Ông/bà là người tiếp theo");
  if (t.waiting_ahead > 0)
    d.text("Trước ông/bà: " + std::to_string(t.waiting_ahead) + " người" +
           (t.wait_minutes > 0 ? ", khoảng " + std::to_string(t.wait_minutes) + " phút" : std::string()));
  if (!t.qr_payload.empty()) d.small_qr(t.qr_payload);
  d.small("Số thứ tự lấy lúc " + t.issued_at + (t.kiosk.empty() ? std::string() : ", " + t.kiosk));
  return d;
}

PrintDoc test_page(const nlohmann::json& center, const std::string& printer, std::time_t printed_at) {
  PrintDoc d;
  d.title = "Trang in thử";
  add_center_header(d, center);
  d.rule();
  d.title_line("TRANG IN THỬ");
  d.text("Máy in: " + (printer.empty() ? std::string("mặc định") : printer));
  d.text("In lúc: " + format_time(printed_at, "%H:%M:%S %d/%m/%Y"));
  // Every tone mark on every vowel, đ, and the đồng sign: a font or shaping fault shows here.
  d.text("Tiếng Việt: à á ả ã ạ · ằ ắ ẳ ẵ ặ · ầ ấ ẩ ẫ ậ · è é ẻ ẽ ẹ · ề ế ể ễ ệ · ì í ỉ ĩ ị");
  d.text("ò ó ỏ õ ọ · ồ ố ổ ỗ ộ · ờ ớ ở ỡ ợ · ù ú ủ ũ ụ · ừ ứ ử ữ ự · ỳ ý ỷ ỹ ỵ · Đđ · 100.000 ₫");
  d.text("Trăm năm trong cõi người ta, chữ tài chữ mệnh khéo là ghét nhau.");
  d.space().qr("TEST-" + format_time(printed_at, "%Y%m%d%H%M%S"));
  d.rule();
  d.small("Nếu chữ có dấu in đúng và mã QR rõ nét, máy in hoạt động bình thường.");
  return d;
}

std::string blank_form_pdf(const std::filesystem::path& pack_dir, const content::Form& form) {
  if (!form.file || form.file->empty())
    throw PrintError("Biểu mẫu \"" + form.name + "\" chưa có tệp để in tại kiosk; vui lòng nhận mẫu tại quầy");
  // Only a file inside the pack (the pack reader refuses other paths; this holds for any catalog).
  const auto path = (pack_dir / *form.file).lexically_normal();
  const auto root = pack_dir.lexically_normal();
  const auto rel = path.lexically_relative(root);
  if (form.file->front() == '/' || rel.empty() || *rel.begin() == "..")
    throw PrintError("Biểu mẫu \"" + form.name + "\" không nằm trong gói nội dung nên không in được (form file outside the pack)");
  std::string bytes;
  try {
    bytes = files::read_file(path);
  } catch (const std::exception&) {
    throw PrintError("Không tìm thấy tệp biểu mẫu \"" + form.name + "\" trong gói nội dung (" + *form.file + ")");
  }
  if (bytes.rfind("%PDF-", 0) != 0)
    throw PrintError("Biểu mẫu \"" + form.name + "\" không phải tệp PDF nên không in được tại kiosk");
  return bytes;
}

}  // namespace kiosk::printing

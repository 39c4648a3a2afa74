#include "printing/procedure_summary.hpp"

namespace kiosk::printing {

PrintDoc procedure_summary(const content::Procedure& p, const nlohmann::json& center, std::time_t printed_at) {
  PrintDoc d;
  d.title = p.name;
  // The center's header comes from the pack: nothing about a province is built in.
  if (center.is_object()) {
    d.heading(center.value("name", ""));
    if (center.contains("address")) d.small(center.value("address", ""));
    if (center.contains("phone")) d.small("ĐT: " + center.value("phone", ""));
  }
  d.rule();
  d.title_line(p.name);
  d.small("Mã thủ tục: " + p.code + (p.field.empty() ? "" : " · " + p.field));
  if (!p.counter.empty()) d.text("Nơi nộp: " + p.counter);
  if (!p.agencies.empty()) d.small("Cơ quan thực hiện: " + p.agencies.front());
  d.space().heading("Giấy tờ cần nộp");
  int n = 0;
  for (const auto& doc : p.documents) {
    d.text("☐ " + std::to_string(++n) + ". " + doc.name);
    if (!doc.copies.empty()) d.small("    Số lượng: " + doc.copies);
  }
  if (p.documents.empty() && !p.raw_documents.empty()) d.text(p.raw_documents);
  if (!p.channels.empty()) {
    d.space().heading("Thời hạn và lệ phí");
    for (const auto& c : p.channels) {
      std::string fees;
      for (const auto& f : c.fees) fees += (fees.empty() ? "" : "; ") + content::fee_label(f, "Miễn phí");
      d.text(c.name + ": " + (c.time.text.empty() ? "—" : c.time.text) + (fees.empty() ? "" : " · " + fees));
    }
  }
  if (!p.source_url.empty()) {
    // The full procedure on the national portal, for a phone: more than a roll can hold.
    d.space().qr(p.source_url);
    d.small("Quét mã để xem đầy đủ thủ tục trên Cổng Dịch vụ công quốc gia.");
  }
  d.rule();
  char when[64];
  std::tm tm{};
  localtime_r(&printed_at, &tm);
  std::strftime(when, sizeof when, "%H:%M %d/%m/%Y", &tm);
  d.small(std::string("In lúc ") + when + ". Thông tin tham khảo; cán bộ một cửa hướng dẫn chi tiết.");
  return d;
}

}  // namespace kiosk::printing

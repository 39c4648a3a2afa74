#include "model/payment_receipt.hpp"

#include "vntext/number_words.hpp"

namespace kiosk::app {

printing::ReceiptData receipt_data(const payment::Entry& e, bool reprint, const std::string& kiosk) {
  printing::ReceiptData r;
  r.receipt_no = e.receipt_no.value_or("");
  r.dossier_code = e.dossier;
  r.procedure = e.procedure;
  r.payer_masked = e.payer_masked;
  r.method = e.gateway == "payos" ? "Chuyển khoản VietQR (payOS)" : "Chuyển khoản VietQR";
  r.transaction_ref = e.bank_ref;
  r.order_code = e.order_code;
  for (const auto& i : e.items)
    r.lines.push_back({(i.kind == dossier::FeeItem::Kind::LePhi ? "Lệ phí: " : "Phí: ") + i.name, i.amount});
  r.paid_at = static_cast<std::time_t>(e.paid_at);
  r.reprint = reprint;
  r.amount_words = vntext::amount_words(e.amount);
  r.kiosk = kiosk;
  r.receipt_url = e.receipt_url;
  return r;
}

}  // namespace kiosk::app

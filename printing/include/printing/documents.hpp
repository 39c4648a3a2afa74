// The documents a citizen takes away from the kiosk, besides the procedure summary: a dossier
// status slip, a payment receipt, the staff's test page, and a blank form shipped in the pack.
#pragma once
#include <cstdint>
#include <ctime>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "content/procedure.hpp"
#include "printing/print_doc.hpp"

namespace kiosk::printing {

// The center's name, address and phone from the pack's pack.json "center" object.
void add_center_header(PrintDoc& d, const nlohmann::json& center);

// Everything here is already masked and worded for the citizen; printing adds nothing personal.
struct StatusSlipData {
  std::string dossier_code;
  std::string procedure;
  std::string owner_masked;
  std::string received;     // dd/mm/yyyy
  std::string appointment;  // dd/mm/yyyy
  std::string status;       // plain words
  bool late = false;
  std::string next_step;
  std::vector<std::pair<std::string, std::string>> steps;  // (when, what)
};
PrintDoc status_slip(const StatusSlipData& s, const nlohmann::json& center, std::time_t printed_at);

struct ReceiptLine {
  std::string label;
  int64_t amount_vnd = 0;
};
struct ReceiptData {
  std::string receipt_no;
  std::string dossier_code;
  std::string procedure;
  std::string payer_masked;
  std::string method;           // "Chuyển khoản VietQR"
  std::string transaction_ref;  // the gateway's reference
  std::vector<ReceiptLine> lines;
  std::time_t paid_at = 0;
  bool reprint = false;  // staff reprints say so on the paper
  std::string amount_words;  // the total in Vietnamese words ("Năm mươi nghìn đồng")
  std::string kiosk;         // which kiosk took it
  std::string order_code;    // the gateway's order code
  std::string receipt_url;   // the e-receipt, when the backend issues one: printed as a QR code
};
PrintDoc receipt(const ReceiptData& r, const nlohmann::json& center, std::time_t printed_at);

// A queue ticket (số thứ tự) as the queue server issued it, worded for the citizen.
struct QueueTicketData {
  std::string number;       // "B-1023"
  std::string service;      // "Hộ tịch, chứng thực"
  std::string agency;       // "Sở Tư pháp"
  std::string counters;     // "11, 12"; empty when the hall's screen will say it
  std::string procedure;    // the procedure's name, when the number is for one
  std::string priority;     // "Người cao tuổi", empty for none
  int waiting_ahead = -1;   // -1: the server did not say
  int wait_minutes = 0;     // 0: no estimate
  std::string issued_at;    // as the citizen reads it: "08:31 07/12/2026"
  std::string kiosk;        // which kiosk printed it
  std::string qr_payload;   // the ticket's id and the server's hash, for a scanner at the counter
};
PrintDoc queue_ticket(const QueueTicketData& t, const nlohmann::json& center);

PrintDoc test_page(const nlohmann::json& center, const std::string& printer, std::time_t printed_at);

// A blank form's PDF as shipped in the pack (under `pack_dir`). Throws PrintError in Vietnamese
// when the form has no file, the file is missing, or it is not a PDF (.doc/.docx are listed on
// screen but never converted on the kiosk).
std::string blank_form_pdf(const std::filesystem::path& pack_dir, const content::Form& form);

std::string format_time(std::time_t t, const char* fmt = "%H:%M %d/%m/%Y");

}  // namespace kiosk::printing

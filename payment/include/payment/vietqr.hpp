// VietQR (NAPAS): the EMVCo merchant-presented QR that bank apps read to fill a transfer. A
// builder, and a strict decoder: TLV structure, lengths, mandatory tags, the beneficiary block,
// amount digits only, ASCII only, and the CRC — a payload must not be trusted on its CRC alone.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace kiosk::payment {

// CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF), as tag 63 carries it.
uint16_t crc16_ccitt(std::string_view data);

struct VietQrRequest {
  std::string bin;      // the beneficiary bank's BIN, 6 digits
  std::string account;  // the account number (at most 19 characters)
  std::optional<int64_t> amount;  // VND, whole; a dynamic (one-payment) code when set
  std::string purpose;  // the transfer note (62/08): folded to ASCII, at most 25 characters
  bool card = false;    // a card number rather than an account (QRIBFTTC)
};

// Throws std::invalid_argument for what no VietQR can carry (a BIN that is not 6 digits, a
// negative amount, an empty account).
std::string build_vietqr(const VietQrRequest& r);

struct VietQr {
  bool dynamic = false;  // 01 = "12"
  std::string bin, account, service;  // 38/01/00, 38/01/01, 38/02
  std::optional<int64_t> amount;      // 54
  std::string purpose;                // 62/08
  std::string bill;                   // 62/01
  std::string merchant_name;          // 59
  std::map<std::string, std::string> tags;  // every top-level tag as read
};

struct VietQrError {
  std::string reason;  // one line: where and what
};

std::variant<VietQr, VietQrError> decode_vietqr(std::string_view payload);

// What tags 59/60/62 may hold: Vietnamese folded to ASCII (đ → d), other characters dropped.
std::string fold_ascii(std::string_view text);

}  // namespace kiosk::payment

#include "payment/vietqr.hpp"

#include <utf8proc.h>

#include <cctype>
#include <cstdio>
#include <stdexcept>

#include "common/text.hpp"

namespace kiosk::payment {

namespace {

constexpr const char* kNapasGuid = "A000000727";

std::string tlv(std::string_view tag, std::string_view value) {
  if (value.size() > 99) throw std::invalid_argument("VietQR field " + std::string(tag) + " is longer than 99 characters");
  char len[3];
  std::snprintf(len, sizeof len, "%02zu", value.size());
  return std::string(tag) + len + std::string(value);
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// Tag-length-value pairs of one level. Tags and lengths are two digits; values are ASCII.
std::variant<std::map<std::string, std::string>, VietQrError> parse_level(std::string_view s, const std::string& where) {
  std::map<std::string, std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    if (i + 4 > s.size()) return VietQrError{where + ": truncated tag header at " + std::to_string(i)};
    const std::string_view tag = s.substr(i, 2), len = s.substr(i + 2, 2);
    if (!all_digits(tag) || !all_digits(len))
      return VietQrError{where + ": tag or length not two digits at " + std::to_string(i)};
    const size_t n = static_cast<size_t>((len[0] - '0') * 10 + (len[1] - '0'));
    if (n == 0) return VietQrError{where + ": tag " + std::string(tag) + " is empty"};
    if (i + 4 + n > s.size()) return VietQrError{where + ": tag " + std::string(tag) + " runs past the end"};
    if (!out.emplace(std::string(tag), std::string(s.substr(i + 4, n))).second)
      return VietQrError{where + ": tag " + std::string(tag) + " appears twice"};
    i += 4 + n;
  }
  return out;
}

}  // namespace

uint16_t crc16_ccitt(std::string_view data) {
  uint16_t crc = 0xFFFF;
  for (unsigned char c : data) {
    crc ^= static_cast<uint16_t>(c << 8);
    for (int b = 0; b < 8; ++b) crc = (crc & 0x8000) ? static_cast<uint16_t>((crc << 1) ^ 0x1021) : static_cast<uint16_t>(crc << 1);
  }
  return crc;
}

std::string fold_ascii(std::string_view text) {
  // Decompose, drop the marks, then map đ/Đ (which has no decomposition) by hand.
  utf8proc_uint8_t* out = nullptr;
  const auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()), static_cast<utf8proc_ssize_t>(text.size()),
                              &out, static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK));
  std::string decomposed = n >= 0 && out ? std::string(reinterpret_cast<char*>(out), static_cast<size_t>(n)) : std::string();
  std::free(out);
  std::string ascii;
  for (char32_t c : text::to_u32(decomposed)) {
    if (c == U'đ') ascii += 'd';
    else if (c == U'Đ') ascii += 'D';
    else if (c >= 0x20 && c < 0x7F) ascii += static_cast<char>(c);
  }
  return text::squash_spaces(ascii);
}

std::string build_vietqr(const VietQrRequest& r) {
  if (r.bin.size() != 6 || !all_digits(r.bin)) throw std::invalid_argument("a bank BIN is six digits");
  if (r.account.empty() || r.account.size() > 19 || fold_ascii(r.account) != r.account)
    throw std::invalid_argument("the account number must be 1 to 19 ASCII characters");
  if (r.amount && *r.amount < 0) throw std::invalid_argument("an amount cannot be negative");
  const std::string beneficiary = tlv("00", r.bin) + tlv("01", r.account);
  const std::string account_info = tlv("00", kNapasGuid) + tlv("01", beneficiary) + tlv("02", r.card ? "QRIBFTTC" : "QRIBFTTA");
  std::string p = tlv("00", "01") + tlv("01", r.amount ? "12" : "11") + tlv("38", account_info) + tlv("53", "704");
  if (r.amount) p += tlv("54", std::to_string(*r.amount));
  p += tlv("58", "VN");
  const std::string purpose = fold_ascii(r.purpose).substr(0, 25);
  if (!purpose.empty()) p += tlv("62", tlv("08", purpose));
  p += "6304";
  char crc[5];
  std::snprintf(crc, sizeof crc, "%04X", crc16_ccitt(p));
  return p + crc;
}

std::variant<VietQr, VietQrError> decode_vietqr(std::string_view payload) {
  for (unsigned char c : payload)
    if (c < 0x20 || c > 0x7E) return VietQrError{"not ASCII: VietQR fields carry no accents or control characters"};
  auto root_or = parse_level(payload, "payload");
  if (auto* e = std::get_if<VietQrError>(&root_or)) return *e;
  auto& root = std::get<std::map<std::string, std::string>>(root_or);
  if (payload.substr(0, 6) != "000201") return VietQrError{"payload does not start with format indicator 00 = 01"};
  // The CRC is the last field, over everything before its value.
  if (payload.size() < 8 || payload.substr(payload.size() - 8, 4) != "6304" || !root.count("63"))
    return VietQrError{"the CRC (tag 63) is not the last field"};
  const std::string given = root["63"];
  unsigned crc = 0;
  if (given.size() != 4 || std::sscanf(given.c_str(), "%4x", &crc) != 1)
    return VietQrError{"the CRC is not four hex digits"};
  for (char c : given)
    if (!std::isxdigit(static_cast<unsigned char>(c))) return VietQrError{"the CRC is not four hex digits"};
  if (crc != crc16_ccitt(payload.substr(0, payload.size() - 4))) return VietQrError{"the CRC does not match (altered or damaged)"};
  for (const char* tag : {"01", "38", "53", "58"})
    if (!root.count(tag)) return VietQrError{std::string("mandatory tag ") + tag + " is missing"};
  VietQr q;
  q.tags = root;
  if (root["01"] != "11" && root["01"] != "12") return VietQrError{"tag 01 is neither 11 (static) nor 12 (dynamic)"};
  q.dynamic = root["01"] == "12";
  if (root["53"] != "704") return VietQrError{"currency (53) is not 704, the đồng"};
  if (root["58"] != "VN") return VietQrError{"country (58) is not VN"};
  auto ai_or = parse_level(root["38"], "tag 38");
  if (auto* e = std::get_if<VietQrError>(&ai_or)) return *e;
  auto& ai = std::get<std::map<std::string, std::string>>(ai_or);
  if (ai["00"] != kNapasGuid) return VietQrError{"tag 38 is not a NAPAS VietQR account (GUID A000000727)"};
  if (ai["02"] != "QRIBFTTA" && ai["02"] != "QRIBFTTC") return VietQrError{"tag 38/02 is neither QRIBFTTA nor QRIBFTTC"};
  for (const auto& [tag, v] : ai)
    if (tag != "00" && tag != "01" && tag != "02") return VietQrError{"tag 38 holds an unexpected sub-tag " + tag};
  auto b_or = parse_level(ai["01"], "tag 38/01");
  if (auto* e = std::get_if<VietQrError>(&b_or)) return *e;
  auto& b = std::get<std::map<std::string, std::string>>(b_or);
  for (const auto& [tag, v] : b)
    if (tag != "00" && tag != "01") return VietQrError{"tag 38/01 holds an unexpected sub-tag " + tag};
  q.bin = b["00"];
  q.account = b["01"];
  q.service = ai["02"];
  if (q.bin.size() != 6 || !all_digits(q.bin)) return VietQrError{"the bank BIN (38/01/00) is not six digits"};
  if (q.account.empty() || q.account.size() > 19) return VietQrError{"the account (38/01/01) is empty or too long"};
  if (root.count("54")) {
    const std::string& a = root["54"];
    // VND has no decimals; "70000.90"-style amounts are refused rather than guessed.
    if (!all_digits(a) || a.size() > 13 || (a.size() > 1 && a[0] == '0')) return VietQrError{"the amount (54) is not whole digits"};
    q.amount = std::stoll(a);
  }
  if (root.count("59")) q.merchant_name = root["59"];
  if (root.count("62")) {
    auto add_or = parse_level(root["62"], "tag 62");
    if (auto* e = std::get_if<VietQrError>(&add_or)) return *e;
    auto& add = std::get<std::map<std::string, std::string>>(add_or);
    if (add.count("08")) {
      q.purpose = add["08"];
      if (q.purpose.size() > 25) return VietQrError{"the purpose (62/08) is longer than 25 characters"};
    }
    if (add.count("01")) q.bill = add["01"];
  }
  return q;
}

}  // namespace kiosk::payment

// VietQR against the NAPAS specification's examples and public libraries' test payloads
// (data/vietqr-vectors.tsv), and the builder against the decoder.
#include <catch2/catch.hpp>
#include <fstream>
#include <set>
#include <sstream>

#include "common/text.hpp"
#include "payment/vietqr.hpp"

using namespace kiosk::payment;

namespace {

struct Vector {
  int row;
  std::string payload, source, bin, account, amount, purpose;
};

std::vector<Vector> vectors() {
  std::ifstream in(std::string(KIOSK_SOURCE_DIR) + "/tests/payment/data/vietqr-vectors.tsv");
  std::vector<Vector> out;
  std::string line;
  int row = 0;
  while (std::getline(in, line)) {
    if (++row == 1) continue;  // header
    auto f = kiosk::text::split(line, '\t');
    f.resize(14);
    out.push_back({row, f[0], f[1], f[7], f[8], f[10], f[11]});
  }
  return out;
}

// Rows a strict decoder must refuse, and why (the file's own notes agree).
const std::set<int> kRefused = {
    2,   // the spec's static example as printed: an account length that runs past its field
    7,   // the spec's headline example: its CRC was never updated (a typo)
    27,  // tag 59 holds đ/Đ: not ASCII, and its length counts characters, not bytes
    29,  // 38/01 holds an unexpected sub-tag and 38/02 is missing
    30,  // tag 62/08 holds UTF-8: not ASCII
};

}  // namespace

TEST_CASE("CRC-16/CCITT-FALSE as tag 63 carries it", "[vietqr]") {
  CHECK(crc16_ccitt("123456789") == 0x29B1);  // the algorithm's check value
  CHECK(crc16_ccitt("") == 0xFFFF);
}

TEST_CASE("the published VietQR payloads: valid ones read right, broken ones are refused", "[vietqr]") {
  const auto all = vectors();
  REQUIRE(all.size() == 29);
  int valid = 0;
  for (const auto& v : all) {
    INFO("row " << v.row << ": " << v.source);
    const auto r = decode_vietqr(v.payload);
    if (kRefused.count(v.row)) {
      CHECK(std::holds_alternative<VietQrError>(r));
      continue;
    }
    REQUIRE(std::holds_alternative<VietQr>(r));
    const auto& q = std::get<VietQr>(r);
    ++valid;
    CHECK(q.bin == v.bin);
    CHECK(q.account == v.account);
    if (v.amount.empty()) CHECK_FALSE(q.amount);
    else CHECK(q.amount == std::stoll(v.amount));
    CHECK(q.purpose == v.purpose);
  }
  CHECK(valid == 24);
}

TEST_CASE("what the builder makes, the decoder reads back", "[vietqr]") {
  VietQrRequest r{"970415", "112233445566", 50000, "Thanh toán hồ sơ Đăng ký", false};
  const std::string p = build_vietqr(r);
  const auto q = std::get<VietQr>(decode_vietqr(p));
  CHECK(q.dynamic);
  CHECK(q.bin == "970415");
  CHECK(q.account == "112233445566");
  CHECK(q.amount == 50000);
  CHECK(q.purpose == "Thanh toan ho so Dang ky");
  CHECK(q.service == "QRIBFTTA");
  // A static code: no amount.
  const auto s = std::get<VietQr>(decode_vietqr(build_vietqr({"970415", "112233445566", std::nullopt, "", true})));
  CHECK_FALSE(s.dynamic);
  CHECK_FALSE(s.amount);
  CHECK(s.service == "QRIBFTTC");
  CHECK_THROWS(build_vietqr({"97041", "1", 1, "", false}));
  CHECK_THROWS(build_vietqr({"970415", "1", -5, "", false}));
  CHECK_THROWS(build_vietqr({"970415", "", 5, "", false}));
}

TEST_CASE("a decoder that checks the structure, not only the CRC", "[vietqr][security]") {
  const std::string good = build_vietqr({"970415", "112233445566", 50000, "TT HS 0006", false});
  auto with_crc = [](std::string body) {
    body += "6304";
    char crc[5];
    std::snprintf(crc, sizeof crc, "%04X", crc16_ccitt(body));
    return body + crc;
  };
  const std::string body = good.substr(0, good.size() - 8);
  CHECK(std::holds_alternative<VietQr>(decode_vietqr(with_crc(body))));
  // A digit changed without the CRC: refused.
  std::string altered = good;
  altered[altered.find("50000")] = '9';
  CHECK_THROWS_AS(std::get<VietQr>(decode_vietqr(altered)), std::bad_variant_access);
  auto reason = [](const std::string& p) {
    const auto r = decode_vietqr(p);
    return std::holds_alternative<VietQrError>(r) ? std::get<VietQrError>(r).reason : std::string("accepted");
  };
  CHECK(reason(altered).find("CRC") != std::string::npos);
  // Valid CRC, broken structure: an amount with a decimal point, a card service code on nothing,
  // another currency, a payload that is not ASCII, a length past the end.
  CHECK(reason(with_crc("000201010212" "38540010A00000072701240006970415011011223344550208QRIBFTTA" "5303704" "540750000.5" "5802VN"))
            .find("amount") != std::string::npos);
  CHECK(reason(with_crc("000201010212" "38540010A00000072701240006970415011011223344550208QRIBFTTA" "5303840" "5802VN"))
            .find("currency") != std::string::npos);
  CHECK(reason(with_crc("000201010212" "38540010A00000072701240006970415011011223344550208QRIBFTTX" "5303704" "5802VN"))
            .find("38/02") != std::string::npos);
  CHECK(reason("000201010212" "5802VÑ6304ABCD").find("not ASCII") != std::string::npos);
  CHECK(reason(with_crc("000201010212" "3899")).find("past the end") != std::string::npos);
  CHECK(reason(with_crc("000201010212" "5802VN")).find("mandatory tag") != std::string::npos);
  CHECK(reason("").find("accepted") == std::string::npos);
}

TEST_CASE("transfer notes are ASCII: Vietnamese folded, đ to d", "[vietqr]") {
  CHECK(fold_ascii("Thanh toán hồ sơ Đăng ký kết hôn") == "Thanh toan ho so Dang ky ket hon");
  CHECK(fold_ascii("ủng hộ lũ lụt") == "ung ho lu lut");
  CHECK(fold_ascii("₫ 50.000\n") == "50.000");
}

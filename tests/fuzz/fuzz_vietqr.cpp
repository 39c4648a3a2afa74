// Any scanned or received bytes as a VietQR payload: fields or a reason, never a crash; what is
// accepted rebuilds to a code that reads the same (the kiosk compares bank, account and amount).
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string_view>

#include "payment/vietqr.hpp"

using namespace kiosk::payment;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto r = decode_vietqr(std::string_view(reinterpret_cast<const char*>(data), size));
  if (const auto* e = std::get_if<VietQrError>(&r)) {
    if (e->reason.empty()) std::abort();  // every refusal says why, for the log
    return 0;
  }
  const auto& q = std::get<VietQr>(r);
  if (q.amount && *q.amount < 0) std::abort();
  if (q.bin.size() != 6 || q.account.empty()) return 0;  // not a transfer the kiosk would build
  try {
    const std::string again = build_vietqr({q.bin, q.account, q.amount, q.purpose, q.service == "QRIBFTTC"});
    const auto back = decode_vietqr(again);
    const auto* b = std::get_if<VietQr>(&back);
    if (!b || b->bin != q.bin || b->account != q.account || b->amount != q.amount) std::abort();
  } catch (const std::invalid_argument&) {
    // An account longer than a built code may carry: refused at build time, as it should be.
  }
  return 0;
}

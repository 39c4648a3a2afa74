// Any scanned bytes: a payload or a refusal with its reason, never a crash.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "dossier/slip_payload.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto r = kiosk::dossier::parse_slip(std::string_view(reinterpret_cast<const char*>(data), size));
  if (auto* p = std::get_if<kiosk::dossier::SlipPayload>(&r)) {
    // An accepted code always prints back as a code that parses to itself.
    if (p->code && !kiosk::dossier::parse_dossier_code(p->code->text())) std::abort();
  } else if (std::get<kiosk::dossier::SlipRefusal>(r).reason.empty()) {
    std::abort();  // every refusal says why, for the log
  }
  return 0;
}

// Both backend adapters on arbitrary bytes: a model or an AdapterError, nothing else.
#include <cstdint>
#include <string_view>

#include "dossier/adapters.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view body(reinterpret_cast<const char*>(data), size);
  for (auto parse : {&kiosk::dossier::parse_generic, &kiosk::dossier::parse_igate}) {
    try {
      auto a = parse(body);
      const auto& d = a.status;
      (void)kiosk::dossier::next_step(d, {2024, 1, 1});
      (void)kiosk::dossier::mask_name(d.owner_masked);
      for (const auto& id : a.owner_ids) (void)kiosk::dossier::owner_matches(id.view(), "2345", 4);
      (void)kiosk::dossier::is_late(d, {2024, 1, 1});
    } catch (const kiosk::dossier::AdapterError&) {
    }
  }
  return 0;
}

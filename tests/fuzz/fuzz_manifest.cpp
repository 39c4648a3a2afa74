// The manifest parser and the procedure JSON reader on arbitrary text.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string_view>

#include "content/pack.hpp"
#include "content/procedure.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    auto m = kiosk::content::Manifest::parse(text);
    (void)kiosk::content::Manifest::parse(m.to_json());
  } catch (const kiosk::content::PackError&) {
  }
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_discarded()) {
    try {
      auto p = kiosk::content::procedure_from_json(j);
      (void)kiosk::content::procedure_to_json(p).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    } catch (const std::invalid_argument&) {
    } catch (const nlohmann::json::exception&) {
    }
  }
  return 0;
}

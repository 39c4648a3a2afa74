// The spoken form of any text (a pack's wording, a backend's answer shown on screen): no crash,
// no hang, valid UTF-8 out, and never longer than a bounded multiple of the input.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "common/text.hpp"
#include "vntext/speech_text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  const std::string spoken = kiosk::vntext::speech_text(text);
  if (!kiosk::text::is_valid_utf8(spoken)) std::abort();
  // A digit becomes at most a word of a few letters plus a scale word: 40 bytes per input byte
  // is far above any real expansion.
  if (spoken.size() > 40 * size + 64) std::abort();
  (void)kiosk::vntext::spell_code(text);
  return 0;
}

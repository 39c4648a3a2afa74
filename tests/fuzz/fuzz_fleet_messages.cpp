// The fleet's commands and overrides on arbitrary text, as the broker could deliver them: the
// sealed document itself, and the payload as the fleet key would have signed it (so the fields'
// checks are reached), plus the topic a message arrived on.
#include <cstdint>
#include <string_view>

#include "common/text.hpp"
#include "content/signing.hpp"
#include "fleet/messages.hpp"
#include "fleet/topics.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const kiosk::content::KeyPair key = kiosk::content::generate_keypair();
  const std::string text(reinterpret_cast<const char*>(data), size);
  (void)kiosk::fleet::split_topic(text);
  const std::string sealed = kiosk::content::seal(kiosk::text::is_valid_utf8(text) ? text : std::string("{}"), key.secret);
  for (const std::string* doc : {&text, &sealed}) {
    try {
      (void)kiosk::fleet::parse_command(*doc, {key.pub});
    } catch (const kiosk::fleet::FleetError&) {
    }
    try {
      (void)kiosk::fleet::parse_config(*doc, {key.pub});
    } catch (const kiosk::fleet::FleetError&) {
    }
  }
  return 0;
}

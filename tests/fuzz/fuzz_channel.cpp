// The content channel file on arbitrary text: the outer document as served, and the payload as a
// trusted key would have signed it (so the fields' checks are reached, not only the signature).
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string_view>

#include "content/channel.hpp"
#include "content/pack.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const kiosk::content::KeyPair key = kiosk::content::generate_keypair();
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    (void)kiosk::content::parse_channel(text, {key.pub});
  } catch (const kiosk::content::PackError&) {
  }
  const auto sig = kiosk::content::sign(key.secret, text);
  const std::string doc = nlohmann::json{{"payload", text}, {"signature", kiosk::content::to_base64(sig.data(), sig.size())}}.dump(
      -1, ' ', false, nlohmann::json::error_handler_t::replace);
  try {
    const auto e = kiosk::content::parse_channel(doc, {key.pub});
    (void)kiosk::content::in_rollout(e.pack_id, e.rollout);
  } catch (const kiosk::content::PackError&) {
  }
  return 0;
}

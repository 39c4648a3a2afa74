// A content channel: the small signed file a fleet's kiosks poll to learn of a new pack. It is
// served, with the pack beside it, by any plain HTTPS file server (docs/fleet.md):
//   DIR/<channel>.json      {"payload": "<JSON text>", "key_id": "...", "signature": "<base64>"}
//   DIR/<pack file>         the pack, named <pack_id>-<version>.kpack
// The signature (Ed25519, the content signing key) covers the payload text exactly as written.
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "content/signing.hpp"

namespace kiosk::content {

struct ChannelEntry {
  std::string channel = "stable";
  std::string pack_id, version;
  std::string file;  // the pack's file name, beside the channel file
  uint64_t size = 0;
  std::string sha256;  // of the pack file, hex
  int rollout = 100;   // percent of kiosks that take it (stably chosen by kiosk id)
  std::string min_kiosk_version;
  std::string published;  // ISO 8601 UTC
};

// Copies PACK into DIR and writes DIR/<channel>.json for it, signed with `key`. The pack is
// verified against the key first (a channel never points at a pack its kiosks would refuse).
ChannelEntry publish_pack(const std::filesystem::path& pack, const std::filesystem::path& dir, const SecretKey& key,
                          const std::string& channel, int rollout);

std::string channel_document(const ChannelEntry& e, const SecretKey& key);
// Throws PackError: not a channel file, signed by no trusted key, a bad signature, or fields a
// kiosk cannot use (a file name with a path in it, a size over the pack limit, a bad hash).
ChannelEntry parse_channel(std::string_view text, const std::vector<PublicKey>& trusted);

// The channel a channel file's address asks for: its last path segment without ".json"
// ("https://…/kiosks/stable.json?x" -> "stable"). A signed channel file must name this channel:
// pilot.json copied to stable.json is not stable's.
std::string channel_name_of(std::string_view url);

// Whether a kiosk is among the `percent` that take a rollout: the same kiosks every poll.
bool in_rollout(std::string_view kiosk_id, int percent);

}  // namespace kiosk::content

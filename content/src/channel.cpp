#include "content/channel.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <ctime>

#include "common/files.hpp"
#include "content/pack.hpp"

namespace kiosk::content {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string now_iso() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

bool plain_file_name(const std::string& name) {
  if (name.empty() || name.size() > 200 || name == "." || name == "..") return false;
  for (char c : name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_')) return false;
  return name.front() != '.';
}

bool hex64(const std::string& s) {
  if (s.size() != 64) return false;
  for (char c : s)
    if (!std::isxdigit(static_cast<unsigned char>(c)) || std::isupper(static_cast<unsigned char>(c))) return false;
  return true;
}

}  // namespace

std::string channel_document(const ChannelEntry& e, const SecretKey& key) {
  const json payload = {{"channel", e.channel},   {"pack_id", e.pack_id}, {"version", e.version},
                        {"file", e.file},         {"size", e.size},       {"sha256", e.sha256},
                        {"rollout", e.rollout},   {"min_kiosk_version", e.min_kiosk_version},
                        {"published", e.published}};
  return seal(payload.dump(), key);
}

ChannelEntry parse_channel(std::string_view text, const std::vector<PublicKey>& trusted) {
  std::string payload;
  try {
    payload = open_sealed(text, trusted, "channel");
  } catch (const std::runtime_error& e) {
    throw PackError(e.what());
  }
  const json p = json::parse(payload, nullptr, false);
  if (p.is_discarded() || !p.is_object()) throw PackError("channel payload is not a JSON object");
  ChannelEntry e;
  try {
    e.channel = p.at("channel").get<std::string>();
    e.pack_id = p.at("pack_id").get<std::string>();
    e.version = p.at("version").get<std::string>();
    e.file = p.at("file").get<std::string>();
    e.size = p.at("size").get<uint64_t>();
    e.sha256 = p.at("sha256").get<std::string>();
    e.rollout = p.at("rollout").get<int>();
    e.min_kiosk_version = p.value("min_kiosk_version", "");
    e.published = p.value("published", "");
  } catch (const json::exception&) {
    throw PackError("channel payload lacks a field or has one of the wrong type");
  }
  if (!plain_file_name(e.file)) throw PackError("channel names a pack file with a path or odd characters");
  if (e.size == 0 || e.size > kMaxPackBytes) throw PackError("channel gives a pack size out of bounds");
  if (!hex64(e.sha256)) throw PackError("channel gives no SHA-256 for the pack");
  if (e.rollout < 0 || e.rollout > 100) throw PackError("channel rollout is not a percentage");
  if (e.pack_id.empty() || e.version.empty()) throw PackError("channel names no pack");
  return e;
}

std::string channel_name_of(std::string_view url) {
  url = url.substr(0, url.find_first_of("?#"));
  if (const auto slash = url.rfind('/'); slash != std::string_view::npos) url.remove_prefix(slash + 1);
  if (url.size() > 5 && url.substr(url.size() - 5) == ".json") url.remove_suffix(5);
  return std::string(url);
}

bool in_rollout(std::string_view kiosk_id, int percent) {
  if (percent >= 100) return true;
  if (percent <= 0) return false;
  const std::string h = sha256_hex(kiosk_id);
  const unsigned long bucket = std::stoul(h.substr(0, 8), nullptr, 16) % 100;
  return static_cast<int>(bucket) < percent;
}

ChannelEntry publish_pack(const fs::path& pack, const fs::path& dir, const SecretKey& key, const std::string& channel, int rollout) {
  if (rollout < 0 || rollout > 100) throw PackError("rollout must be 0-100");
  if (!plain_file_name(channel + ".json")) throw PackError("channel name must be letters, digits, '-' or '_'");
  files::TempDir check;
  const VerifiedPack v = verify_and_extract(pack, {public_half(key)}, check.path());
  ChannelEntry e;
  e.channel = channel;
  e.pack_id = v.manifest.pack_id;
  e.version = v.manifest.version;
  e.file = e.pack_id + "-" + e.version + ".kpack";
  if (!plain_file_name(e.file)) throw PackError("pack id or version makes an odd file name: " + e.file);
  const std::string bytes = files::read_file(pack);
  e.size = bytes.size();
  e.sha256 = sha256_hex(bytes);
  e.rollout = rollout;
  e.min_kiosk_version = v.manifest.min_kiosk_version;
  e.published = now_iso();
  fs::create_directories(dir);
  // The pack first, then the channel file pointing at it: a kiosk never sees a channel naming a
  // pack not yet there.
  files::write_file_durable(dir / e.file, bytes);
  files::write_file_durable(dir / (channel + ".json"), channel_document(e, key));
  return e;
}

}  // namespace kiosk::content

#include "content/update.hpp"

#include <nlohmann/json.hpp>

#include <fstream>

#include "common/files.hpp"
#include "common/text.hpp"
#include "content/pack.hpp"

namespace kiosk::content {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// The channel file's address with its last path part replaced by `file`.
std::string beside(const std::string& url, const std::string& file) {
  const auto query = url.find('?');
  const std::string base = url.substr(0, query);
  const auto slash = base.rfind('/');
  return base.substr(0, slash + 1) + file;
}

std::string sha256_of_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  Sha256 h;
  std::vector<char> buf(1 << 16);
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    if (in.gcount() > 0) h.update(buf.data(), static_cast<size_t>(in.gcount()));
  }
  return h.hex();
}

std::string error_text(const http::Error& e) { return std::string(http::kind_name(e.kind)) + ": " + e.detail; }

}  // namespace

const char* kind_name(UpdateOutcome::Kind k) {
  using K = UpdateOutcome::Kind;
  switch (k) {
    case K::Unchanged: return "unchanged";
    case K::UpToDate: return "up-to-date";
    case K::NotInRollout: return "not-in-rollout";
    case K::Pinned: return "pinned";
    case K::TooNewForKiosk: return "too-new-for-kiosk";
    case K::Installed: return "installed";
    case K::RolledBack: return "rolled-back";
  }
  return "?";
}

UpdateOutcome update_from_channel(ContentStore& store, const UpdateOptions& o,
                                  const std::function<std::string(const InstalledPack&)>& self_check) {
  using K = UpdateOutcome::Kind;
  const fs::path state_dir = store.root() / "channel";
  fs::create_directories(state_dir);
  const fs::path state_file = state_dir / "state.json";
  json state = json::object();
  if (fs::exists(state_file)) {
    state = json::parse(files::read_file(state_file), nullptr, false);
    if (!state.is_object()) state = json::object();
  }
  const auto current = store.current();
  // The ETag stands for "what I did with this channel file": only when the same URL and the same
  // installed pack (a rollback or a manual install makes the pass look again).
  const std::string installed = current ? current->manifest.pack_id + " " + current->manifest.version : "";
  http::Request req{"GET", o.channel_url, {}, {}};
  if (state.value("url", "") == o.channel_url && state.value("installed", "") == installed && !state.value("etag", "").empty())
    req.headers.push_back("If-None-Match: " + state.value("etag", ""));
  http::Options small = o.http;
  small.max_bytes = 64 * 1024;
  const auto got = http::perform(req, small);
  if (const auto* e = std::get_if<http::Error>(&got)) throw std::runtime_error("channel: " + error_text(*e));
  const auto& resp = std::get<http::Response>(got);
  if (resp.status == 304) return {K::Unchanged, "", "channel unchanged (304)"};
  if (resp.status != 200) throw std::runtime_error("channel: HTTP " + std::to_string(resp.status));
  const ChannelEntry entry = parse_channel(resp.body, o.trusted);
  // Signed for a channel, it is that channel's alone: a pilot file served as stable.json would
  // roll the pilot's pack out to every stable kiosk.
  if (const std::string asked = channel_name_of(o.channel_url); entry.channel != asked)
    throw PackError("the channel file is signed for channel '" + text::printable(entry.channel) + "', not '" + text::printable(asked) +
                    "' that this kiosk follows");
  const auto remember = [&] {
    const auto now = store.current();
    const json s = {{"url", o.channel_url},
                    {"etag", resp.etag},
                    {"installed", now ? now->manifest.pack_id + " " + now->manifest.version : ""}};
    files::write_file_durable(state_file, s.dump() + "\n", 0600);
  };
  // Only a pass that settled this channel file is remembered: after a pin is lifted, a kiosk
  // upgraded or a rollout widened, the same file must be read again.
  if (!o.pinned_version.empty() && entry.version != o.pinned_version) return {K::Pinned, entry.version, "pinned to " + o.pinned_version};
  if (current && current->manifest.pack_id == entry.pack_id && version_at_least(current->manifest.version, entry.version)) {
    remember();
    return {K::UpToDate, entry.version, "installed " + current->manifest.version + ", channel " + entry.version};
  }
  if (!in_rollout(o.kiosk_id, entry.rollout))
    return {K::NotInRollout, entry.version, "rollout " + std::to_string(entry.rollout) + " % leaves this kiosk out"};
  if (!entry.min_kiosk_version.empty() && !o.kiosk_version.empty() && !version_at_least(o.kiosk_version, entry.min_kiosk_version))
    return {K::TooNewForKiosk, entry.version, "needs kiosk " + entry.min_kiosk_version};

  // The pack: resumed into STORE/channel/<file>.part, checked by size and hash, then installed.
  const fs::path part = state_dir / (entry.file + ".part");
  http::Options big = o.http;
  big.total_timeout = std::max(big.total_timeout, std::chrono::milliseconds(30 * 60 * 1000));
  std::error_code ec;
  // A part already whole (a pass stopped before installing it) is not fetched again.
  if (!fs::exists(part, ec) || fs::file_size(part, ec) < entry.size) {
    const auto dl = http::download({"GET", beside(o.channel_url, entry.file), {}, {}}, part, entry.size, big);
    if (const auto* e = std::get_if<http::Error>(&dl)) {
      if (e->kind == http::Error::Kind::TooBig) fs::remove(part, ec);
      throw std::runtime_error("pack download: " + error_text(*e));
    }
    if (const long status = std::get<http::Response>(dl).status; status != 200 && status != 206) {
      // Gone from the server: the part is worth nothing. A passing failure (5xx) keeps it.
      if (status == 404 || status == 410) fs::remove(part, ec);
      throw std::runtime_error("pack download: HTTP " + std::to_string(status));
    }
  }
  if (fs::file_size(part) < entry.size) throw std::runtime_error("pack download cut short; resumed next pass");
  if (sha256_of_file(part) != entry.sha256) {
    fs::remove(part);
    throw PackError("the downloaded pack's SHA-256 is not the channel's");
  }
  const fs::path pack = state_dir / entry.file;
  fs::rename(part, pack);
  InstallResult r;
  try {
    r = store.install(pack, o.trusted, o.extensions);
  } catch (...) {
    fs::remove(pack);
    throw;
  }
  fs::remove(pack);
  if (const std::string why = self_check(r.pack); !why.empty()) {
    const InstalledPack back = store.rollback();
    remember();
    return {K::RolledBack, entry.version, "self-check failed (" + why + "); back to " + back.manifest.version};
  }
  remember();
  return {K::Installed, entry.version, "installed " + entry.pack_id + " " + entry.version};
}

}  // namespace kiosk::content

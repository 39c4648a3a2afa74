#include <algorithm>
#include <chrono>
#include <ctime>
#include <nlohmann/json.hpp>

#include "archive_handles.hpp"
#include "common/files.hpp"
#include "content/pack.hpp"
#include "content/pack_content.hpp"
#include "pack_paths.hpp"

namespace kiosk::content {

namespace {

std::string utc_now_iso() {
  std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

void add_entry(archive* a, const std::string& name, std::string_view data) {
  detail::Entry e(archive_entry_new());
  archive_entry_set_pathname(e.get(), name.c_str());
  archive_entry_set_size(e.get(), static_cast<la_int64_t>(data.size()));
  archive_entry_set_filetype(e.get(), AE_IFREG);
  archive_entry_set_perm(e.get(), 0644);
  archive_entry_set_mtime(e.get(), 0, 0);  // reproducible archives: content, not clocks, defines a pack
  if (archive_write_header(a, e.get()) != ARCHIVE_OK)
    throw PackError(std::string("cannot write pack entry: ") + archive_error_string(a));
  if (!data.empty() && archive_write_data(a, data.data(), data.size()) != static_cast<la_ssize_t>(data.size()))
    throw PackError(std::string("cannot write pack data: ") + archive_error_string(a));
}

}  // namespace

Manifest build_pack(const fs::path& src_dir, const fs::path& out_pack, const SecretKey& key) {
  // Refuse to sign what a kiosk would refuse to install.
  PackContent content = load_pack_content(src_dir);

  Manifest m;
  m.pack_id = content.meta.value("pack_id", "");
  m.publisher = content.meta.value("publisher", "");
  m.version = content.meta.value("version", "");
  m.min_kiosk_version = content.meta.value("min_kiosk_version", "0.1.0");
  m.created = utc_now_iso();
  m.signing_key_id = key_id(public_half(key));

  std::vector<std::pair<std::string, fs::path>> sources;
  for (auto it = fs::recursive_directory_iterator(src_dir); it != fs::recursive_directory_iterator(); ++it) {
    const auto& entry = *it;
    if (entry.is_symlink()) throw PackError("source holds a symlink: " + entry.path().string());
    if (entry.is_directory()) continue;
    if (!entry.is_regular_file()) throw PackError("source holds a special file: " + entry.path().string());
    std::string rel = fs::relative(entry.path(), src_dir).generic_string();
    if (auto why = detail::unsafe_path_reason(rel)) throw PackError("unsafe source name " + rel + ": " + *why);
    sources.emplace_back(rel, entry.path());
  }
  std::sort(sources.begin(), sources.end());
  if (sources.size() > kMaxFiles) throw PackError("too many files in source");

  std::vector<std::string> bodies;
  bodies.reserve(sources.size());
  for (const auto& [rel, path] : sources) {
    bodies.push_back(files::read_file(path));
    m.files.push_back({rel, bodies.back().size(), sha256_hex(bodies.back())});
  }
  const std::string manifest_json = m.to_json();
  const Signature sig = sign(key, manifest_json);

  fs::path tmp = out_pack;
  tmp += ".tmp";
  {
    detail::WriteArchive a(archive_write_new());
    archive_write_set_format_pax_restricted(a.get());
    archive_write_add_filter_zstd(a.get());
    if (archive_write_open_filename(a.get(), tmp.c_str()) != ARCHIVE_OK)
      throw PackError("cannot create " + tmp.string() + ": " + archive_error_string(a.get()));
    add_entry(a.get(), "manifest.json", manifest_json);
    add_entry(a.get(), "manifest.sig", std::string_view(reinterpret_cast<const char*>(sig.data()), sig.size()));
    for (size_t i = 0; i < sources.size(); ++i) add_entry(a.get(), "content/" + sources[i].first, bodies[i]);
    if (archive_write_close(a.get()) != ARCHIVE_OK)
      throw PackError(std::string("cannot finish pack: ") + archive_error_string(a.get()));
  }
  files::fsync_path(tmp);
  fs::rename(tmp, out_pack);
  return m;
}

}  // namespace kiosk::content

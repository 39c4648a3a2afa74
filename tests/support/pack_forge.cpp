#include "pack_forge.hpp"

#include <archive.h>
#include <archive_entry.h>

#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "content/synthetic.hpp"

namespace kiosk::test {

using nlohmann::json;

void write_small_source(const fs::path& dir, int procedures, const std::string& version) {
  content::write_synthetic_source(dir, procedures, 7, version);
}

namespace {

struct Writer {
  archive* a;
  explicit Writer(const fs::path& out) : a(archive_write_new()) {
    archive_write_set_format_pax_restricted(a);
    archive_write_add_filter_zstd(a);
    if (archive_write_open_filename(a, out.c_str()) != ARCHIVE_OK) throw std::runtime_error("cannot open forge output");
  }
  ~Writer() {
    archive_write_close(a);
    archive_write_free(a);
  }
  void add(const ForgedEntry& e) {
    std::unique_ptr<archive_entry, decltype(&archive_entry_free)> en(archive_entry_new(), &archive_entry_free);
    archive_entry_set_pathname(en.get(), e.name.c_str());
    archive_entry_set_perm(en.get(), 0644);
    switch (e.type) {
      case ForgedEntry::Type::File:
        archive_entry_set_filetype(en.get(), AE_IFREG);
        archive_entry_set_size(en.get(), static_cast<la_int64_t>(e.header_size.value_or(e.data.size())));
        break;
      case ForgedEntry::Type::Symlink:
        archive_entry_set_filetype(en.get(), AE_IFLNK);
        archive_entry_set_symlink(en.get(), e.link_target.c_str());
        break;
      case ForgedEntry::Type::HardLink:
        archive_entry_set_filetype(en.get(), AE_IFREG);
        archive_entry_set_hardlink(en.get(), e.link_target.c_str());
        break;
      case ForgedEntry::Type::Directory:
        archive_entry_set_filetype(en.get(), AE_IFDIR);
        break;
    }
    if (archive_write_header(a, en.get()) != ARCHIVE_OK) throw std::runtime_error(archive_error_string(a));
    if (e.type == ForgedEntry::Type::File && !e.data.empty()) archive_write_data(a, e.data.data(), e.data.size());
  }
};

}  // namespace

void forge_pack(const fs::path& out, const std::string& manifest_json, const content::SecretKey& key,
                const std::vector<ForgedEntry>& entries, bool include_signature) {
  Writer w(out);
  w.add({"manifest.json", manifest_json});
  if (include_signature) {
    auto sig = content::sign(key, manifest_json);
    w.add({"manifest.sig", std::string(reinterpret_cast<const char*>(sig.data()), sig.size())});
  }
  for (const auto& e : entries) w.add(e);
}

std::string forge_manifest(const std::vector<std::pair<std::string, std::string>>& files, int schema_version,
                           const std::string& min_kiosk) {
  json fj = json::array();
  for (const auto& [path, data] : files)
    fj.push_back({{"path", path}, {"size", data.size()}, {"sha256", content::sha256_hex(data)}});
  json m = {{"format", "tthc-kiosk-pack"}, {"schema_version", schema_version}, {"pack_id", "forged"},
            {"publisher", "test"},           {"version", "1"},                   {"created", "2026-01-01T00:00:00Z"},
            {"min_kiosk_version", min_kiosk}, {"files", fj}};
  return m.dump();
}

void forge_bomb_pack(const fs::path& out, const content::SecretKey& key, uint64_t real_size, uint64_t declared_size) {
  std::string small(declared_size, '\0');
  std::string manifest = forge_manifest({{"procedures.jsonl", small}});
  Writer w(out);
  w.add({"manifest.json", manifest});
  auto sig = content::sign(key, manifest);
  w.add({"manifest.sig", std::string(reinterpret_cast<const char*>(sig.data()), sig.size())});
  std::unique_ptr<archive_entry, decltype(&archive_entry_free)> en(archive_entry_new(), &archive_entry_free);
  archive_entry_set_pathname(en.get(), "content/procedures.jsonl");
  archive_entry_set_filetype(en.get(), AE_IFREG);
  archive_entry_set_perm(en.get(), 0644);
  archive_entry_set_size(en.get(), static_cast<la_int64_t>(real_size));
  archive_write_header(w.a, en.get());
  std::string chunk(1 << 20, '\0');
  for (uint64_t left = real_size; left > 0;) {
    size_t n = static_cast<size_t>(std::min<uint64_t>(left, chunk.size()));
    archive_write_data(w.a, chunk.data(), n);
    left -= n;
  }
}

}  // namespace kiosk::test

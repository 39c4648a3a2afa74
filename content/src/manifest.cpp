#include <nlohmann/json.hpp>

#include "common/text.hpp"
#include "content/pack.hpp"
#include "pack_paths.hpp"

namespace kiosk::content {

using nlohmann::json;

std::string Manifest::to_json() const {
  json files_j = json::array();
  for (const auto& f : files) files_j.push_back({{"path", f.path}, {"size", f.size}, {"sha256", f.sha256}});
  json j = {{"format", "tthc-kiosk-pack"},
            {"schema_version", schema_version},
            {"pack_id", pack_id},
            {"publisher", publisher},
            {"version", version},
            {"created", created},
            {"min_kiosk_version", min_kiosk_version},
            {"signing_key_id", signing_key_id},
            {"files", files_j}};
  return j.dump(1);
}

Manifest Manifest::parse(std::string_view text) {
  if (!text::is_valid_utf8(text)) throw PackError("manifest is not valid UTF-8");
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) throw PackError("manifest is not a JSON object");
  auto str = [&](const char* k) {
    auto it = j.find(k);
    if (it == j.end() || !it->is_string() || it->get<std::string>().empty())
      throw PackError(std::string("manifest lacks '") + k + "'");
    return it->get<std::string>();
  };
  if (str("format") != "tthc-kiosk-pack") throw PackError("not a kiosk content pack (manifest format)");
  Manifest m;
  auto sv = j.find("schema_version");
  if (sv == j.end() || !sv->is_number_integer()) throw PackError("manifest lacks 'schema_version'");
  m.schema_version = sv->get<int>();
  if (m.schema_version > kSchemaVersion)
    throw PackError("pack schema " + std::to_string(m.schema_version) + " is newer than this kiosk knows (" +
                    std::to_string(kSchemaVersion) + "): update the kiosk first");
  if (m.schema_version < 1) throw PackError("invalid schema_version");
  m.pack_id = str("pack_id");
  m.publisher = str("publisher");
  m.version = str("version");
  m.created = str("created");
  m.min_kiosk_version = str("min_kiosk_version");
  m.signing_key_id = j.value("signing_key_id", "");
  auto files = j.find("files");
  if (files == j.end() || !files->is_array()) throw PackError("manifest lacks 'files'");
  if (files->size() > kMaxFiles) throw PackError("manifest lists too many files");
  for (const auto& f : *files) {
    if (!f.is_object() || !f.contains("path") || !f["path"].is_string() || !f.contains("size") ||
        !f["size"].is_number_unsigned() || !f.contains("sha256") || !f["sha256"].is_string())
      throw PackError("manifest has a malformed file entry");
    ManifestFile mf{f["path"].get<std::string>(), f["size"].get<uint64_t>(), f["sha256"].get<std::string>()};
    if (auto why = detail::unsafe_path_reason(mf.path)) throw PackError("manifest names an unsafe path '" + mf.path + "': " + *why);
    if (mf.size > kMaxFileBytes) throw PackError("manifest declares an oversized file: " + mf.path);
    if (mf.sha256.size() != 64) throw PackError("manifest has a malformed hash for " + mf.path);
    m.files.push_back(std::move(mf));
  }
  return m;
}

PackError::PackError(const std::string& what) : std::runtime_error(text::printable(what)) {}

bool version_at_least(std::string_view version, std::string_view minimum) {
  auto parts = [](std::string_view v) {
    std::vector<long> out;
    for (const auto& p : text::split(v, '.')) {
      long n = 0;
      for (char c : p) {
        if (c < '0' || c > '9') break;
        n = n * 10 + (c - '0');
        if (n > 1000000) break;
      }
      out.push_back(n);
    }
    return out;
  };
  auto a = parts(version), b = parts(minimum);
  size_t n = std::max(a.size(), b.size());
  a.resize(n, 0);
  b.resize(n, 0);
  return a >= b;
}

}  // namespace kiosk::content

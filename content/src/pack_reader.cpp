#include <fcntl.h>
#include <unistd.h>

#include <map>
#include <nlohmann/json.hpp>

#include "archive_handles.hpp"
#include "content/pack.hpp"
#include "pack_paths.hpp"

namespace kiosk::content {

namespace {

constexpr std::string_view kContentPrefix = "content/";

std::string entry_kind(archive_entry* e) {
  if (archive_entry_hardlink(e)) return "a hard link";
  switch (archive_entry_filetype(e)) {
    case AE_IFREG: return "a file";
    case AE_IFLNK: return "a symlink";
    case AE_IFDIR: return "a directory";
    default: return "a special file";
  }
}

[[noreturn]] void damaged(archive* a) {
  const char* why = archive_error_string(a);
  throw PackError(std::string("pack is truncated or damaged (") + (why ? why : "read error") + ")");
}

// Reads the current entry whole, refusing more than `cap` bytes whatever the header claims.
std::string read_small_entry(archive* a, uint64_t cap, const std::string& name) {
  std::string out;
  char buf[16384];
  while (true) {
    la_ssize_t n = archive_read_data(a, buf, sizeof buf);
    if (n < 0) damaged(a);
    if (n == 0) break;
    out.append(buf, static_cast<size_t>(n));
    if (out.size() > cap) throw PackError(name + " is larger than allowed");
  }
  return out;
}

void next_header(archive* a, archive_entry** e, const char* expected) {
  int rc = archive_read_next_header(a, e);
  if (rc == ARCHIVE_EOF) throw PackError(std::string("pack is incomplete: no ") + expected);
  if (rc != ARCHIVE_OK) damaged(a);
  const std::string_view name = archive_entry_pathname(*e) ? archive_entry_pathname(*e) : "";
  if (name != expected && std::string_view(expected) == "manifest.sig")
    throw PackError("pack signature is missing (manifest.sig must follow manifest.json)");
  if (archive_entry_filetype(*e) != AE_IFREG || archive_entry_hardlink(*e) || name != expected)
    throw PackError("not a kiosk content pack: first entries must be manifest.json and manifest.sig");
}

struct OutFile {
  int fd;
  explicit OutFile(const fs::path& p) : fd(::open(p.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644)) {
    if (fd < 0) throw PackError("cannot write " + p.string());
  }
  ~OutFile() { ::close(fd); }
  OutFile(const OutFile&) = delete;
  OutFile& operator=(const OutFile&) = delete;
  void write(const char* p, size_t n) {
    while (n > 0) {
      ssize_t w = ::write(fd, p, n);
      if (w < 0) throw PackError("write failed while extracting the pack");
      p += w;
      n -= static_cast<size_t>(w);
    }
  }
};

std::string describe_key_mismatch(const std::string& manifest_json, const std::vector<PublicKey>& trusted) {
  // Only used to word the refusal. The manifest is untrusted here: it is not parsed, only
  // searched for the key id, which must look like one (hex, at most 64 characters).
  std::string id;
  const std::string_view m(manifest_json);
  constexpr std::string_view kField = "\"signing_key_id\"";
  if (auto at = m.find(kField); at != std::string_view::npos) {
    at = m.find('"', m.find(':', at + kField.size()));
    for (size_t i = at + 1; at != std::string_view::npos && i < m.size() && id.size() < 64 && std::isxdigit(static_cast<unsigned char>(m[i])); ++i)
      id += m[i];
  }
  for (const auto& k : trusted)
    if (!id.empty() && key_id(k) == id) return "signature does not match the manifest (pack altered after signing)";
  return id.empty() ? "signature is not from a trusted key"
                    : "pack is signed by an untrusted key (" + id + ")";
}

}  // namespace

VerifiedPack verify_and_extract(const fs::path& pack, const std::vector<PublicKey>& trusted,
                                const fs::path& extract_dir) {
  if (trusted.empty()) throw PackError("no trusted keys configured");
  std::error_code ec;
  auto pack_size = fs::file_size(pack, ec);
  if (ec) throw PackError("cannot read pack " + pack.string());
  if (pack_size > kMaxPackBytes) throw PackError("pack file is larger than allowed");

  detail::ReadArchive a(archive_read_new());
  archive_read_support_filter_zstd(a.get());
  archive_read_support_filter_gzip(a.get());
  archive_read_support_format_tar(a.get());
  if (archive_read_open_filename(a.get(), pack.c_str(), 65536) != ARCHIVE_OK)
    throw PackError(std::string("not a kiosk content pack, or truncated (") + archive_error_string(a.get()) + ")");

  archive_entry* e = nullptr;
  next_header(a.get(), &e, "manifest.json");
  const std::string manifest_json = read_small_entry(a.get(), kMaxManifestBytes, "manifest.json");
  next_header(a.get(), &e, "manifest.sig");
  const std::string sig_bytes = read_small_entry(a.get(), 64, "manifest.sig");
  if (sig_bytes.size() != sizeof(Signature)) throw PackError("pack signature is missing or malformed");
  Signature sig;
  std::copy(sig_bytes.begin(), sig_bytes.end(), sig.begin());

  VerifiedPack result;
  bool ok = false;
  for (const auto& k : trusted) {
    if (verify(k, manifest_json, sig)) {
      result.signer = k;
      ok = true;
      break;
    }
  }
  if (!ok) throw PackError(describe_key_mismatch(manifest_json, trusted));

  result.manifest = Manifest::parse(manifest_json);
  if (!version_at_least(KIOSK_VERSION, result.manifest.min_kiosk_version))
    throw PackError("pack needs kiosk version " + result.manifest.min_kiosk_version + " or newer (this is " +
                    KIOSK_VERSION + ")");

  std::map<std::string, const ManifestFile*> expected;
  for (const auto& f : result.manifest.files) {
    if (!expected.emplace(f.path, &f).second) throw PackError("manifest lists " + f.path + " twice");
  }

  char buf[65536];
  uint64_t total = 0;
  while (true) {
    int rc = archive_read_next_header(a.get(), &e);
    if (rc == ARCHIVE_EOF) break;
    if (rc != ARCHIVE_OK) damaged(a.get());
    const char* raw_name = archive_entry_pathname(e);
    std::string name = raw_name ? raw_name : "";
    if (name.rfind(kContentPrefix, 0) != 0) throw PackError("unexpected entry outside content/: " + name);
    std::string rel = name.substr(kContentPrefix.size());
    if (auto why = detail::unsafe_path_reason(rel)) throw PackError("unsafe entry name '" + name + "': " + *why);
    if (archive_entry_filetype(e) != AE_IFREG || archive_entry_hardlink(e))
      throw PackError("entry " + name + " is " + entry_kind(e) + "; only plain files are allowed");
    auto it = expected.find(rel);
    if (it == expected.end()) throw PackError("entry " + name + " is not in the manifest (or appears twice)");
    const ManifestFile& mf = *it->second;
    expected.erase(it);
    if (archive_entry_size_is_set(e) && static_cast<uint64_t>(archive_entry_size(e)) != mf.size)
      throw PackError("entry " + name + " declares " + std::to_string(archive_entry_size(e)) +
                      " bytes but the manifest says " + std::to_string(mf.size) + " (oversized entry refused)");

    fs::path dest = extract_dir / fs::path(rel);
    fs::create_directories(dest.parent_path());
    OutFile out(dest);
    Sha256 hash;
    uint64_t got = 0;
    while (true) {
      la_ssize_t n = archive_read_data(a.get(), buf, sizeof buf);
      if (n < 0) damaged(a.get());
      if (n == 0) break;
      got += static_cast<uint64_t>(n);
      total += static_cast<uint64_t>(n);
      if (got > mf.size) throw PackError("entry " + name + " holds more data than declared (decompression bomb?)");
      out.write(buf, static_cast<size_t>(n));
      hash.update(buf, static_cast<size_t>(n));
    }
    if (got != mf.size) throw PackError("entry " + name + " is shorter than declared (truncated pack)");
    if (hash.hex() != mf.sha256) throw PackError("entry " + name + " does not match its SHA-256 (pack altered)");
    if (total > kMaxPackBytes) throw PackError("pack content is larger than allowed");
  }
  if (!expected.empty()) throw PackError("pack is incomplete: missing " + expected.begin()->first);
  return result;
}

}  // namespace kiosk::content

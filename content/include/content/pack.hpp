// Content packs: one signed file carrying everything a kiosk shows. Format: docs/content-pack.md.
#pragma once
#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "content/signing.hpp"

namespace kiosk::content {

namespace fs = std::filesystem;

// The newest pack schema this kiosk understands. 2: documents carry their class (paper, case,
// note) and procedures their cases; schema 1 packs still install and are classified on load.
inline constexpr int kSchemaVersion = 2;

// Every refusal of a pack or its content: the message is one line naming the problem.
// Its message may quote the pack (entry names, key ids): control characters are replaced, so a
// hostile pack cannot drive the staff's terminal or split a log line.
struct PackError : std::runtime_error {
  explicit PackError(const std::string& what);
};

struct ManifestFile {
  std::string path;  // relative, '/'-separated
  uint64_t size = 0;
  std::string sha256;
};

struct Manifest {
  std::string pack_id;
  std::string publisher;
  std::string version;
  std::string created;  // ISO 8601 UTC
  int schema_version = kSchemaVersion;
  std::string min_kiosk_version;
  std::string signing_key_id;
  std::vector<ManifestFile> files;

  std::string to_json() const;
  static Manifest parse(std::string_view json);  // throws PackError
};

// Builds SRC_DIR into a signed pack. The source is validated as a kiosk would validate it.
Manifest build_pack(const fs::path& src_dir, const fs::path& out_pack, const SecretKey& key);

struct VerifiedPack {
  Manifest manifest;
  PublicKey signer;
};

// Checks signature, structure and every file's size and hash, writing the files under
// extract_dir (which must exist and be empty). Throws PackError with a one-line reason.
VerifiedPack verify_and_extract(const fs::path& pack, const std::vector<PublicKey>& trusted,
                                const fs::path& extract_dir);

// True when `version` (dotted numbers) is at least `minimum`.
bool version_at_least(std::string_view version, std::string_view minimum);

// Safety limits of the reader, also documented in docs/content-pack.md.
inline constexpr uint64_t kMaxManifestBytes = 8u << 20;
inline constexpr uint64_t kMaxFileBytes = 512ull << 20;
inline constexpr uint64_t kMaxPackBytes = 2ull << 30;
inline constexpr size_t kMaxFiles = 20000;

}  // namespace kiosk::content

// Test support: sources and hand-made pack archives, including hostile ones.
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "content/signing.hpp"

namespace kiosk::test {

namespace fs = std::filesystem;

// A minimal valid pack source with `procedures` procedures, version `version`.
void write_small_source(const fs::path& dir, int procedures, const std::string& version = "1.0.0");

struct ForgedEntry {
  std::string name;
  std::string data;
  enum class Type { File, Symlink, HardLink, Directory } type = Type::File;
  std::string link_target;
  std::optional<uint64_t> header_size;  // lie about the size in the tar header (File only)
};

// Writes a tar.zst with manifest.json + manifest.sig (signed by key over `manifest_json`) then `entries`.
void forge_pack(const fs::path& out, const std::string& manifest_json, const content::SecretKey& key,
                const std::vector<ForgedEntry>& entries, bool include_signature = true);

// Builds a manifest JSON for the given content entries (path relative to content/).
std::string forge_manifest(const std::vector<std::pair<std::string, std::string>>& files, int schema_version = 1,
                           const std::string& min_kiosk = "0.1.0");

// A whole-entry zero-filled file of `size` bytes declared in the header (a decompression bomb).
void forge_bomb_pack(const fs::path& out, const content::SecretKey& key, uint64_t real_size, uint64_t declared_size);

}  // namespace kiosk::test

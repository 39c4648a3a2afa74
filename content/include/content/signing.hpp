// Ed25519 keys, signatures and SHA-256, all through libsodium.
#pragma once
#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::content {

using PublicKey = std::array<unsigned char, 32>;
using SecretKey = std::array<unsigned char, 64>;
using Signature = std::array<unsigned char, 64>;

struct KeyPair {
  PublicKey pub;
  SecretKey secret;
};

KeyPair generate_keypair();

// Key files are one text line: "ed25519-public:<base64>" or "ed25519-secret:<base64>".
void write_public_key(const std::filesystem::path& path, const PublicKey& key);
void write_secret_key(const std::filesystem::path& path, const SecretKey& key);  // mode 0600
PublicKey read_public_key(const std::filesystem::path& path);
SecretKey read_secret_key(const std::filesystem::path& path);
PublicKey public_half(const SecretKey& key);
// The keys a kiosk trusts: key files, or directories of *.pub (in name order). Throws when a
// directory holds none, naming it: an install must never go ahead trusting nobody by accident.
std::vector<PublicKey> read_trusted_keys(const std::vector<std::filesystem::path>& places);

// Short, stable name for a key, shown to staff and recorded in manifests.
std::string key_id(const PublicKey& key);

Signature sign(const SecretKey& key, std::string_view message);
bool verify(const PublicKey& key, std::string_view message, const Signature& sig);

// A sealed document: {"payload": "<text>", "key_id": "...", "signature": "<base64>"}, the payload
// kept as the exact text that was signed, so no JSON re-serialisation can break or forge it. Used
// by the content channel and the fleet's commands.
std::string seal(std::string_view payload, const SecretKey& key);
// The payload, when signed by one of `trusted`. Throws std::runtime_error: "not a <what> file",
// "<what> signature is not base64", "<what> file not signed by a trusted key", ...
std::string open_sealed(std::string_view document, const std::vector<PublicKey>& trusted, std::string_view what);

std::string to_base64(const unsigned char* data, size_t n);
std::vector<unsigned char> from_base64(std::string_view text);  // throws on bad input

class Sha256 {
 public:
  Sha256();
  void update(const void* data, size_t n);
  std::string hex();  // finishes the hash

 private:
  alignas(64) unsigned char state_[128];
};

std::string sha256_hex(std::string_view data);

}  // namespace kiosk::content

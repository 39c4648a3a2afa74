#include "content/signing.hpp"

#include <algorithm>
#include <stdexcept>

#include <sodium.h>
#include <sys/stat.h>

#include <stdexcept>

#include <nlohmann/json.hpp>

#include "common/files.hpp"
#include "common/text.hpp"

namespace kiosk::content {

namespace {
void ensure_sodium() {
  // sodium_init is idempotent and thread-safe; calling it on every entry avoids a global init step.
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

constexpr std::string_view kPubPrefix = "ed25519-public:";
constexpr std::string_view kSecretPrefix = "ed25519-secret:";

std::vector<unsigned char> read_key_file(const std::filesystem::path& path, std::string_view prefix,
                                         size_t expected) {
  std::string body = text::trim(files::read_file(path));
  if (body.rfind(prefix, 0) != 0)
    throw std::runtime_error(path.string() + " is not an " + std::string(prefix.substr(0, prefix.size() - 1)) +
                             " key file");
  auto bytes = from_base64(std::string_view(body).substr(prefix.size()));
  if (bytes.size() != expected) throw std::runtime_error(path.string() + ": key has the wrong length");
  return bytes;
}
}  // namespace

static_assert(sizeof(PublicKey) == crypto_sign_PUBLICKEYBYTES);
static_assert(sizeof(SecretKey) == crypto_sign_SECRETKEYBYTES);
static_assert(sizeof(Signature) == crypto_sign_BYTES);

KeyPair generate_keypair() {
  ensure_sodium();
  KeyPair kp;
  crypto_sign_keypair(kp.pub.data(), kp.secret.data());
  return kp;
}

std::string to_base64(const unsigned char* data, size_t n) {
  ensure_sodium();
  std::string out(sodium_base64_encoded_len(n, sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), data, n, sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.find('\0'));
  return out;
}

std::vector<unsigned char> from_base64(std::string_view text) {
  ensure_sodium();
  std::vector<unsigned char> out(text.size());
  size_t len = 0;
  if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &len, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0)
    throw std::runtime_error("invalid base64");
  out.resize(len);
  return out;
}

void write_public_key(const std::filesystem::path& path, const PublicKey& key) {
  files::write_file_durable(path, std::string(kPubPrefix) + to_base64(key.data(), key.size()) + "\n");
}

void write_secret_key(const std::filesystem::path& path, const SecretKey& key) {
  files::write_file_durable(path, std::string(kSecretPrefix) + to_base64(key.data(), key.size()) + "\n", 0600);
  ::chmod(path.c_str(), 0600);  // a file that already existed keeps its mode through O_TRUNC
}

PublicKey read_public_key(const std::filesystem::path& path) {
  auto b = read_key_file(path, kPubPrefix, sizeof(PublicKey));
  PublicKey k;
  std::copy(b.begin(), b.end(), k.begin());
  return k;
}

SecretKey read_secret_key(const std::filesystem::path& path) {
  auto b = read_key_file(path, kSecretPrefix, sizeof(SecretKey));
  SecretKey k;
  std::copy(b.begin(), b.end(), k.begin());
  sodium_memzero(b.data(), b.size());
  return k;
}

PublicKey public_half(const SecretKey& key) {
  ensure_sodium();
  PublicKey pk;
  crypto_sign_ed25519_sk_to_pk(pk.data(), key.data());
  return pk;
}

std::string key_id(const PublicKey& key) {
  auto h = sha256_hex(std::string_view(reinterpret_cast<const char*>(key.data()), key.size()));
  return h.substr(0, 16);
}

Signature sign(const SecretKey& key, std::string_view message) {
  ensure_sodium();
  Signature sig;
  crypto_sign_detached(sig.data(), nullptr, reinterpret_cast<const unsigned char*>(message.data()),
                       message.size(), key.data());
  return sig;
}

bool verify(const PublicKey& key, std::string_view message, const Signature& sig) {
  ensure_sodium();
  return crypto_sign_verify_detached(sig.data(), reinterpret_cast<const unsigned char*>(message.data()),
                                     message.size(), key.data()) == 0;
}

static_assert(sizeof(crypto_hash_sha256_state) <= 128);

Sha256::Sha256() {
  ensure_sodium();
  crypto_hash_sha256_init(reinterpret_cast<crypto_hash_sha256_state*>(state_));
}

void Sha256::update(const void* data, size_t n) {
  crypto_hash_sha256_update(reinterpret_cast<crypto_hash_sha256_state*>(state_),
                            static_cast<const unsigned char*>(data), n);
}

std::string Sha256::hex() {
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(reinterpret_cast<crypto_hash_sha256_state*>(state_), out);
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, out, sizeof out);
  return hex;
}

std::string sha256_hex(std::string_view data) {
  Sha256 h;
  h.update(data.data(), data.size());
  return h.hex();
}

std::vector<PublicKey> read_trusted_keys(const std::vector<std::filesystem::path>& places) {
  std::vector<PublicKey> keys;
  for (const auto& p : places) {
    if (!std::filesystem::is_directory(p)) {
      keys.push_back(read_public_key(p));
      continue;
    }
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(p))
      if (e.is_regular_file() && e.path().extension() == ".pub") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) keys.push_back(read_public_key(f));
    if (files.empty())
      throw std::runtime_error("no trusted key (*.pub) in " + p.string() + ": add the province's signing key there");
  }
  return keys;
}


std::string seal(std::string_view payload, const SecretKey& key) {
  const Signature sig = sign(key, payload);
  return nlohmann::json{{"payload", std::string(payload)}, {"key_id", key_id(public_half(key))}, {"signature", to_base64(sig.data(), sig.size())}}
             .dump(1) +
         "\n";
}

std::string open_sealed(std::string_view document, const std::vector<PublicKey>& trusted, std::string_view what) {
  const std::string w(what);
  const auto doc = nlohmann::json::parse(document, nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("payload") || !doc["payload"].is_string() ||
      !doc.contains("signature") || !doc["signature"].is_string())
    throw std::runtime_error("not a " + w + " file");
  std::string payload = doc["payload"].get<std::string>();
  std::vector<unsigned char> raw;
  try {
    raw = from_base64(doc["signature"].get<std::string>());
  } catch (const std::exception&) {
    throw std::runtime_error(w + " signature is not base64");
  }
  if (raw.size() != Signature{}.size()) throw std::runtime_error(w + " signature has the wrong length");
  Signature sig;
  std::copy(raw.begin(), raw.end(), sig.begin());
  bool signed_by_trusted = false;
  for (const auto& k : trusted) signed_by_trusted = signed_by_trusted || verify(k, payload, sig);
  if (!signed_by_trusted) throw std::runtime_error(w + " file not signed by a trusted key");
  return payload;
}

}  // namespace kiosk::content

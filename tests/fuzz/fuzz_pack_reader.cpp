// Feeds arbitrary bytes to the pack reader as a pack file. Any outcome but a PackError is a bug.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <fstream>

#include "common/files.hpp"
#include "content/pack.hpp"
#include "content/pack_content.hpp"

namespace {
// A fixed key pair: fuzzed inputs will not carry valid signatures, but seeds made with
// tests/fuzz/make_seeds do, so the reader's post-signature paths are reached too.
const kiosk::content::PublicKey& trusted() {
  static const kiosk::content::PublicKey key = [] {
    kiosk::content::PublicKey k{};
    auto bytes = kiosk::content::from_base64("05f3cpFNpo572LxKbOXaDNaXddw9QHpxVS7oYAG3fgs=");
    std::copy(bytes.begin(), bytes.end(), k.begin());
    return k;
  }();
  return key;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  kiosk::files::TempDir dir;
  const auto pack = dir.path() / "in.kpack";
  {
    std::ofstream out(pack, std::ios::binary);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  std::filesystem::create_directories(dir.path() / "out");
  try {
    kiosk::content::verify_and_extract(pack, {trusted()}, dir.path() / "out");
    kiosk::content::load_pack_content(dir.path() / "out");
  } catch (const kiosk::content::PackError&) {
  }
  return 0;
}

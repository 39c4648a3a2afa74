// The sample pack installed in a temporary store, its catalog indexed for search.
#pragma once
#include <filesystem>
#include <string>

#include "common/files.hpp"
#include "content/store.hpp"
#include "search/index.hpp"

inline std::filesystem::path sample_catalog(kiosk::files::TempDir& tmp) {
  kiosk::content::ContentStore s(tmp.path());
  auto key = kiosk::content::read_public_key(std::string(KIOSK_SOURCE_DIR) + "/content/sample/test-signing.pub");
  s.install(KIOSK_SAMPLE_PACK, {key}, {kiosk::search::index_extension()});
  return s.current_catalog();
}

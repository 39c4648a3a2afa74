// The kiosk's content store: installed packs, the current one and the one before it.
//
// STORE/packs/<dir>/   an installed pack: content/, manifest.json, catalog.sqlite
// STORE/current        symlink to the pack in use; replaced by an atomic rename
// STORE/previous       symlink to the pack it replaced, for rollback
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "content/catalog.hpp"
#include "content/pack.hpp"

namespace kiosk::content {

struct InstalledPack {
  std::filesystem::path dir;
  Manifest manifest;
};

class ContentStore {
 public:
  explicit ContentStore(std::filesystem::path root);

  // Verifies the pack completely, builds its catalog in a fresh directory, makes it durable,
  // then switches `current` to it. Any failure leaves the store as it was.
  InstalledPack install(const std::filesystem::path& pack, const std::vector<PublicKey>& trusted,
                        const std::vector<CatalogExtension>& extensions = {});
  // Makes the previous pack current again (and the current one previous).
  InstalledPack rollback();

  std::optional<InstalledPack> current() const;
  std::optional<InstalledPack> previous() const;
  // Path of the current catalog, resolved once so a reader keeps one consistent pack.
  std::filesystem::path current_catalog() const;

  const std::filesystem::path& root() const { return root_; }

 private:
  std::optional<InstalledPack> resolve(const char* link) const;
  void point(const char* link, const std::filesystem::path& target);
  void collect_garbage();

  std::filesystem::path root_;
};

}  // namespace kiosk::content

// The kiosk's content store: installed packs, the current one and the one before it.
//
// STORE/packs/<dir>/   an installed pack: content/, manifest.json, catalog.sqlite
// STORE/current        symlink to the pack in use; replaced by an atomic rename
// STORE/previous       symlink to the pack it replaced, for rollback
#pragma once
#include <chrono>
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

// What an install accepts. By default only a newer version of the installed pack, created no
// later than a small clock skew from now; staff may override, and the store's history says so.
struct InstallPolicy {
  bool allow_other_pack = false;  // a pack id other than the installed one
  bool allow_older = false;       // a version not newer than the installed one (a downgrade)
  std::chrono::seconds clock_skew{3600};
  std::chrono::system_clock::time_point now = std::chrono::system_clock::now();
};

struct InstallResult {
  InstalledPack pack;
  bool already_installed = false;      // this very pack was current already: nothing done
  std::vector<std::string> overrides;  // the rules staff overrode, as logged in the history
};

// The pack the kiosk can use: the current one when its catalog is intact, else the previous one.
struct UsablePack {
  std::optional<InstalledPack> pack;  // none: no pack, or none intact
  bool fell_back = false;             // the current pack was damaged: this is the previous one
  std::vector<std::string> problems;  // for the log and the staff screen
};

class ContentStore {
 public:
  explicit ContentStore(std::filesystem::path root);

  // Verifies the pack completely, checks it against the installed one (InstallPolicy), builds its
  // catalog in a fresh directory, records the catalog's hash, makes it durable, then switches
  // `current` to it. `previous` keeps the newest pack it can: an install never evicts the only
  // copy of a newer pack than the one it installs. Any failure leaves the store as it was.
  InstallResult install(const std::filesystem::path& pack, const std::vector<PublicKey>& trusted,
                        const std::vector<CatalogExtension>& extensions = {}, const InstallPolicy& policy = {});
  // Makes the previous pack current again (and the current one previous).
  InstalledPack rollback();

  // The current pack if its catalog still has the hash recorded at install (bit rot, a failing
  // disk), else the previous one if it is intact, else none, with what was wrong. Never throws.
  UsablePack usable() const;

  // One line per install, rollback and override, oldest first (STORE/history.log).
  std::vector<std::string> history() const;

  std::optional<InstalledPack> current() const;
  std::optional<InstalledPack> previous() const;
  // Path of the current catalog, resolved once so a reader keeps one consistent pack.
  std::filesystem::path current_catalog() const;

  const std::filesystem::path& root() const { return root_; }

 private:
  std::optional<InstalledPack> resolve(const char* link) const;
  void point(const char* link, const std::filesystem::path& target);
  void collect_garbage();
  void record(const std::string& line);

  std::filesystem::path root_;
};

}  // namespace kiosk::content

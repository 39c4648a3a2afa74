#include "content/store.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <chrono>
#include <random>

#include "common/files.hpp"

namespace kiosk::content {

namespace fs = std::filesystem;

namespace {

// Serialises installs and rollbacks of one store across processes; released on destruction.
class StoreLock {
 public:
  explicit StoreLock(const fs::path& root) : fd_(::open((root / ".lock").c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644)) {
    if (fd_ < 0) throw PackError("cannot open the store lock in " + root.string());
    if (::flock(fd_, LOCK_EX) != 0) {
      ::close(fd_);
      throw PackError("cannot lock the store " + root.string());
    }
  }
  ~StoreLock() { ::close(fd_); }
  StoreLock(const StoreLock&) = delete;
  StoreLock& operator=(const StoreLock&) = delete;

 private:
  int fd_;
};

std::string unique_suffix() {
  auto now = std::chrono::system_clock::now().time_since_epoch();
  std::random_device rd;
  return std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(now).count()) + "-" +
         std::to_string(rd() % 100000);
}

std::string sanitize_for_dir(const std::string& s) {
  std::string out;
  for (char c : s) out += (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_') ? c : '-';
  return out.substr(0, 60);
}

}  // namespace

ContentStore::ContentStore(fs::path root) : root_(std::move(root)) {
  fs::create_directories(root_ / "packs");
}

std::optional<InstalledPack> ContentStore::resolve(const char* link) const {
  std::error_code ec;
  fs::path target = fs::read_symlink(root_ / link, ec);
  if (ec) return std::nullopt;
  fs::path dir = target.is_absolute() ? target : root_ / target;
  InstalledPack p{dir, {}};
  try {
    p.manifest = Manifest::parse(files::read_file(dir / "manifest.json"));
  } catch (const std::exception&) {
    return std::nullopt;
  }
  return p;
}

std::optional<InstalledPack> ContentStore::current() const { return resolve("current"); }
std::optional<InstalledPack> ContentStore::previous() const { return resolve("previous"); }

fs::path ContentStore::current_catalog() const {
  auto cur = current();
  if (!cur) throw PackError("no content pack is installed in " + root_.string());
  return cur->dir / "catalog.sqlite";
}

void ContentStore::point(const char* link, const fs::path& target) {
  // A symlink cannot be overwritten in place; rename() over it is atomic.
  fs::path tmp = root_ / (std::string(link) + ".tmp-" + unique_suffix());
  fs::create_symlink(fs::relative(target, root_), tmp);
  fs::rename(tmp, root_ / link);
  files::fsync_path(root_);
}

void ContentStore::collect_garbage() {
  auto keep_cur = current();
  auto keep_prev = previous();
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(root_ / "packs", ec)) {
    bool keep = (keep_cur && fs::equivalent(e.path(), keep_cur->dir, ec)) ||
                (keep_prev && fs::equivalent(e.path(), keep_prev->dir, ec));
    if (!keep) fs::remove_all(e.path(), ec);
  }
  for (const auto& e : fs::directory_iterator(root_, ec)) {
    auto name = e.path().filename().string();
    if (name.find(".tmp-") != std::string::npos) fs::remove_all(e.path(), ec);
  }
}

InstalledPack ContentStore::install(const fs::path& pack, const std::vector<PublicKey>& trusted,
                                    const std::vector<CatalogExtension>& extensions) {
  StoreLock lock(root_);
  collect_garbage();  // leftovers of an install that was interrupted

  // Staging lives inside packs/ so the final rename stays on one filesystem.
  files::TempDir staging(root_ / "packs", ".staging-");
  fs::create_directories(staging.path() / "content");
  VerifiedPack verified = verify_and_extract(pack, trusted, staging.path() / "content");
  PackContent content = load_pack_content(staging.path() / "content");
  build_catalog(content, verified.manifest, staging.path() / "catalog.sqlite", extensions);
  // The manifest goes last: a pack directory with a manifest is a finished one.
  files::write_file_durable(staging.path() / "manifest.json", verified.manifest.to_json());
  files::fsync_tree(staging.path());

  fs::path final_dir = root_ / "packs" / (sanitize_for_dir(verified.manifest.pack_id + "-" + verified.manifest.version) +
                                          "-" + unique_suffix());
  fs::rename(staging.release(), final_dir);
  files::fsync_path(root_ / "packs");

  if (auto cur = current()) point("previous", cur->dir);
  point("current", final_dir);
  collect_garbage();
  return *current();
}

InstalledPack ContentStore::rollback() {
  StoreLock lock(root_);
  auto prev = previous();
  if (!prev) throw PackError("no previous pack to roll back to");
  auto cur = current();
  point("current", prev->dir);
  if (cur) point("previous", cur->dir);
  return *current();
}

}  // namespace kiosk::content

#include "content/store.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <fstream>
#include <random>

#include "common/files.hpp"
#include "common/text.hpp"

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

std::string file_sha256(const fs::path& p) {
  Sha256 h;
  std::ifstream in(p, std::ios::binary);
  if (!in) throw PackError("cannot read " + p.string());
  std::vector<char> buf(1 << 20);
  while (in.read(buf.data(), static_cast<std::streamsize>(buf.size())) || in.gcount() > 0)
    h.update(buf.data(), static_cast<size_t>(in.gcount()));
  return h.hex();
}

// Why an installed pack's catalog cannot be trusted, or "" when it can.
std::string catalog_damage(const fs::path& dir) {
  const fs::path catalog = dir / "catalog.sqlite";
  std::error_code ec;
  if (!fs::is_regular_file(catalog, ec)) return "its catalog is missing";
  std::string recorded;
  try {
    recorded = text::trim(files::read_file(dir / "catalog.sha256"));
  } catch (const std::exception&) {
    return {};  // installed before hashes were recorded: nothing to compare with
  }
  try {
    if (file_sha256(catalog) != recorded) return "its catalog no longer has the hash recorded at install";
  } catch (const std::exception& e) {
    return std::string("its catalog cannot be read (") + e.what() + ")";
  }
  return {};
}

// ISO 8601 UTC as the pack writer writes it ("2026-11-26T04:10:00Z"), as a time point.
std::optional<std::chrono::system_clock::time_point> parse_created(const std::string& s) {
  std::tm tm{};
  const char* end = strptime(s.c_str(), "%Y-%m-%dT%H:%M:%S", &tm);
  if (!end || (*end != 'Z' && *end != '\0') || (*end == 'Z' && end[1] != '\0')) return std::nullopt;
  if (tm.tm_year < 100 || tm.tm_year > 300) return std::nullopt;  // 2000..2200
  return std::chrono::system_clock::from_time_t(timegm(&tm));
}

// The rules of InstallPolicy. Returns the rules overridden (for the history), or throws.
std::vector<std::string> check_policy(const Manifest& m, const Manifest* installed, const InstallPolicy& policy) {
  std::vector<std::string> overrides;
  const auto created = parse_created(m.created);
  if (!created) throw PackError("the pack's creation time '" + text::printable(m.created) + "' is not a UTC time stamp");
  if (*created > policy.now + policy.clock_skew)
    throw PackError("the pack says it was created " + m.created + ", in the future: check this kiosk's clock or the pack");
  if (!installed) return overrides;
  if (m.pack_id != installed->pack_id) {
    if (!policy.allow_other_pack)
      throw PackError("the pack is " + text::printable(m.pack_id) + ", the kiosk has " + installed->pack_id +
                      ": another publisher's content is installed only with the explicit override");
    overrides.push_back("pack id " + installed->pack_id + " replaced by " + m.pack_id);
  } else if (!version_at_least(m.version, installed->version) || m.version == installed->version) {
    if (!policy.allow_older)
      throw PackError("the pack's version " + text::printable(m.version) + " is not newer than the installed " +
                      installed->version + ": a downgrade is installed only with the explicit override");
    overrides.push_back("version " + installed->version + " replaced by " + m.version);
  }
  return overrides;
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

InstallResult ContentStore::install(const fs::path& pack, const std::vector<PublicKey>& trusted,
                                    const std::vector<CatalogExtension>& extensions, const InstallPolicy& policy) {
  StoreLock lock(root_);
  collect_garbage();  // leftovers of an install that was interrupted

  // Staging lives inside packs/ so the final rename stays on one filesystem.
  files::TempDir staging(root_ / "packs", ".staging-");
  fs::create_directories(staging.path() / "content");
  VerifiedPack verified = verify_and_extract(pack, trusted, staging.path() / "content");
  const Manifest& m = verified.manifest;
  const auto cur = current();
  InstallResult result;
  if (cur && cur->manifest.to_json() == m.to_json()) {
    result.pack = *cur;
    result.already_installed = true;  // the very same pack, signed files and all: nothing to do
    return result;
  }
  result.overrides = check_policy(m, cur ? &cur->manifest : nullptr, policy);

  PackContent content = load_pack_content(staging.path() / "content");
  build_catalog(content, m, staging.path() / "catalog.sqlite", extensions);
  // What the catalog was when built: checked at every start (bit rot, a failing disk).
  files::write_file_durable(staging.path() / "catalog.sha256", file_sha256(staging.path() / "catalog.sqlite") + "\n");
  // The manifest goes last: a pack directory with a manifest is a finished one.
  files::write_file_durable(staging.path() / "manifest.json", m.to_json());
  files::fsync_tree(staging.path());

  fs::path final_dir = root_ / "packs" / (sanitize_for_dir(m.pack_id + "-" + m.version) + "-" + unique_suffix());
  fs::rename(staging.release(), final_dir);
  files::fsync_path(root_ / "packs");

  // `previous` is what a rollback returns to: the newer of the current and previous packs of
  // the same id, so that installing an old pack (twice) never drops the only newer copy.
  const auto prev = previous();
  const bool keep_prev = cur && prev && prev->manifest.pack_id == cur->manifest.pack_id &&
                         !version_at_least(cur->manifest.version, prev->manifest.version);
  if (cur && !keep_prev) point("previous", cur->dir);
  point("current", final_dir);
  collect_garbage();
  std::string line = "install " + m.pack_id + " " + m.version + " created " + m.created;
  for (const auto& o : result.overrides) line += "; OVERRIDE: " + o;
  record(line);
  result.pack = *current();
  return result;
}

InstalledPack ContentStore::rollback() {
  StoreLock lock(root_);
  auto prev = previous();
  if (!prev) throw PackError("no previous pack to roll back to");
  auto cur = current();
  point("current", prev->dir);
  if (cur) point("previous", cur->dir);
  record("rollback to " + prev->manifest.pack_id + " " + prev->manifest.version);
  return *current();
}

UsablePack ContentStore::usable() const {
  UsablePack u;
  for (const char* link : {"current", "previous"}) {
    try {
      auto p = resolve(link);
      if (!p) {
        if (std::string(link) == "current") u.problems.push_back("no content pack is installed");
        continue;
      }
      const auto why = catalog_damage(p->dir);
      if (why.empty()) {
        u.pack = *p;
        u.fell_back = std::string(link) == "previous";
        return u;
      }
      u.problems.push_back(std::string("the ") + link + " pack " + p->manifest.pack_id + " " + p->manifest.version +
                           " is damaged: " + why);
    } catch (const std::exception& e) {
      u.problems.push_back(std::string("the ") + link + " pack cannot be read: " + e.what());
    }
  }
  return u;
}

std::vector<std::string> ContentStore::history() const {
  std::vector<std::string> out;
  try {
    for (auto& l : text::split(files::read_file(root_ / "history.log"), '\n'))
      if (!l.empty()) out.push_back(std::move(l));
  } catch (const std::exception&) {
  }
  return out;
}

void ContentStore::record(const std::string& line) {
  const int fd = ::open((root_ / "history.log").c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return;  // the history is for staff; an install does not fail for it
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ ", &tm);
  const std::string entry = stamp + text::printable(line) + "\n";
  [[maybe_unused]] const auto n = ::write(fd, entry.data(), entry.size());
  ::fsync(fd);
  ::close(fd);
}

}  // namespace kiosk::content

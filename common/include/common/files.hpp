// File helpers with the durability the content store and state database rely on.
#pragma once
#include <filesystem>
#include <string>
#include <string_view>

namespace kiosk::files {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path);
// A secret kept in a file of its own (a bearer token, a payOS key): one line, trimmed. Throws
// std::runtime_error when it cannot be read, is empty, or others may read it (group or world):
// a token any local user can read is refused rather than used.
std::string read_secret_file(const fs::path& path);
// Writes, fsyncs the file, and fsyncs its directory so the entry survives power loss.
// A new file gets `mode` from its creation (a secret key is never readable by others, not even
// for a moment).
void write_file_durable(const fs::path& path, std::string_view data, unsigned mode = 0644);
void fsync_path(const fs::path& path);  // a file or a directory
void fsync_tree(const fs::path& dir);   // every file and directory below dir, then dir

// A fresh directory removed with everything in it when this object dies.
class TempDir {
 public:
  explicit TempDir(const fs::path& parent = fs::temp_directory_path(), std::string_view prefix = "kiosk-");
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const fs::path& path() const { return path_; }
  // Keeps the directory: the caller now owns it.
  fs::path release();

 private:
  fs::path path_;
  bool keep_ = false;
};

}  // namespace kiosk::files

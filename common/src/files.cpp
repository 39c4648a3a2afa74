#include "common/files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <system_error>

namespace kiosk::files {

namespace {
struct Fd {
  int fd;
  explicit Fd(int f) : fd(f) {}
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
};

[[noreturn]] void throw_errno(const std::string& what) {
  throw std::system_error(errno, std::generic_category(), what);
}
}  // namespace

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void fsync_path(const fs::path& path) {
  Fd f(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (f.fd < 0) throw_errno("open " + path.string());
  if (::fsync(f.fd) != 0) throw_errno("fsync " + path.string());
}

void write_file_durable(const fs::path& path, std::string_view data, unsigned mode) {
  {
    Fd f(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, static_cast<mode_t>(mode)));
    if (f.fd < 0) throw_errno("create " + path.string());
    const char* p = data.data();
    size_t left = data.size();
    while (left > 0) {
      ssize_t n = ::write(f.fd, p, left);
      if (n < 0) {
        if (errno == EINTR) continue;
        throw_errno("write " + path.string());
      }
      p += n;
      left -= static_cast<size_t>(n);
    }
    if (::fsync(f.fd) != 0) throw_errno("fsync " + path.string());
  }
  fsync_path(path.parent_path().empty() ? fs::path(".") : path.parent_path());
}

void fsync_tree(const fs::path& dir) {
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file() || e.is_directory()) fsync_path(e.path());
  }
  fsync_path(dir);
}

TempDir::TempDir(const fs::path& parent, std::string_view prefix) {
  std::random_device rd;
  for (int attempt = 0; attempt < 100; ++attempt) {
    fs::path candidate = parent / (std::string(prefix) + std::to_string(rd()));
    std::error_code ec;
    if (fs::create_directories(candidate, ec) && !ec) {
      path_ = candidate;
      return;
    }
  }
  throw std::runtime_error("cannot create a temporary directory in " + parent.string());
}

TempDir::~TempDir() {
  if (!keep_ && !path_.empty()) {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
}

fs::path TempDir::release() {
  keep_ = true;
  return path_;
}

std::string read_secret_file(const fs::path& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) throw std::runtime_error("cannot read the key file " + path.string());
  if ((st.st_mode & 077) != 0)
    throw std::runtime_error("the key file " + path.string() + " may be read by others (chmod 600 it): refused");
  std::string v = read_file(path);
  while (!v.empty() && (v.back() == '\n' || v.back() == '\r' || v.back() == ' ' || v.back() == '\t')) v.pop_back();
  size_t start = v.find_first_not_of(" \t\r\n");
  v = start == std::string::npos ? std::string() : v.substr(start);
  if (v.empty()) throw std::runtime_error("the key file " + path.string() + " is empty");
  return v;
}

}  // namespace kiosk::files

// Internal: what makes a path inside a pack safe to extract.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace kiosk::content::detail {

// nullopt when the path is a plain relative path of normal names; otherwise why not.
inline std::optional<std::string> unsafe_path_reason(std::string_view path) {
  if (path.empty()) return "empty name";
  if (path.size() > 512) return "name too long";
  if (path.front() == '/') return "absolute path";
  if (path.find('\\') != std::string_view::npos) return "backslash in name";
  if (path.find('\0') != std::string_view::npos) return "NUL in name";
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view seg = path.substr(start, end - start);
    if (seg.empty()) return "empty path segment";
    if (seg == "." || seg == "..") return "'..' or '.' segment";
    start = end + 1;
  }
  for (unsigned char c : path)
    if (c < 0x20) return "control character in name";
  return std::nullopt;
}

}  // namespace kiosk::content::detail

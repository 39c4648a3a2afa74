#include "common/text.hpp"

#include <utf8proc.h>

#include <cstdlib>
#include <memory>

namespace kiosk::text {

namespace {
// Calls f(code point or -1 for an invalid byte, the bytes it took) for each step through s;
// stops early when f returns false.
template <typename F>
void each_codepoint(std::string_view s, F f) {
  auto p = reinterpret_cast<const utf8proc_uint8_t*>(s.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(s.size());
  while (left > 0) {
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
    if (n <= 0) {
      n = 1;
      cp = -1;
    }
    if (!f(cp, std::string_view(reinterpret_cast<const char*>(p), static_cast<size_t>(n)))) return;
    p += n;
    left -= n;
  }
}
}  // namespace

bool is_valid_utf8(std::string_view s) {
  bool ok = true;
  each_codepoint(s, [&](utf8proc_int32_t cp, std::string_view) { return ok = cp >= 0; });
  return ok;
}

std::string sanitize_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  each_codepoint(s, [&](utf8proc_int32_t cp, std::string_view bytes) {
    if (cp < 0) out += "\xEF\xBF\xBD";
    else out += bytes;
    return true;
  });
  return out;
}

std::string to_nfc(std::string_view s) {
  utf8proc_uint8_t* out = nullptr;
  utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
                                    static_cast<utf8proc_ssize_t>(s.size()), &out,
                                    static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> owned(out, &std::free);
  if (n < 0) return {};
  return std::string(reinterpret_cast<const char*>(out), static_cast<size_t>(n));
}

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::string squash_spaces(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending = false;
  for (char c : s) {
    if (is_space(c)) {
      pending = !out.empty();
      continue;
    }
    if (pending) out += ' ';
    pending = false;
    out += c;
  }
  return out;
}

std::string trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && is_space(s[b])) ++b;
  while (e > b && is_space(s[e - 1])) --e;
  return std::string(s.substr(b, e - b));
}

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t pos = s.find(sep, start);
    out.emplace_back(s.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start));
    if (pos == std::string_view::npos) break;
    start = pos + 1;
  }
  return out;
}

}  // namespace kiosk::text

namespace kiosk::text {

std::u32string to_u32(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  each_codepoint(s, [&](utf8proc_int32_t cp, std::string_view) {
    out.push_back(cp < 0 ? U'\uFFFD' : static_cast<char32_t>(cp));
    return true;
  });
  return out;
}

std::string to_utf8(std::u32string_view s) {
  std::string out;
  out.reserve(s.size());
  utf8proc_uint8_t buf[4];
  for (char32_t c : s) {
    utf8proc_ssize_t n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(c), buf);
    out.append(reinterpret_cast<const char*>(buf), static_cast<size_t>(n));
  }
  return out;
}

bool is_upper(char32_t c) { return utf8proc_isupper(static_cast<utf8proc_int32_t>(c)); }
bool is_lower(char32_t c) { return utf8proc_islower(static_cast<utf8proc_int32_t>(c)); }

}  // namespace kiosk::text

namespace kiosk::text {

std::string lower(std::string_view s) {
  std::u32string u = to_u32(s);
  for (auto& c : u) c = static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(c)));
  return to_utf8(u);
}

std::string capitalize(std::string_view s) {
  std::u32string u = to_u32(s);
  if (!u.empty()) u[0] = static_cast<char32_t>(utf8proc_toupper(static_cast<utf8proc_int32_t>(u[0])));
  return to_utf8(u);
}

std::string printable(std::string_view s) {
  // Terminal escapes (ESC, CSI), bells and line breaks from untrusted input must not reach a
  // staff terminal or split a log line; invalid UTF-8 becomes U+FFFD first.
  std::string out;
  for (char32_t c : to_u32(sanitize_utf8(s))) {
    const bool control = c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || c == 0x2028 || c == 0x2029;
    out += control ? std::string("?") : to_utf8(std::u32string(1, c));
  }
  return out;
}

std::string shorten(std::string_view s, size_t max_chars) {
  std::u32string u = to_u32(s);
  if (u.size() <= max_chars) return std::string(s);
  size_t cut = max_chars;
  // Back to the last space, unless that would drop more than a third of what fits.
  while (cut > max_chars * 2 / 3 && u[cut] != U' ') --cut;
  if (u[cut] != U' ') cut = max_chars;
  while (cut > 0 && (u[cut - 1] == U' ' || u[cut - 1] == U',' || u[cut - 1] == U';')) --cut;
  return to_utf8(u.substr(0, cut)) + "…";
}

}  // namespace kiosk::text

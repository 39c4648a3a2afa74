#include "search/fold.hpp"
#include "search/query.hpp"

#include <utf8proc.h>

namespace kiosk::search {

namespace {

// Appends the folded form of one code point; returns false for separators.
bool fold_codepoint(utf8proc_int32_t cp, std::string& out) {
  if (cp < 0x80) {
    char c = static_cast<char>(cp);
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      out += c;
      return true;
    }
    return false;
  }
  if (cp == 0x0110 || cp == 0x0111) {  // Đ đ: not a composed letter, so no decomposition removes the bar
    out += 'd';
    return true;
  }
  const auto cat = utf8proc_category(cp);
  const bool letter = cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
  const bool digit = cat == UTF8PROC_CATEGORY_ND;
  const bool mark = cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME;
  if (mark) return true;  // a combining mark left over: drop it, stay inside the word
  if (!letter && !digit) return false;
  // Decompose, drop marks, lower-case: "Ế" -> "e".
  utf8proc_int32_t buf[8];
  int opts = UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD;
  utf8proc_ssize_t n = utf8proc_decompose_char(cp, buf, 8, static_cast<utf8proc_option_t>(opts), nullptr);
  if (n <= 0) return false;
  for (utf8proc_ssize_t i = 0; i < n && i < 8; ++i) {
    utf8proc_uint8_t enc[4];
    utf8proc_ssize_t len = utf8proc_encode_char(buf[i] == 0x0111 ? 'd' : buf[i], enc);
    out.append(reinterpret_cast<const char*>(enc), static_cast<size_t>(len));
  }
  return true;
}

template <typename OnWord>
void scan_words(std::string_view text, OnWord on_word) {
  auto p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(text.size());
  size_t offset = 0, word_begin = 0;
  std::string current;
  while (left > 0) {
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
    if (n <= 0) {  // invalid byte: a separator
      n = 1;
      cp = ' ';
    }
    const size_t before = current.size();
    if (fold_codepoint(cp, current)) {
      if (before == 0 && current.size() > 0) word_begin = offset;
    } else if (!current.empty()) {
      on_word(word_begin, offset, current);
      current.clear();
    }
    p += n;
    left -= n;
    offset += static_cast<size_t>(n);
  }
  if (!current.empty()) on_word(word_begin, offset, current);
}

}  // namespace

std::string fold(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  scan_words(text, [&](size_t, size_t, const std::string& w) {
    if (!out.empty()) out += ' ';
    out += w;
  });
  return out;
}

std::vector<std::string> words(std::string_view folded) {
  std::vector<std::string_view> views;
  split_words(folded, views);
  return std::vector<std::string>(views.begin(), views.end());
}

std::vector<WordSpan> word_spans(std::string_view original) {
  std::vector<WordSpan> out;
  scan_words(original, [&](size_t b, size_t e, const std::string& w) { out.push_back({b, e, w}); });
  return out;
}

}  // namespace kiosk::search

// Vietnamese folding: the one normal form both the index and queries are reduced to.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::search {

// NFC, lower case, every diacritic removed, đ/Đ -> d, anything but letters and digits -> one
// space. "ĐĂNG KÝ Kết-hôn!" -> "dang ky ket hon". Invalid UTF-8 bytes are dropped.
std::string fold(std::string_view text);

// Words of a folded string.
std::vector<std::string> words(std::string_view folded);

// Byte ranges [begin, end) of each word of `original` with its folded form, for highlighting.
struct WordSpan {
  size_t begin;
  size_t end;
  std::string folded;
};
std::vector<WordSpan> word_spans(std::string_view original);

}  // namespace kiosk::search

#include "model/telex.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <cctype>

#include "common/text.hpp"

namespace kiosk::app {

namespace {

enum Tone : char32_t { None = 0, Acute = 0x0301, Grave = 0x0300, Hook = 0x0309, Tilde = 0x0303, Dot = 0x0323 };

// A letter split into its base with hat/breve/horn, and its tone mark.
struct Letter {
  char32_t base;  // precomposed without tone: a, â, ă, e, ê, o, ô, ơ, u, ư, i, y (any case)
  char32_t tone;
};

Letter split(char32_t c) {
  utf8proc_int32_t buf[4];
  utf8proc_ssize_t n = utf8proc_decompose_char(static_cast<utf8proc_int32_t>(c), buf, 4,
                                               static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE), nullptr);
  if (n <= 1) return {c, None};
  std::u32string rest;
  char32_t tone = None;
  for (utf8proc_ssize_t i = 0; i < n; ++i) {
    char32_t m = static_cast<char32_t>(buf[i]);
    if (m == Acute || m == Grave || m == Hook || m == Tilde || m == Dot)
      tone = m;
    else
      rest += m;
  }
  std::u32string composed = text::to_u32(text::to_nfc(text::to_utf8(rest)));
  return {composed.size() == 1 ? composed[0] : c, tone};
}

char32_t join(char32_t base, char32_t tone) {
  if (tone == None) return base;
  std::u32string s{base, tone};
  std::u32string c = text::to_u32(text::to_nfc(text::to_utf8(s)));
  return c.size() == 1 ? c[0] : base;
}

char32_t lower(char32_t c) { return static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(c))); }
bool is_upper(char32_t c) { return utf8proc_isupper(static_cast<utf8proc_int32_t>(c)); }
char32_t with_case(char32_t c, bool upper) {
  return upper ? static_cast<char32_t>(utf8proc_toupper(static_cast<utf8proc_int32_t>(c))) : c;
}

bool is_vowel(char32_t c) {
  static const std::u32string v = U"aăâeêioôơuưy";
  return v.find(lower(split(c).base)) != std::u32string::npos;
}

bool has_modifier(char32_t c) {
  static const std::u32string m = U"ăâêôơư";
  return m.find(lower(split(c).base)) != std::u32string::npos;
}

// Where the tone goes in a syllable (the common, "old" placement: hòa, thủy, khuya).
int tone_position(const std::u32string& w) {
  int start = -1, end = -1;
  for (int i = 0; i < static_cast<int>(w.size()); ++i) {
    if (!is_vowel(w[static_cast<size_t>(i)])) continue;
    // "qu" and "gi" before another vowel: their u/i belong to the consonant.
    if (start == -1 && i > 0 && i + 1 < static_cast<int>(w.size()) && is_vowel(w[static_cast<size_t>(i + 1)])) {
      char32_t prev = lower(w[static_cast<size_t>(i - 1)]), cur = lower(split(w[static_cast<size_t>(i)]).base);
      if ((prev == U'q' && cur == U'u') || (prev == U'g' && cur == U'i')) continue;
    }
    if (start == -1) start = i;
    end = i;
  }
  if (start == -1) return -1;
  for (int i = start; i <= end; ++i)
    if (has_modifier(w[static_cast<size_t>(i)])) {
      // ươ: the tone sits on ơ.
      if (i + 1 <= end && lower(split(w[static_cast<size_t>(i + 1)]).base) == U'ơ') return i + 1;
      return i;
    }
  const int len = end - start + 1;
  const bool closed = end + 1 < static_cast<int>(w.size());
  if (len == 1) return start;
  if (closed) return end;
  return len == 3 ? start + 1 : start;
}

bool set_tone(std::u32string& w, char32_t tone, char32_t key) {
  int pos = tone_position(w);
  if (pos < 0) return false;
  Letter l = split(w[static_cast<size_t>(pos)]);
  if (l.tone == tone) {
    // Typing the same tone key again undoes it and types the letter: "ss" -> "s".
    w[static_cast<size_t>(pos)] = l.base;
    w += key;
    return true;
  }
  w[static_cast<size_t>(pos)] = join(l.base, tone);
  return true;
}

// Replaces the last `from` letter (any tone, any case) of the word with `to`, keeping tone and case.
bool modify_last(std::u32string& w, std::u32string_view from, char32_t to_lower_base, int max_back = 3) {
  for (int i = static_cast<int>(w.size()) - 1, back = 0; i >= 0 && back < max_back; --i, ++back) {
    Letter l = split(w[static_cast<size_t>(i)]);
    if (from.find(lower(l.base)) == std::u32string_view::npos) continue;
    w[static_cast<size_t>(i)] = join(with_case(to_lower_base, is_upper(l.base)), l.tone);
    return true;
  }
  return false;
}

}  // namespace

bool apply_telex(std::u32string& w, char32_t key) {
  const char32_t k = lower(key);
  switch (k) {
    case U's': return !w.empty() && set_tone(w, Acute, key);
    case U'f': return !w.empty() && set_tone(w, Grave, key);
    case U'r': return !w.empty() && set_tone(w, Hook, key);
    case U'x': return !w.empty() && set_tone(w, Tilde, key);
    case U'j': return !w.empty() && set_tone(w, Dot, key);
    case U'z': {
      int pos = tone_position(w);
      if (pos < 0 || split(w[static_cast<size_t>(pos)]).tone == None) return false;
      w[static_cast<size_t>(pos)] = split(w[static_cast<size_t>(pos)]).base;
      return true;
    }
    case U'd':
      if (!w.empty() && lower(w.back()) == U'd') {
        w.back() = with_case(U'đ', is_upper(w.back()));
        return true;
      }
      return false;
    case U'a':
    case U'e':
    case U'o': {
      // aa -> â, ee -> ê, oo -> ô (the doubled vowel may be a few letters back: "toan" + a).
      const char32_t hat = k == U'a' ? U'â' : (k == U'e' ? U'ê' : U'ô');
      for (int i = static_cast<int>(w.size()) - 1, back = 0; i >= 0 && back < 3; --i, ++back) {
        Letter l = split(w[static_cast<size_t>(i)]);
        if (lower(l.base) == k) {
          w[static_cast<size_t>(i)] = join(with_case(hat, is_upper(l.base)), l.tone);
          return true;
        }
        if (lower(l.base) == hat) {  // "aaa" -> "aa"
          w[static_cast<size_t>(i)] = join(with_case(k, is_upper(l.base)), l.tone);
          w += key;
          return true;
        }
        if (!is_vowel(w[static_cast<size_t>(i)]) && back > 0) break;
      }
      return false;
    }
    case U'w': {
      // uo + w -> ươ; u -> ư; o -> ơ; a -> ă; a bare w -> ư.
      const size_t n = w.size();
      if (n >= 2 && lower(split(w[n - 2]).base) == U'u' && lower(split(w[n - 1]).base) == U'o') {
        modify_last(w, U"o", U'ơ', 1);
        std::u32string head = w.substr(0, n - 1);
        modify_last(head, U"u", U'ư', 1);
        w = head + w.back();
        return true;
      }
      for (int i = static_cast<int>(n) - 1, back = 0; i >= 0 && back < 3; --i, ++back) {
        Letter l = split(w[static_cast<size_t>(i)]);
        const char32_t b = lower(l.base);
        char32_t to = b == U'u' ? U'ư' : b == U'o' ? U'ơ' : b == U'a' ? U'ă' : 0;
        if (to) {
          w[static_cast<size_t>(i)] = join(with_case(to, is_upper(l.base)), l.tone);
          return true;
        }
        if (!is_vowel(w[static_cast<size_t>(i)]) && back > 0) break;
      }
      w += with_case(U'ư', is_upper(key));
      return true;
    }
    default: return false;
  }
}

void TelexComposer::set_text(std::string t) {
  if (t.size() > kMaxBytes) {
    size_t cut = kMaxBytes;
    while (cut > 0 && (static_cast<unsigned char>(t[cut]) & 0xC0) == 0x80) --cut;
    t.resize(cut);
  }
  text_ = std::move(t);
}

void TelexComposer::key(std::string_view k) {
  if (k.empty() || text_.size() + k.size() > kMaxBytes) return;
  std::u32string key = text::to_u32(k);
  if (!telex_ || key.size() != 1 || !std::isalpha(static_cast<unsigned char>(k[0]))) {
    text_ += k;
    return;
  }
  std::u32string all = text::to_u32(text_);
  size_t word_start = all.size();
  while (word_start > 0 && all[word_start - 1] != U' ') --word_start;
  std::u32string word = all.substr(word_start);
  if (!apply_telex(word, key[0])) word += key[0];
  text_ = text::to_utf8(all.substr(0, word_start) + word);
}

void TelexComposer::backspace() {
  std::u32string all = text::to_u32(text_);
  if (!all.empty()) all.pop_back();
  text_ = text::to_utf8(all);
}

}  // namespace kiosk::app

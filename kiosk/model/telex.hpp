// Telex composition for the on-screen keyboard: aa -> â, dd -> đ, s/f/r/x/j -> tones, w -> ư/ơ/ă.
// Plain code, no UI: the keyboard feeds keys in, the query reads the text out.
#pragma once
#include <string>

namespace kiosk::app {

class TelexComposer {
 public:
  TelexComposer() : TelexComposer(true) {}
  explicit TelexComposer(bool telex) : telex_(telex) {}

  // A query longer than this is nobody's: keys past it are ignored (a stuck key, a long scan).
  static constexpr size_t kMaxBytes = 160;

  // Applies one typed key (a letter, digit, space or punctuation, as UTF-8).
  void key(std::string_view k);
  void backspace();  // removes the last character (letter with its marks)
  void clear() { text_.clear(); }
  void set_text(std::string t);  // cut at kMaxBytes, on a character boundary

  void set_telex(bool on) { telex_ = on; }
  bool telex() const { return telex_; }
  const std::string& text() const { return text_; }

 private:
  bool telex_;
  std::string text_;
};

// One Telex step on the word being typed: returns true and rewrites `word` when `key`
// transforms it (a tone, a hat, a horn, đ), false when the key is just a letter to append.
bool apply_telex(std::u32string& word, char32_t key);

}  // namespace kiosk::app

// What citizens type that the procedures' own words do not say: abbreviations, colloquial
// names, spelling variants, number words and filler. All entries are folded (see fold.hpp).
#pragma once
#include <map>
#include <string>
#include <vector>

namespace kiosk::search {

using Phrase = std::vector<std::string>;  // folded words

// Maps phrases a citizen may type to the phrases the catalog may use instead.
class PhraseBook {
 public:
  // Interchangeable phrases: each one stands for all the others ("gplx" <-> "giấy phép lái xe").
  void add_group(const std::vector<std::string>& folded_phrases);
  // One way only: "lấy chồng" means "kết hôn", but "kết hôn" does not mean "lấy chồng".
  void add_rewrite(const std::string& from, const std::vector<std::string>& to);
  // Words that carry no content in a query ("làm", "xin", "thủ tục"): dropped unless alone.
  // A filler that `asks` ("muốn", "cần", "làm thế nào") says that what follows is what the
  // question asks for.
  void add_filler(const std::string& phrase, bool asks = false);

  struct Match {
    size_t words = 0;            // how many query words the phrase covers
    std::vector<Phrase> forms;   // the phrase itself first, then its alternatives
    bool filler = false;
    bool asks = false;  // a filler that asks
  };
  // The longest known phrase starting at words[at] (words == 0 when none).
  Match longest_at(const std::vector<std::string>& words, size_t at) const;

  size_t max_phrase_words() const { return max_words_; }

 private:
  std::map<Phrase, std::vector<Phrase>> alternatives_;
  std::map<Phrase, bool> fillers_;
  size_t max_words_ = 1;
};

// The built-in knowledge: the GUIDE's abbreviations and colloquial names, fillers, rewrites.
PhraseBook builtin_phrase_book();

// Other spellings of one folded word a citizen may mean: "ki" -> "ky", "1" -> "mot".
std::vector<std::string> spelling_variants(const std::string& word);

}  // namespace kiosk::search

#include <algorithm>
#include <string>
#include <unordered_map>

#include "search/searcher.hpp"

// Initials read from the catalog: ANTT, CSDL, PCCC stand for the run of name words they spell.
namespace kiosk::search {

bool Searcher::add_initials(QueryTerm& t, bool vowelless) {
  if (t.forms.size() != 1 || t.forms.front().size() != 1) return false;  // the phrase book knows it
  const std::string& w = t.forms.front().front();
  const bool letters_only = std::all_of(w.begin(), w.end(), [](char ch) { return ch >= 'a' && ch <= 'z'; });
  const bool has_vowel = w.find_first_of("aeiouy") != std::string::npos;  // every syllable has one
  if (!letters_only || w.size() < 4 || w.size() > 5 || has_vowel == vowelless) return false;
  auto spelled = spelled_by_initials(w);
  if (spelled.empty()) return false;
  t.forms.push_back(std::move(spelled));
  return true;
}

Phrase Searcher::spelled_by_initials(const std::string& w) {
  if (auto it = initials_.find(w); it != initials_.end()) return it->second;
  // A keystroke reads the names for two new sets of letters at most: a hostile query of many
  // consonant words costs two passes, not one per word.
  if (initials_passes_left_ == 0) return {};
  --initials_passes_left_;
  // Every run of words in the names whose first letters spell `w`, with the names holding it.
  // A run counts by its names times the cohesion of its weakest pair: how often its two words
  // come together against how often the rarer comes at all. So "phòng cháy chữa cháy" (8 names,
  // every pair always together) spells PCCC, not "phân cấp cho Chủ tịch" of 12 names' common
  // wording. One pass over the names (a few milliseconds for 100,000), once per set of letters.
  std::unordered_map<std::string, size_t> runs, pairs;
  std::string run, pair;
  for (const auto& d : docs_) {
    const auto& words = name_words(d);
    for (size_t i = 0; i + 1 < words.size(); ++i)
      for (size_t k = 0; k + 1 < w.size(); ++k)
        if (words[i].front() == w[k] && words[i + 1].front() == w[k + 1]) {
          ((pair = words[i]) += ' ') += words[i + 1];
          ++pairs[pair];
          break;
        }
    for (size_t i = 0; i + w.size() <= words.size(); ++i) {
      size_t k = 0;
      while (k < w.size() && words[i + k].front() == w[k]) ++k;
      if (k < w.size()) continue;
      run.clear();
      for (k = 0; k < w.size(); ++k) (run += words[i + k]) += ' ';
      ++runs[run];
    }
  }
  Phrase spelled;
  double best = 0;
  std::string best_text;
  std::vector<std::string_view> parts;
  for (const auto& [text, names] : runs) {
    // Seen in one name only, a run is a coincidence of letters, not what people abbreviate.
    if (names < 2) continue;
    split_words(text, parts);
    double cohesion = 1;
    for (size_t k = 0; k + 1 < parts.size(); ++k) {
      const std::string a(parts[k]), b(parts[k + 1]);
      const long rarer = std::max(1L, std::min(vocab_.name_docs(a), vocab_.name_docs(b)));
      cohesion = std::min(cohesion, static_cast<double>(pairs[a + ' ' + b]) / static_cast<double>(rarer));
    }
    const double score = static_cast<double>(names) * cohesion;
    if (score > best || (score == best && text < best_text)) {  // ties: the same one every time
      best = score;
      best_text = text;
      spelled.assign(parts.begin(), parts.end());
    }
  }
  if (initials_.size() > 1000) initials_.clear();
  initials_.emplace(w, spelled);
  return spelled;
}

}  // namespace kiosk::search

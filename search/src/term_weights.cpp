#include "term_weights.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_set>

namespace kiosk::search {

void TermWeights::add_name(const std::vector<std::string_view>& words) {
  std::unordered_set<std::string> seen;
  for (size_t i = 0; i + 1 < words.size(); ++i) {
    std::string pair(words[i]);
    pair += ' ';
    pair += words[i + 1];
    if (seen.insert(pair).second) ++pairs_[pair];
  }
}

void TermWeights::keep_pairs_seen(long at_least) {
  std::erase_if(pairs_, [at_least](const auto& p) { return p.second < at_least; });
}

double TermWeights::idf_of(long docs) const {
  if (docs <= 0) return 0;
  return std::log((n_ + 1) / (static_cast<double>(docs) + 0.5));
}

double TermWeights::idf(const std::string& word) const { return idf_of(vocab_.docs(word)); }

double TermWeights::weight(const QueryTerm& term) const {
  // A term is as common as its commonest form: "ky" is also written "ki", and together they are
  // in almost every name. Forms the catalog does not hold (an abbreviation) do not count.
  double least = 0;
  for (const auto& form : term.forms) {
    double w = 0;
    if (form.size() == 1) {
      w = idf(form.front());
    } else {
      // A phrase says more than its words: "khai tu" is rarer than "khai" or "tu". A phrase
      // the names never use ("bao tu", said for "khai tu") is not a form the catalog holds.
      for (size_t i = 0; i + 1 < form.size(); ++i) w = std::max(w, pair_weight(form[i], form[i + 1]));
    }
    if (w > 0 && (least == 0 || w < least)) least = w;
  }
  if (least == 0 && !term.forms.empty())
    for (const auto& word : term.forms.front()) least = std::max(least, idf(word));
  // A word still being typed is not a word of the vocabulary yet: it counts as an ordinary one.
  if (term.prefix && least == 0) least = 1.0;
  return least;
}

long TermWeights::postings(const QueryTerm& term) const {
  long n = 0;
  for (const auto& form : term.forms)
    for (const auto& word : form) n += vocab_.docs(word);
  return n;
}

double TermWeights::pair_weight(std::string_view a, std::string_view b) const {
  std::string key;  // two syllables fit in the string's own buffer: no allocation
  key.reserve(a.size() + b.size() + 1);
  key.append(a).append(1, ' ').append(b);
  auto it = pairs_.find(key);
  return it == pairs_.end() ? 0 : idf_of(it->second);
}

}  // namespace kiosk::search

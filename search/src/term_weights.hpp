// How much each word of a query says, from the catalog's own statistics: a word found in few
// procedures says more than one found in many, and two syllables that the catalog's names use
// together ("khai sinh") say more together than apart ("sinh" alone is also "sinh con", "sinh
// viên"). Private to the search library.
#pragma once
#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "search/query.hpp"
#include "search/typos.hpp"
#include "string_map.hpp"

namespace kiosk::search {

class TermWeights {
 public:
  TermWeights(const Vocabulary& vocab, size_t procedures)
      : vocab_(vocab), n_(static_cast<double>(std::max<size_t>(procedures, 1))) {}

  // Counted once per name: the pairs of adjacent words it holds.
  void add_name(const std::vector<std::string_view>& words);
  // Pairs seen in fewer names than this are not words (call after every add_name).
  void keep_pairs_seen(long at_least);

  double idf(const std::string& word) const;  // 0 for a word the catalog does not hold
  // The most informative of a term's forms; 0 when no form is in the catalog (a word such as
  // "ạ" or "vậy" carries nothing the catalog could match).
  double weight(const QueryTerm& term) const;
  // The weight of two adjacent words as one, or 0 when the names do not use them together.
  double pair_weight(std::string_view a, std::string_view b) const;
  // Whether "a b" (two words and one space) is a pair the names use together.
  bool is_pair(std::string_view joined) const { return pairs_.find(joined) != pairs_.end(); }

  // What FTS5 reads to match the term: the documents of every word of every form.
  long postings(const QueryTerm& term) const;
  long postings(const std::string& word) const { return vocab_.docs(word); }

  // Common words (in more than a fifth of the procedures) only rank; they do not select.
  bool selective(double weight) const { return weight >= kSelective; }

 private:
  static constexpr double kSelective = 1.6;  // ln 5
  double idf_of(long docs) const;
  const Vocabulary& vocab_;
  double n_;
  StringMap<long> pairs_;  // "a b" -> names holding it
};

}  // namespace kiosk::search

// Typo tolerance over the index's own vocabulary (fts5vocab), never a scan of documents.
#pragma once
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "common/sqlite.hpp"

namespace kiosk::search {

// Optimal string alignment distance (an adjacent swap counts as one edit), giving up above `limit`.
int edit_distance(std::string_view a, std::string_view b, int limit);

class Vocabulary {
 public:
  // Loads every term of search_fts; the name-like columns' terms are the correction candidates.
  explicit Vocabulary(db::Db& db);

  bool contains(const std::string& word) const { return all_.count(word) > 0; }
  bool has_prefix(const std::string& prefix) const;

  // Terms within one edit (words of 4+ letters) or two (8+), most frequent first, at most `max`.
  // With as_prefix, the word is matched against the start of each term (the word being typed).
  // Only terms found in at least `min_docs` procedures' names are offered. `edits` overrides
  // how many edits the word's length allows (-1: by length; the searcher allows a three-letter
  // word one, keeping only corrections its neighbour confirms).
  std::vector<std::string> corrections(const std::string& word, bool as_prefix, size_t max = 3, long min_docs = 1,
                                       int edits = -1) const;
  // In how many procedures' names (or alternate names) the term occurs.
  long name_docs(const std::string& term) const;
  // In how many procedures the term occurs in any column (the most of any one column: a lower
  // bound, enough to tell an informative word from a common one).
  long docs(const std::string& term) const;

  size_t size() const { return all_.size(); }

 private:
  struct Term {
    std::string text;
    long docs;
  };
  std::unordered_set<std::string> all_;
  std::vector<std::string> sorted_;           // every term, sorted, for prefix checks
  std::vector<std::vector<Term>> by_length_;  // candidates, indexed by length
  std::unordered_map<std::string, long> name_docs_;
  std::unordered_map<std::string, long> docs_;
  // Distinct starts of the candidate terms, by length, with the docs of the terms they start.
  std::vector<std::vector<Term>> prefixes_by_length_;
};

int allowed_edits(size_t word_length);

}  // namespace kiosk::search

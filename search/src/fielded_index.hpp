// Every procedure's text, field by field, in memory: for each term (a word, or a pair of adjacent
// words that the catalog's names use together), which procedures hold it, in which field and how
// often. BM25F reads it per keystroke with weights given at query time, so fitting the weights
// needs no rebuild. Private to the search library.
#pragma once
#include <cstdint>
#include <stop_token>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/sqlite.hpp"
#include "search/ranking.hpp"
#include "string_map.hpp"

namespace kiosk::search {

class TermWeights;

class FieldedIndex {
 public:
  struct Posting {
    uint32_t doc;
    uint8_t field;
    uint8_t count;  // capped at 255
  };
  struct Term {
    std::vector<Posting> postings;  // by procedure, then field
    uint32_t docs = 0;              // procedures holding it
  };

  // Reads search_fts and, when the catalog has it, search_fields; `pairs` says which pairs of
  // words are terms. `procedures` bounds the rowids kept. Throws std::runtime_error once `stop`
  // is requested.
  FieldedIndex(db::Db& db, size_t procedures, const TermWeights& pairs, std::stop_token stop = {});

  const Term* term(std::string_view word) const;
  const Term* pair(std::string_view a, std::string_view b) const;
  // Terms (single words) starting with `prefix`, at most `limit`, the commonest first.
  std::vector<const Term*> completions(std::string_view prefix, size_t limit) const;

  // BM25's idf of a term held by `docs` procedures (never negative).
  double idf(uint32_t docs) const;
  // A field's length in this procedure against the field's average (0 when empty).
  float relative_length(uint32_t doc, int field) const { return relative_length_[doc * kFieldCount + field]; }
  size_t procedures() const { return procedures_; }
  bool has_question_fields() const { return has_question_fields_; }

 private:
  StringMap<Term> terms_;
  std::vector<std::pair<std::string_view, const Term*>> words_;  // single-word terms, sorted
  std::vector<float> relative_length_;                          // procedure x field
  size_t procedures_;
  bool has_question_fields_ = false;
};

}  // namespace kiosk::search

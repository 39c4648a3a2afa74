// The words of each procedure's other text (documents, result, fees, field, agencies), in memory
// at start: which procedures hold a word. A question's words are looked up here per keystroke,
// instead of asking FTS5 to rank every row that holds one of them. Private to the search library.
#pragma once
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/sqlite.hpp"

namespace kiosk::search {

class TextIndex {
 public:
  // Reads the text columns of search_fts once; `procedures` bounds the rowids kept.
  TextIndex(db::Db& db, size_t procedures);

  // The procedures whose text holds the word, in rowid order; null when none does.
  const std::vector<uint32_t>* docs_with(const std::string& word) const;

  // How much a word found in this procedure's text says there, BM25's way with a word found
  // once: less in a long text, which holds many words by chance (1 for a text of average length).
  double weight_in(uint32_t procedure) const { return procedure < norm_.size() ? norm_[procedure] : 0; }

 private:
  std::unordered_map<std::string, std::vector<uint32_t>> docs_;
  std::vector<float> norm_;  // per procedure
};

}  // namespace kiosk::search

#include "text_index.hpp"

#include <algorithm>
#include <unordered_set>

#include "search/query.hpp"

namespace kiosk::search {

TextIndex::TextIndex(db::Db& db, size_t procedures) {
  auto rows = db.prepare(
      "SELECT rowid, field || ' ' || agencies || ' ' || documents || ' ' || details FROM search_fts ORDER BY rowid");
  std::vector<std::string_view> words;
  std::unordered_set<std::string_view> seen;
  size_t postings = 0;
  std::vector<size_t> length(procedures, 0);
  while (rows.step()) {
    const int64_t id = rows.int64(0);
    if (id < 0 || static_cast<size_t>(id) >= procedures) continue;
    const std::string text = rows.text(1);
    split_words(text, words);
    seen.clear();
    for (auto w : words) {
      if (!seen.insert(w).second) continue;  // once per procedure
      docs_[std::string(w)].push_back(static_cast<uint32_t>(id));
      ++postings;
    }
    length[static_cast<size_t>(id)] = seen.size();
  }
  // BM25's usual k1 = 1.2, b = 0.75, over distinct words.
  constexpr double k1 = 1.2, b = 0.75;
  const double average = procedures ? static_cast<double>(postings) / static_cast<double>(procedures) : 1;
  norm_.resize(procedures);
  for (size_t i = 0; i < procedures; ++i) {
    const double relative = static_cast<double>(length[i]) / std::max(1.0, average);
    norm_[i] = static_cast<float>((k1 + 1) / (1 + k1 * (1 - b + b * relative)));
  }
  for (auto& [word, ids] : docs_) ids.shrink_to_fit();
}

const std::vector<uint32_t>* TextIndex::docs_with(const std::string& word) const {
  auto it = docs_.find(word);
  return it == docs_.end() ? nullptr : &it->second;
}

}  // namespace kiosk::search

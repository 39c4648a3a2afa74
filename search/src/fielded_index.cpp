#include "fielded_index.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>

#include "search/query.hpp"
#include "term_weights.hpp"

namespace kiosk::search {

namespace {

bool has_table(db::Db& db, const char* name) {
  auto s = db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = ?");
  s.bind(1, name);
  return s.step() && s.int64(0) > 0;
}

}  // namespace

FieldedIndex::FieldedIndex(db::Db& db, size_t procedures, const TermWeights& pairs, std::stop_token stop)
    : procedures_(procedures) {
  has_question_fields_ = has_table(db, "search_fields");
  // A catalog installed before search_fields existed still ranks: its result and fees stand in
  // for the result, and the other question fields are empty until the pack is installed again.
  auto rows = db.prepare(
      has_question_fields_
          ? "SELECT f.rowid, f.name || ' ' || f.alt_names, f.field, f.agencies, f.documents, s.steps, s.conditions,"
            " s.audience, s.result, s.legal FROM search_fts f LEFT JOIN search_fields s ON s.id = f.rowid"
            " ORDER BY f.rowid"
          : "SELECT rowid, name || ' ' || alt_names, field, agencies, documents, '', '', '', details, ''"
            " FROM search_fts ORDER BY rowid");
  std::vector<size_t> length(procedures * kFieldCount, 0);
  std::array<double, kFieldCount> total{};
  std::vector<std::string_view> words;
  std::unordered_map<std::string_view, uint32_t> counts;  // views into the field's text
  while (rows.step()) {
    if (stop.stop_requested()) throw std::runtime_error("search index: stopped before it was built");
    const int64_t id = rows.int64(0);
    if (id < 0 || static_cast<size_t>(id) >= procedures) continue;
    const auto doc = static_cast<uint32_t>(id);
    for (int field = 0; field < kFieldCount; ++field) {
      std::string text = rows.text(field + 1);
      // One space between words, so that two adjacent words are "a b" in the text itself.
      text.erase(std::unique(text.begin(), text.end(), [](char a, char b) { return a == ' ' && b == ' '; }),
                 text.end());
      split_words(text, words);
      counts.clear();
      for (size_t i = 0; i < words.size(); ++i) {
        ++counts[words[i]];
        if (i + 1 == words.size()) continue;
        const std::string_view joined(words[i].data(), words[i].size() + 1 + words[i + 1].size());
        if (pairs.is_pair(joined)) ++counts[joined];
      }
      length[doc * kFieldCount + static_cast<size_t>(field)] = words.size();
      total[static_cast<size_t>(field)] += static_cast<double>(words.size());
      for (const auto& [term, count] : counts) {
        auto found = terms_.find(term);
        if (found == terms_.end()) found = terms_.emplace(std::string(term), Term{}).first;
        Term& t = found->second;
        if (t.postings.empty() || t.postings.back().doc != doc) ++t.docs;
        t.postings.push_back({doc, static_cast<uint8_t>(field), static_cast<uint8_t>(std::min<uint32_t>(count, 255))});
      }
    }
  }
  relative_length_.assign(procedures * kFieldCount, 0);
  for (size_t doc = 0; doc < procedures; ++doc)
    for (size_t field = 0; field < kFieldCount; ++field) {
      const double average = total[field] / static_cast<double>(std::max<size_t>(procedures, 1));
      if (average > 0)
        relative_length_[doc * kFieldCount + field] =
            static_cast<float>(static_cast<double>(length[doc * kFieldCount + field]) / average);
    }
  for (auto& [word, t] : terms_) {
    t.postings.shrink_to_fit();
    if (word.find(' ') == std::string::npos) words_.emplace_back(word, &t);
  }
  std::sort(words_.begin(), words_.end());
}

const FieldedIndex::Term* FieldedIndex::term(std::string_view word) const {
  auto it = terms_.find(word);
  return it == terms_.end() ? nullptr : &it->second;
}

const FieldedIndex::Term* FieldedIndex::pair(std::string_view a, std::string_view b) const {
  std::string key(a);
  key += ' ';
  key += b;
  return term(key);
}

std::vector<const FieldedIndex::Term*> FieldedIndex::completions(std::string_view prefix, size_t limit) const {
  std::vector<const Term*> out;
  auto it = std::lower_bound(words_.begin(), words_.end(), prefix,
                             [](const auto& w, std::string_view p) { return w.first < p; });
  for (; it != words_.end() && it->first.substr(0, prefix.size()) == prefix; ++it) out.push_back(it->second);
  if (out.size() > limit) {
    std::partial_sort(out.begin(), out.begin() + static_cast<long>(limit), out.end(),
                      [](const Term* a, const Term* b) { return a->docs > b->docs; });
    out.resize(limit);
  }
  return out;
}

double FieldedIndex::idf(uint32_t docs) const {
  const double n = static_cast<double>(procedures_), d = static_cast<double>(docs);
  return std::log(1 + (n - d + 0.5) / (d + 0.5));
}

}  // namespace kiosk::search

#include "search/typos.hpp"

#include <algorithm>
#include <unordered_map>

namespace kiosk::search {

int allowed_edits(size_t word_length) {
  if (word_length >= 8) return 2;
  if (word_length >= 4) return 1;
  return 0;
}

int edit_distance(std::string_view a, std::string_view b, int limit) {
  const size_t n = a.size(), m = b.size();
  if (static_cast<int>(n > m ? n - m : m - n) > limit) return limit + 1;
  // Three rows suffice for the adjacent-swap rule.
  std::vector<int> prev2(m + 1), prev(m + 1), cur(m + 1);
  for (size_t j = 0; j <= m; ++j) prev[j] = static_cast<int>(j);
  for (size_t i = 1; i <= n; ++i) {
    cur[0] = static_cast<int>(i);
    int row_min = cur[0];
    for (size_t j = 1; j <= m; ++j) {
      int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      int v = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) v = std::min(v, prev2[j - 2] + 1);
      cur[j] = v;
      row_min = std::min(row_min, v);
    }
    if (row_min > limit) return limit + 1;
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return prev[m];
}

Vocabulary::Vocabulary(db::Db& db) {
  db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocab USING fts5vocab(main, search_fts, 'col')");
  // Columns 0-2 (name, alt_names, synonyms) say what a procedure is: only they supply corrections.
  auto s = db.prepare("SELECT term, col, doc FROM temp.search_vocab");
  auto& name_terms = name_docs_;
  while (s.step()) {
    std::string term = s.text(0);
    const std::string col = s.text(1);
    if (col == "name" || col == "alt_names" || col == "synonyms") name_terms[term] += static_cast<long>(s.int64(2));
    all_.insert(std::move(term));
  }
  sorted_.assign(all_.begin(), all_.end());
  std::sort(sorted_.begin(), sorted_.end());
  for (auto& [term, docs] : name_terms) {
    if (term.size() >= by_length_.size()) by_length_.resize(term.size() + 1);
    by_length_[term.size()].push_back({term, docs});
  }
  for (auto& bucket : by_length_)
    std::sort(bucket.begin(), bucket.end(), [](const Term& a, const Term& b) { return a.docs > b.docs; });
}

bool Vocabulary::has_prefix(const std::string& prefix) const {
  auto it = std::lower_bound(sorted_.begin(), sorted_.end(), prefix);
  return it != sorted_.end() && it->compare(0, prefix.size(), prefix) == 0;
}

long Vocabulary::name_docs(const std::string& term) const {
  auto it = name_docs_.find(term);
  return it == name_docs_.end() ? 0 : it->second;
}

std::vector<std::string> Vocabulary::corrections(const std::string& word, bool as_prefix, size_t max,
                                                 long min_docs) const {
  const int limit = allowed_edits(word.size());
  if (limit == 0) return {};
  struct Found {
    const Term* term;
    int distance;
    size_t cut;  // with as_prefix: how much of the term the word matched
  };
  std::vector<Found> found;
  const size_t lo = word.size() > static_cast<size_t>(limit) ? word.size() - limit : 1;
  const size_t hi = as_prefix ? by_length_.size() : std::min(by_length_.size(), word.size() + limit + 1);
  for (size_t len = lo; len < hi; ++len) {
    for (const auto& t : by_length_[len]) {
      if (t.docs < min_docs) break;  // buckets are sorted by docs, most first
      std::string_view candidate = t.text;
      int d = limit + 1;
      size_t best_cut = candidate.size();
      if (as_prefix) {
        // Compare with the term's starts of similar length: "giay phep lia" -> "lai...".
        for (size_t cut = word.size() > 1 ? word.size() - 1 : 1; cut <= std::min(candidate.size(), word.size() + 1); ++cut) {
          int dc = edit_distance(word, candidate.substr(0, cut), limit);
          if (dc < d) {
            d = dc;
            best_cut = cut;
          }
        }
      } else {
        d = edit_distance(word, candidate, limit);
      }
      if (d <= limit) found.push_back({&t, d, best_cut});
    }
  }
  std::stable_sort(found.begin(), found.end(), [](const Found& a, const Found& b) {
    return a.distance != b.distance ? a.distance < b.distance : a.term->docs > b.term->docs;
  });
  std::vector<std::string> out;
  for (const auto& f : found) {
    if (out.size() >= max) break;
    if (as_prefix) {
      // Many terms share a corrected start; keep each start once.
      std::string start = f.term->text.substr(0, f.cut);
      if (std::find(out.begin(), out.end(), start) == out.end() && start != word) out.push_back(start);
    } else {
      out.push_back(f.term->text);
    }
  }
  return out;
}

}  // namespace kiosk::search

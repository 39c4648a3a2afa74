#include "search/typos.hpp"

#include <algorithm>
#include <array>
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
  // Words are capped at kMaxWord letters, so three rows fit on the stack: this runs for every
  // candidate term on every keystroke that needs a correction.
  constexpr size_t kMaxWord = 64;
  if (m >= kMaxWord) return limit + 1;
  std::array<int, kMaxWord> prev2{}, prev{}, cur{};
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
    prev2 = prev;
    prev = cur;
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
    const long n = static_cast<long>(s.int64(2));
    if (col == "name" || col == "alt_names" || col == "synonyms") name_terms[term] += n;
    long& any = docs_[term];
    any = std::max(any, n);
    all_.insert(std::move(term));
  }
  sorted_.assign(all_.begin(), all_.end());
  std::sort(sorted_.begin(), sorted_.end());
  for (auto& [term, docs] : name_terms) {
    if (term.size() >= by_length_.size()) by_length_.resize(term.size() + 1);
    by_length_[term.size()].push_back({term, docs});
  }
  std::vector<std::unordered_map<std::string, long>> starts;
  for (auto& [term, docs] : name_terms) {
    for (size_t len = 1; len <= term.size() && len <= 40; ++len) {
      if (len >= starts.size()) starts.resize(len + 1);
      starts[len][term.substr(0, len)] += docs;
    }
  }
  prefixes_by_length_.resize(starts.size());
  for (size_t len = 0; len < starts.size(); ++len)
    for (auto& [p, docs] : starts[len]) prefixes_by_length_[len].push_back({p, docs});
  for (auto* buckets : {&by_length_, &prefixes_by_length_})
    for (auto& bucket : *buckets)
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

long Vocabulary::docs(const std::string& term) const {
  auto it = docs_.find(term);
  return it == docs_.end() ? 0 : it->second;
}

std::vector<std::string> Vocabulary::corrections(const std::string& word, bool as_prefix, size_t max,
                                                 long min_docs, int edits) const {
  const int limit = edits >= 0 ? edits : allowed_edits(word.size());
  if (limit == 0) return {};
  struct Found {
    const Term* term;
    int distance;
  };
  std::vector<Found> found;
  // A word being typed is compared with the starts of terms, one letter shorter to one longer.
  const auto& buckets = as_prefix ? prefixes_by_length_ : by_length_;
  const size_t lo = word.size() > static_cast<size_t>(limit) ? word.size() - (as_prefix ? 1 : limit) : 1;
  const size_t hi = std::min(buckets.size(), word.size() + (as_prefix ? 1 : limit) + 1);
  for (size_t len = lo; len < hi; ++len) {
    for (const auto& t : buckets[len]) {
      if (t.docs < min_docs) break;  // buckets are sorted by docs, most first
      const int d = edit_distance(word, t.text, limit);
      if (d <= limit) found.push_back({&t, d});
    }
  }
  std::stable_sort(found.begin(), found.end(), [](const Found& a, const Found& b) {
    return a.distance != b.distance ? a.distance < b.distance : a.term->docs > b.term->docs;
  });
  std::vector<std::string> out;
  for (const auto& f : found) {
    if (out.size() >= max) break;
    if (f.term->text != word) out.push_back(f.term->text);
  }
  return out;
}

}  // namespace kiosk::search

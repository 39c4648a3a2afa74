#include "search/searcher.hpp"

#include <algorithm>
#include <array>
#include <unordered_set>

#include "searcher_filters.hpp"

// The keyword tiers: procedures whose name holds every word of the query, as typed or corrected.
namespace kiosk::search {

namespace {

// How many matches, in popularity order, are ranked per query: bounds the work of a one-letter
// query over a large catalog; more typing narrows the matches below it.
constexpr int kCandidateCap = 1000;
// Names checked for every term, in collect_names; and how many name words the word being
// typed may start and still narrow the names to check.
constexpr size_t kVerifyBudget = 4000;
constexpr size_t kPrefixWords = 64;

struct NameMatch {
  bool all_terms = false;  // every term found in the name
  double bonus = 0;
};

// What makes a name a good answer: the terms in it, as a phrase, leading it, covering it.
NameMatch match_name(const std::vector<std::string_view>& all_words, const std::vector<QueryTerm>& terms) {
  NameMatch m;
  constexpr size_t kMaxWords = 64;  // words past this never decide a ranking
  const size_t n = std::min(all_words.size(), kMaxWords);
  if (n == 0 || terms.empty()) return m;
  // len[t][i]: how many name words term t covers from word i; computed once, used thrice.
  std::array<std::array<uint8_t, kMaxWords>, kMaxQueryTerms> len{};
  uint64_t covered = 0;
  size_t found = 0;
  for (size_t t = 0; t < terms.size() && t < kMaxQueryTerms; ++t) {
    bool hit = false;
    for (size_t i = 0; i < n; ++i) {
      const size_t l = match_length(all_words, i, terms[t]);
      len[t][i] = static_cast<uint8_t>(l);
      if (l == 0) continue;
      hit = true;
      for (size_t k = 0; k < l && i + k < kMaxWords; ++k) covered |= uint64_t{1} << (i + k);
    }
    found += hit;
  }
  m.all_terms = found == terms.size();
  const double coverage = static_cast<double>(__builtin_popcountll(covered)) / static_cast<double>(n);
  m.bonus = 4.0 * static_cast<double>(found) / static_cast<double>(terms.size()) + 3.0 * coverage;
  if (!m.all_terms) return m;
  for (size_t start = 0; start < n; ++start) {
    size_t at = start;
    bool all = true;
    for (size_t t = 0; t < terms.size() && all; ++t) {
      all = at < n && len[t][at] > 0;
      if (all) at += len[t][at];
    }
    if (all) {
      m.bonus += 6 + (start == 0 ? 2 : 0);
      break;
    }
  }
  return m;
}

}  // namespace

void Searcher::collect(const std::vector<QueryTerm>& terms, bool fuzzy, const Filters& f, std::vector<Candidate>& out) {
  std::unordered_set<int64_t> seen;
  for (const auto& c : out) seen.insert(c.id);
  db::Stmt& q = filtered(f) ? match_filtered_ : match_;
  q.reset();
  q.bind(1, to_fts(terms, false)).bind(5, kCandidateCap);
  if (filtered(f)) q.bind(2, f.field).bind(3, f.level).bind(4, f.agency);
  while (q.step()) {
    const int64_t id = q.int64(0);
    if (seen.count(id) || id < 0 || static_cast<size_t>(id) >= docs_.size()) continue;
    NameMatch nm = match_name(name_words(docs_[static_cast<size_t>(id)]), terms);
    const int tier = nm.all_terms ? (fuzzy ? 1 : 0) : (fuzzy ? 3 : 2);
    out.push_back({id, tier, nm.bonus + 0.5 * docs_[static_cast<size_t>(id)].popularity});
  }
  q.reset();
}

// An FTS5 AND over every column reads the whole doclist of each word and phrase form; a
// question's common words ("cấp", "thẻ") and its synonyms' phrase forms made that 20-35 ms a
// keystroke on 100,000 procedures. A name's words are in memory: intersect their postings.
void Searcher::collect_names(const std::vector<QueryTerm>& terms, bool fuzzy, std::vector<Candidate>& out) {
  // Each term's postings: a form counts by its rarest word (match_name checks the rest), so
  // "cấp lại" reads the names holding "lại", not the half of the catalog holding "cấp". The
  // word being typed counts by the name words it starts, unless it starts too many ("c").
  std::vector<std::vector<const std::vector<uint32_t>*>> lists;
  std::vector<size_t> sizes;
  for (const auto& t : terms) {
    std::vector<const std::vector<uint32_t>*> mine;
    size_t size = 0;
    bool open = false;  // a form that any name may hold: the term narrows nothing
    auto add = [&](const std::vector<uint32_t>* list) {
      if (std::find(mine.begin(), mine.end(), list) != mine.end()) return;
      mine.push_back(list);
      size += list->size();
    };
    for (const auto& form : t.forms) {
      if (form.empty()) continue;
      const size_t whole = t.prefix ? form.size() - 1 : form.size();  // words typed in full
      const std::vector<uint32_t>* rarest = nullptr;
      bool impossible = false;
      for (size_t k = 0; k < whole && !impossible; ++k) {
        const auto it = name_postings_.find(form[k]);
        impossible = it == name_postings_.end();
        if (!impossible && (!rarest || it->second.size() < rarest->size())) rarest = &it->second;
      }
      if (impossible) continue;
      if (rarest) {
        add(rarest);
        continue;
      }
      // One word, being typed: the name words it starts.
      const std::string_view start = form.front();
      auto it = std::lower_bound(name_vocab_.begin(), name_vocab_.end(), start,
                                 [](const NameWord& w, std::string_view s) { return w.first < s; });
      const auto first = it;
      while (it != name_vocab_.end() && it->first.substr(0, start.size()) == start && !open)
        open = static_cast<size_t>(++it - first) > kPrefixWords;
      if (open) break;
      for (auto w = first; w != it; ++w) add(w->second);
    }
    if (open) continue;
    if (mine.empty()) return;  // no name holds this term
    lists.push_back(std::move(mine));
    sizes.push_back(size);
  }
  if (lists.empty()) return;
  std::vector<size_t> order(lists.size());
  for (size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return sizes[a] < sizes[b]; });
  // held_[id] == k after the k rarest terms: each term only advances the procedures that held
  // all the terms before it, so only the rarest term's procedures need resetting.
  std::vector<uint32_t> survivors;
  for (size_t k = 0; k < order.size(); ++k)
    for (const auto* list : lists[order[k]])
      for (uint32_t id : *list)
        if (held_[id] == k) ++held_[id];
  const auto want = static_cast<uint8_t>(order.size());
  for (const auto* list : lists[order.front()])
    for (uint32_t id : *list) {
      if (held_[id] == want) survivors.push_back(id);
      held_[id] = 0;
    }
  // The procedures in catalog order (the most used first), as the FTS5 pass returns them.
  std::sort(survivors.begin(), survivors.end());
  std::unordered_set<int64_t> seen;
  for (const auto& c : out) seen.insert(c.id);
  int taken = 0;
  size_t checked = 0;
  for (uint32_t id : survivors) {
    // A name holding two common words need not hold them as the query does: reading every
    // such name costs a microsecond each. The most used come first; a name past the budget
    // that holds the query well is still found by collect_partial.
    if (taken >= kCandidateCap || ++checked > kVerifyBudget) break;
    if (seen.count(id)) continue;
    const NameMatch nm = match_name(name_words(docs_[id]), terms);
    if (!nm.all_terms) continue;
    out.push_back({id, fuzzy ? 1 : 0, nm.bonus + 0.5 * docs_[id].popularity});
    ++taken;
  }
}

}  // namespace kiosk::search

#include <algorithm>
#include <cmath>
#include <unordered_map>
#include <unordered_set>

#include "fielded_index.hpp"
#include "search/searcher.hpp"
#include "searcher_filters.hpp"
#include "term_weights.hpp"

// The question path: what a query finds when no name holds all its words.
namespace kiosk::search {

namespace {

// Matches holding only some of the words (a question): how many are ranked in full.
constexpr int kPartialCap = 200;
// Postings read per question: a keystroke costs about the same on 3,000 procedures or 100,000,
// where the commonest of a long question's words are skipped (they weigh least).
constexpr size_t kPostingBudget = 400000;
// Terms read per question, the most telling first: half of the longest story's 64 words. The
// rest are its commonest words, which cost the most postings and move the order least: the
// eval's figures are the same reading all of them, and reading them made the sample's p99
// keystroke 2.5 ms (a story's), not 2.
constexpr size_t kTermsRead = 32;
// A word being typed stands for the words it starts: the commonest few.
constexpr size_t kCompletions = 6;

// The index terms one form of a query term reads: a word, the words a typed prefix starts, or
// for a phrase its rarest pair of words.
std::vector<const FieldedIndex::Term*> form_terms(const FieldedIndex& index, const Phrase& form, bool prefix) {
  std::vector<const FieldedIndex::Term*> out;
  const size_t whole = prefix ? form.size() - 1 : form.size();
  if (form.size() == 1 || whole <= 1) {
    const std::string& word = form.front();
    if (const auto* t = index.term(word)) out.push_back(t);
    else if (prefix && form.size() == 1) out = index.completions(word, kCompletions);
    return out;
  }
  const FieldedIndex::Term* rarest = nullptr;
  for (size_t i = 0; i + 1 < whole; ++i) {
    const auto* t = index.pair(form[i], form[i + 1]);
    if (!t) {
      rarest = nullptr;
      break;
    }
    if (!rarest || t->docs < rarest->docs) rarest = t;
  }
  if (!rarest) {
    // Pairs the names do not use together (a small catalog): the phrase by its rarest word,
    // and not at all if a word is missing.
    for (size_t i = 0; i < whole; ++i) {
      const auto* t = index.term(form[i]);
      if (!t) return {};
      if (!rarest || t->docs < rarest->docs) rarest = t;
    }
  }
  if (rarest) out.push_back(rarest);
  return out;
}

// Adjacent words of a query, its phrases' own and across neighbouring terms, in every form.
class QueryBigrams {
 public:
  explicit QueryBigrams(const std::vector<QueryTerm>& terms) {
    for (size_t t = 0; t < terms.size(); ++t)
      for (const auto& form : terms[t].forms) {
        for (size_t k = 0; k + 1 < form.size(); ++k) pairs_.emplace(form[k], form[k + 1]);
        if (t + 1 < terms.size() && !form.empty() && !terms[t + 1].prefix)
          for (const auto& next : terms[t + 1].forms)
            if (!next.empty()) pairs_.emplace(form.back(), next.front());
      }
  }
  bool holds(std::string_view a, std::string_view b) const { return pairs_.count({a, b}) > 0; }

 private:
  struct Hash {
    size_t operator()(const std::pair<std::string_view, std::string_view>& p) const {
      return std::hash<std::string_view>{}(p.first) * 31 + std::hash<std::string_view>{}(p.second);
    }
  };
  std::unordered_set<std::pair<std::string_view, std::string_view>, Hash> pairs_;
};

// The longest run of a name's head the query says word for word, in adjacent pairs of words.
size_t quoted_pairs(const std::vector<std::string_view>& words, size_t head, const QueryBigrams& query) {
  size_t best = 0, run = 0;
  for (size_t i = 0; i + 1 < std::min(words.size(), head); ++i) {
    run = query.holds(words[i], words[i + 1]) ? run + 1 : 0;
    best = std::max(best, run);
  }
  return best;
}

}  // namespace

std::vector<std::pair<int64_t, double>> Searcher::bm25f(const std::vector<QueryTerm>& terms) {
  const Ranking& r = ranking_;
  // What each term reads (its forms' index terms) and how much it counts.
  struct Scored {
    std::vector<const FieldedIndex::Term*> forms;
    double weight;
    size_t postings = 0;
  };
  std::vector<Scored> scored;
  for (const auto& t : terms) {
    Scored s{{}, r.weight_if_asked(t.asked)};
    for (const auto& form : t.forms)
      if (!form.empty())
        for (const auto* it : form_terms(*fielded_, form, t.prefix))
          if (std::find(s.forms.begin(), s.forms.end(), it) == s.forms.end()) s.forms.push_back(it);
    if (!s.forms.empty()) scored.push_back(std::move(s));
  }
  for (size_t i = 0; i + 1 < terms.size(); ++i) {
    const Phrase& a = terms[i].forms.front();
    const Phrase& b = terms[i + 1].forms.front();
    if (r.pair <= 0 || a.size() != 1 || b.size() != 1 || terms[i + 1].prefix) continue;  // weighed nothing: not read
    if (const auto* t = fielded_->pair(a.front(), b.front())) scored.push_back({{t}, r.pair});
  }
  // The most telling first (a term counts by its commonest form), until the budget is spent.
  auto idf_of = [&](const Scored& s) {
    uint32_t most = 0;
    for (const auto* t : s.forms) most = std::max(most, t->docs);
    return fielded_->idf(most);
  };
  for (auto& s : scored)
    for (const auto* t : s.forms) s.postings += t->postings.size();
  std::sort(scored.begin(), scored.end(), [&](const Scored& a, const Scored& b) {
    return a.weight * idf_of(a) > b.weight * idf_of(b);
  });

  std::vector<uint32_t> touched, in_term;
  size_t budget = kPostingBudget;
  size_t read = 0;
  for (const auto& s : scored) {
    if (read++ >= kTermsRead) break;
    if (s.postings > budget) continue;
    budget -= s.postings;
    ++round_;
    in_term.clear();
    for (const auto* t : s.forms) {
      const double idf = s.weight * fielded_->idf(t->docs);
      const auto& list = t->postings;
      for (size_t k = 0; k < list.size();) {
        const uint32_t doc = list[k].doc;
        double tf = 0;  // the fields' counts, weighted and each normalised by its length
        for (; k < list.size() && list[k].doc == doc; ++k) {
          const int field = list[k].field;
          const double norm = 1 - r.b + r.b * fielded_->relative_length(doc, field);
          tf += r.field_weight[static_cast<size_t>(field)] * list[k].count / std::max(norm, 1e-3);
        }
        const auto score = static_cast<float>(idf * tf / (r.k1 + tf));
        if (term_stamp_[doc] != round_) {
          term_stamp_[doc] = round_;
          term_best_[doc] = score;
          in_term.push_back(doc);
        } else {
          term_best_[doc] = std::max(term_best_[doc], score);  // a term's forms do not add up
        }
      }
    }
    for (uint32_t doc : in_term) {
      if (bm25_[doc] == 0 && term_best_[doc] > 0) touched.push_back(doc);
      bm25_[doc] += term_best_[doc];
    }
  }
  // The best by BM25F (popularity breaks ties), each with its share of the best score.
  auto key = [&](uint32_t doc) { return bm25_[doc] + 1e-3f * static_cast<float>(docs_[doc].popularity); };
  if (touched.size() > static_cast<size_t>(kPartialCap)) {
    std::nth_element(touched.begin(), touched.begin() + kPartialCap, touched.end(),
                     [&](uint32_t a, uint32_t b) { return key(a) > key(b); });
    for (size_t i = kPartialCap; i < touched.size(); ++i) bm25_[touched[i]] = 0;
    touched.resize(kPartialCap);
  }
  float best = 0;
  for (uint32_t doc : touched) best = std::max(best, bm25_[doc]);
  std::vector<std::pair<int64_t, double>> out;
  out.reserve(touched.size());
  for (uint32_t doc : touched) {
    out.emplace_back(doc, best > 0 ? bm25_[doc] / best : 0.0);
    bm25_[doc] = 0;
  }
  return out;
}

// When no name holds every word, a question in sentences or a query with a stray word: BM25F
// over every field gathers the candidates, and one score ranks them: BM25F, the share of the
// query's weight their name holds (with the pairs of words it holds as the catalog uses them),
// how much of the name's head the query covers, and popularity (ranking.hpp's weights).
void Searcher::collect_partial(const std::vector<QueryTerm>& terms, const std::vector<QueryTerm>& story,
                               const Filters& f, std::vector<Candidate>& out) {
  const size_t n = terms.size();
  std::vector<double> w(n);
  double total = 0;
  for (size_t i = 0; i < n; ++i) total += w[i] = weights_->weight(terms[i]) * ranking_.weight_if_asked(terms[i].asked);
  struct Pair {
    size_t first;
    double weight;
  };
  std::vector<Pair> pairs;
  for (size_t i = 0; i + 1 < n; ++i) {
    const Phrase& a = terms[i].forms.front();
    const Phrase& b = terms[i + 1].forms.front();
    if (a.size() != 1 || b.size() != 1 || terms[i + 1].prefix) continue;
    if (const double pw = weights_->pair_weight(a.front(), b.front()); pw > 0) {
      pairs.push_back({i, pw});
      total += pw;
    }
  }
  if (total <= 0) return;

  // Candidates, and how well BM25 ranks them over their whole text (1 best, toward 0).
  std::vector<std::pair<int64_t, double>> found_ids;
  if (filtered(f)) {
    // Filters live in SQLite: bm25 over the informative words, within the filter.
    std::vector<QueryTerm> select;
    for (size_t i = 0; i < n; ++i)
      if (weights_->selective(w[i]) && !terms[i].prefix) select.push_back(terms[i]);
    if (select.empty()) select.push_back(terms[static_cast<size_t>(std::max_element(w.begin(), w.end()) - w.begin())]);
    ranked_filtered_.reset();
    ranked_filtered_.bind(1, to_fts(select, true)).bind(5, kPartialCap);
    ranked_filtered_.bind(2, f.field).bind(3, f.level).bind(4, f.agency);
    double best = 0;
    while (ranked_filtered_.step()) {
      const double r = ranked_filtered_.real(1);
      if (best == 0) best = r;
      found_ids.emplace_back(ranked_filtered_.int64(0), best < 0 ? r / best : 0);
    }
    ranked_filtered_.reset();
  } else {
    found_ids = bm25f(story.empty() ? terms : story);
  }

  // Names that hold every word keep their place; matches found in other text by the passes
  // before are ranked again here, with the rest.
  std::unordered_map<int64_t, size_t> seen;
  for (size_t i = 0; i < out.size(); ++i) seen.emplace(out[i].id, i);
  // The terms by the first word of each of their forms: a name is read once, a word at a time,
  // instead of once per term and form. The word being typed is matched as before.
  std::unordered_map<std::string_view, std::vector<size_t>> by_first;
  std::vector<size_t> typing;
  for (size_t t = 0; t < n; ++t) {
    if (terms[t].prefix) {
      typing.push_back(t);
      continue;
    }
    for (const auto& form : terms[t].forms)
      if (!form.empty()) {
        auto& list = by_first[form.front()];
        if (std::find(list.begin(), list.end(), t) == list.end()) list.push_back(t);
      }
  }
  // The name's head is lit by every word of a story, not only the most telling ones the
  // coverage weighs: a question that quotes a name ("cấp giấy chứng nhận đăng ký tàu cá") covers
  // its common words too.
  std::unordered_map<std::string_view, std::vector<size_t>> story_by_first;
  for (size_t t = 0; t < story.size(); ++t)
    if (!story[t].prefix)
      for (const auto& form : story[t].forms)
        if (!form.empty()) story_by_first[form.front()].push_back(t);
  const QueryBigrams bigrams(story.empty() ? terms : story);
  std::vector<char> found(n);
  for (const auto& [id, bm25] : found_ids) {
    if (id < 0 || static_cast<size_t>(id) >= docs_.size()) continue;
    const auto known = seen.find(id);
    if (known != seen.end() && out[known->second].tier < 2) continue;
    const Doc& d = docs_[static_cast<size_t>(id)];
    const auto& words = name_words(d);
    double covered = 0;
    uint64_t lit = 0;  // the name's words the query covers (the first 64)
    std::fill(found.begin(), found.end(), 0);
    auto mark = [&](size_t t, size_t i, size_t len) {
      found[t] = 1;
      for (size_t k = i; k < i + len && k < 64; ++k) lit |= uint64_t{1} << k;
    };
    for (size_t i = 0; i < words.size(); ++i) {
      if (auto it = by_first.find(words[i]); it != by_first.end())
        for (size_t t : it->second)
          if (const size_t len = match_length(words, i, terms[t])) mark(t, i, len);
      for (size_t t : typing)
        if (const size_t len = match_length(words, i, terms[t])) mark(t, i, len);
      if (i >= 64 || (lit >> i & 1)) continue;
      if (auto it = story_by_first.find(words[i]); it != story_by_first.end())
        for (size_t t : it->second)
          if (const size_t len = match_length(words, i, story[t]))
            for (size_t k = i; k < i + len && k < 64; ++k) lit |= uint64_t{1} << k;
    }
    for (size_t t = 0; t < n; ++t)
      if (found[t]) covered += w[t];
    // A long name holds many words by chance; one mostly made of the query's words is the answer.
    // Its first 16 words say what it is: the tail a catalog repeats ("thực hiện bằng dịch vụ
    // công trực tuyến một phần hoặc trực tiếp…") must not sink it below a shorter, wrong name.
    constexpr size_t kHeadWords = 16;
    const uint64_t head = (uint64_t{1} << kHeadWords) - 1;
    const double name_share = words.empty() ? 0
                                            : static_cast<double>(__builtin_popcountll(lit & head)) /
                                                  static_cast<double>(std::min(words.size(), kHeadWords));
    for (const auto& p : pairs) {
      const auto& a = terms[p.first].forms.front().front();
      const auto& b = terms[p.first + 1].forms.front().front();
      for (size_t i = 0; i + 1 < words.size(); ++i)
        if (words[i] == a && words[i + 1] == b) {
          covered += p.weight;
          break;
        }
    }
    // A question that quotes a name ("… cấp giấy chứng nhận đăng ký tàu cá …") says which it
    // asks about: the run's pairs out of the head's 15, so a longer quote says more (as a share
    // of a short name's own pairs, "đăng ký tàu" tied with the seven words quoted).
    const double quoted =
        static_cast<double>(quoted_pairs(words, kHeadWords, bigrams)) / static_cast<double>(kHeadWords - 1);
    const Ranking& r = ranking_;
    const Candidate c{id, 2,
                      r.bm25 * bm25 + r.coverage * covered / total + r.head * name_share + r.quoted * quoted +
                          r.popularity * d.popularity};
    if (known != seen.end()) out[known->second] = c;
    else out.push_back(c);
  }
}
}  // namespace kiosk::search

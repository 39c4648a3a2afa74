#include "search/searcher.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "search/fold.hpp"
#include "search/index.hpp"
#include "term_weights.hpp"
#include "text_index.hpp"

namespace kiosk::search {

namespace {

// How many matches, in popularity order, are ranked per query: bounds the work of a one-letter
// query over a large catalog; more typing narrows the matches below it.
constexpr int kCandidateCap = 1000;
// Names checked for every term, in collect_names; and how many name words the word being
// typed may start and still narrow the names to check.
constexpr size_t kVerifyBudget = 4000;
constexpr size_t kPrefixWords = 64;
// Matches holding only some of the words (a question): how many are ranked in full.
constexpr int kPartialCap = 200;
// Postings of name words read to gather a question's candidates.
constexpr size_t kGatherBudget = 40000;
// Postings of the other text's words read per question, and how many procedures found only
// there are ranked.
constexpr size_t kTextBudget = 60000;
constexpr size_t kTextCap = 100;
constexpr double kTextWeight = 1.0;
static_assert(kMaxQueryTerms <= 16, "a procedure's text_mask_ holds one bit per ranked term");
// Popularity breaks ties and orders near-equals; it must not outweigh a better match.
constexpr double kPopWeight = 0.7;
// bm25's column weights (name, alt_names, field, agencies, documents, details), for questions
// asked within filters.
constexpr const char* kBm25 = "bm25(search_fts, 3.0, 3.0, 1.0, 0.5, 1.0, 1.0)";

constexpr const char* kFilter =
    " AND (?2 = '' OR p.field = ?2) AND (?3 = '' OR instr(p.levels, ?3) > 0)"
    " AND (?4 = '' OR instr(lower(p.agencies), lower(?4)) > 0)";

db::Db open_catalog(const std::filesystem::path& path) {
  db::Db db(path.string(), db::Mode::Immutable);
  // The catalog never changes under a reader: map it and keep its pages, instead of a read()
  // system call for every page of every keystroke.
  db.exec("PRAGMA mmap_size = 1073741824; PRAGMA cache_size = -65536;");
  auto check = db.prepare("SELECT count(*) FROM sqlite_schema WHERE name IN ('search_fts', 'search_names')");
  if (!check.step() || check.int64(0) != 2)
    throw db::Error("the catalog has no search index; reinstall the content pack with kioskctl");
  return db;
}

PhraseBook load_phrase_book(db::Db& db) {
  PhraseBook book = builtin_phrase_book();
  auto s = db.prepare("SELECT group_id, term FROM synonyms ORDER BY group_id");
  std::vector<std::string> group;
  int64_t current = -1;
  while (s.step()) {
    if (s.int64(0) != current && !group.empty()) {
      book.add_group(group);
      group.clear();
    }
    current = s.int64(0);
    group.push_back(fold(s.text(1)));
  }
  if (!group.empty()) book.add_group(group);
  return book;
}

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

bool filtered(const Filters& f) { return !f.field.empty() || !f.level.empty() || !f.agency.empty(); }

// A question told as a story holds more words than are ranked: keep the most telling, in the
// order typed. A word counts as much as the pair it makes with a neighbour ("tạm" of "tạm trú"),
// and the word being typed is always kept.
void keep_most_telling(std::vector<QueryTerm>& terms, const TermWeights& weights) {
  if (terms.size() <= kMaxQueryTerms) return;
  const size_t n = terms.size();
  std::vector<double> telling(n);
  for (size_t i = 0; i < n; ++i) telling[i] = weights.weight(terms[i]);
  for (size_t i = 0; i + 1 < n; ++i) {
    const Phrase& a = terms[i].forms.front();
    const Phrase& b = terms[i + 1].forms.front();
    if (a.size() != 1 || b.size() != 1) continue;
    const double pw = weights.pair_weight(a.front(), b.front());
    telling[i] = std::max(telling[i], pw);
    telling[i + 1] = std::max(telling[i + 1], pw);
  }
  if (terms.back().prefix) telling.back() = 1e9;
  std::vector<size_t> order(n);
  for (size_t i = 0; i < n; ++i) order[i] = i;
  // Later words first among equals: what a story asks comes at its end.
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return telling[a] != telling[b] ? telling[a] > telling[b] : a > b;
  });
  std::vector<char> keep(n);
  for (size_t k = 0; k < kMaxQueryTerms; ++k) keep[order[k]] = 1;
  std::vector<QueryTerm> kept;
  for (size_t i = 0; i < n; ++i)
    if (keep[i]) kept.push_back(std::move(terms[i]));
  terms = std::move(kept);
}

}  // namespace

Searcher::Searcher(const std::filesystem::path& catalog_db)
    : db_(open_catalog(catalog_db)),
      vocab_(db_),
      book_(load_phrase_book(db_)),
      match_(db_.prepare("SELECT rowid FROM search_fts WHERE search_fts MATCH ?1 ORDER BY rowid LIMIT ?5")),
      match_filtered_(db_.prepare(std::string("SELECT search_fts.rowid FROM search_fts JOIN procedures p"
                                              " ON p.id = search_fts.rowid WHERE search_fts MATCH ?1") +
                                  kFilter + " ORDER BY search_fts.rowid LIMIT ?5")),
      ranked_filtered_(db_.prepare(std::string("SELECT search_fts.rowid, ") + kBm25 +
                                   " AS r FROM search_fts JOIN procedures p ON p.id = search_fts.rowid"
                                   " WHERE search_fts MATCH ?1" + kFilter + " ORDER BY r LIMIT ?5")),
      details_(db_.prepare("SELECT code, name, field, agencies, levels FROM procedures WHERE id = ?")),
      columns_(db_.prepare("SELECT name, alt_names, field, agencies, documents, details FROM search_fts WHERE rowid = ?")),
      popular_(db_.prepare(std::string("SELECT p.id FROM procedures p WHERE 1") + kFilter +
                           " ORDER BY p.id LIMIT ?1")) {
  auto all = db_.prepare("SELECT id, name, popularity FROM search_names");
  while (all.step()) {
    const auto id = static_cast<size_t>(all.int64(0));
    if (id >= docs_.size()) docs_.resize(id + 1);
    Doc d;
    d.name = all.text(1);
    split_words(d.name, scratch_);
    for (auto w : scratch_)
      d.words.emplace_back(static_cast<uint32_t>(w.data() - d.name.data()), static_cast<uint32_t>(w.size()));
    d.popularity = std::log10(1.0 + std::max(0.0, all.real(2)));
    docs_[id] = std::move(d);
  }
  weights_ = std::make_unique<TermWeights>(vocab_, docs_.size());
  for (const auto& d : docs_) weights_->add_name(name_words(d));
  weights_->keep_pairs_seen(3);
  for (size_t id = 0; id < docs_.size(); ++id) {
    const auto& words = name_words(docs_[id]);
    for (size_t i = 0; i < words.size(); ++i) {
      const auto before = words.begin() + static_cast<long>(i);
      if (std::find(words.begin(), before, words[i]) != before) continue;  // once per name
      name_postings_[std::string(words[i])].push_back(static_cast<uint32_t>(id));
    }
  }
  for (const auto& [word, ids] : name_postings_) name_vocab_.emplace_back(word, &ids);
  std::sort(name_vocab_.begin(), name_vocab_.end());
  gathered_.assign(docs_.size(), 0);
  stamp_.assign(docs_.size(), 0);
  held_.assign(docs_.size(), 0);
  text_ = std::make_unique<TextIndex>(db_, docs_.size());
  text_mask_.assign(docs_.size(), 0);
}

Searcher::~Searcher() = default;

const std::vector<std::string_view>& Searcher::name_words(const Doc& d) {
  scratch_.clear();
  for (auto [off, len] : d.words) scratch_.emplace_back(d.name.data() + off, len);
  return scratch_;
}

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

// When no name holds every word, a question in sentences or a query with a stray word: the
// informative words gather candidates from the names (in memory) and from the other text (the
// two most telling words together), and they are ranked by the share of the query's weight
// their name covers, the pairs of words it holds as the catalog uses them, how much of the
// name the query covers, whether the other text holds the telling words, then popularity.
void Searcher::collect_partial(const std::vector<QueryTerm>& terms, const Filters& f, std::vector<Candidate>& out) {
  const size_t n = terms.size();
  std::vector<double> w(n);
  double total = 0;
  for (size_t i = 0; i < n; ++i) total += w[i] = weights_->weight(terms[i]);
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

  // Candidates, and how well bm25 ranks them over their whole text (1 best, toward 0).
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
    // From the names, in memory: each procedure gathers the weight of the terms its name holds
    // (a phrase by its first word; checked exactly below). Words in a third of the names only
    // rank.
    std::vector<uint32_t> touched;
    const size_t common = docs_.size() / 3 + 1;
    // The most telling terms first, until a fixed number of postings is read: a keystroke costs
    // the same on a catalog of 3,000 procedures or 100,000 (where the weaker terms only rank).
    std::vector<size_t> by_weight;
    for (size_t t = 0; t < n; ++t)
      if ((!terms[t].prefix || n == 1) && w[t] > 0) by_weight.push_back(t);  // a lone word: as typed so far
    std::sort(by_weight.begin(), by_weight.end(), [&](size_t a, size_t b) { return w[a] > w[b]; });
    size_t budget = kGatherBudget;
    for (size_t t : by_weight) {
      for (const auto& form : terms[t].forms) {
        auto it = form.empty() ? name_postings_.end() : name_postings_.find(form.front());
        if (it == name_postings_.end() || it->second.size() > common || it->second.size() > budget) continue;
        budget -= it->second.size();
        for (uint32_t id : it->second) {
          if (stamp_[id] == t + 1) continue;
          stamp_[id] = static_cast<uint32_t>(t + 1);
          if (gathered_[id] == 0) touched.push_back(id);
          gathered_[id] += w[t];
        }
      }
    }
    auto gathered = [&](uint32_t id) { return gathered_[id] + 0.1 * docs_[id].popularity; };
    if (touched.size() > static_cast<size_t>(kPartialCap)) {
      std::nth_element(touched.begin(), touched.begin() + kPartialCap, touched.end(),
                       [&](uint32_t a, uint32_t b) { return gathered(a) > gathered(b); });
      for (size_t i = kPartialCap; i < touched.size(); ++i) gathered_[touched[i]] = 0, stamp_[touched[i]] = 0;
      touched.resize(kPartialCap);
    }
    for (uint32_t id : touched) {
      gathered_[id] = 0;
      stamp_[id] = 0;
      found_ids.emplace_back(id, 0.0);
    }
    // From the other text (documents, result, fees, field, agencies), in memory: which of the
    // telling words each procedure's text holds, as a share of their weight. A phrase counts
    // where its rarest word is. Words in a third of the procedures are not looked up (nor counted).
    std::vector<uint32_t> in_text;
    double text_total = 0;
    size_t text_budget = kTextBudget;
    for (size_t t : by_weight) {
      bool skipped = false;
      for (const auto& form : terms[t].forms) {
        const std::vector<uint32_t>* list = nullptr;
        for (const auto& word : form) {
          const auto* l = text_->docs_with(word);
          if (!l) {
            list = nullptr;
            break;
          }
          if (!list || l->size() < list->size()) list = l;
        }
        if (!list) continue;
        if (list->size() > common || list->size() > text_budget) {
          skipped = true;
          continue;
        }
        text_budget -= list->size();
        for (uint32_t id : *list) {
          if (text_mask_[id] == 0) in_text.push_back(id);
          text_mask_[id] |= static_cast<uint16_t>(1u << t);
        }
      }
      if (!skipped) text_total += w[t];
    }
    auto text_share = [&](uint32_t id) {
      double got = 0;
      for (size_t t = 0; t < n; ++t)
        if (text_mask_[id] & (1u << t)) got += w[t];
      return text_total > 0 ? got * text_->weight_in(id) / text_total : 0.0;
    };
    std::unordered_set<int64_t> from_names;
    for (auto& [id, text] : found_ids) {
      text = text_share(static_cast<uint32_t>(id));
      from_names.insert(id);
    }
    std::vector<std::pair<double, uint32_t>> text_only;  // share, procedure
    for (uint32_t id : in_text)
      if (!from_names.count(id)) text_only.emplace_back(text_share(id), id);
    for (uint32_t id : in_text) text_mask_[id] = 0;
    if (text_only.size() > kTextCap) {
      auto better = [&](const auto& a, const auto& b) {
        return a.first + 0.01 * docs_[a.second].popularity > b.first + 0.01 * docs_[b.second].popularity;
      };
      std::nth_element(text_only.begin(), text_only.begin() + kTextCap, text_only.end(), better);
      text_only.resize(kTextCap);
    }
    for (const auto& [share, id] : text_only) found_ids.emplace_back(id, share);
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
  std::vector<char> found(n);
  for (const auto& [id, text] : found_ids) {
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
    // Weights chosen on tests/search_eval (questions and keywords together).
    const Candidate c{id, 2, 10.0 * covered / total + 4.0 * name_share + kTextWeight * text + kPopWeight * d.popularity};
    if (known != seen.end()) out[known->second] = c;
    else out.push_back(c);
  }
}

std::vector<Hit> Searcher::finish(std::vector<Candidate>& cands, const std::vector<QueryTerm>& terms, int limit,
                                  bool explain) {
  std::stable_sort(cands.begin(), cands.end(), [](const Candidate& a, const Candidate& b) {
    return a.tier != b.tier ? a.tier < b.tier : a.score > b.score;
  });
  if (cands.size() > static_cast<size_t>(limit)) cands.resize(static_cast<size_t>(limit));
  std::vector<Hit> hits;
  for (const auto& c : cands) {
    details_.reset();
    details_.bind(1, c.id);
    if (!details_.step()) continue;
    Hit h;
    h.code = details_.text(0);
    h.name = details_.text(1);
    h.field = details_.text(2);
    h.agencies = details_.text(3);
    h.levels = details_.text(4);
    h.score = c.score;
    h.fuzzy = c.tier == 1 || c.tier == 3;
    if (explain) {
      columns_.reset();
      columns_.bind(1, c.id);
      if (columns_.step()) {
        for (int col = 0; col < kColumnCount; ++col) {
          const std::string text = columns_.text(col);
          split_words(text, scratch_);
          bool hit = false;
          for (size_t i = 0; i < scratch_.size() && !hit; ++i)
            for (const auto& t : terms)
              if (match_length(scratch_, i, t)) {
                hit = true;
                break;
              }
          if (hit) h.matched_fields.emplace_back(kColumns[col]);
        }
      }
      columns_.reset();
    }
    // Highlight the original words of the name that a term covers.
    const auto spans = word_spans(h.name);
    std::vector<std::string_view> folded;
    for (const auto& sp : spans) folded.push_back(sp.folded);
    std::vector<bool> lit(spans.size(), false);
    for (const auto& t : terms)
      for (size_t i = 0; i < folded.size(); ++i)
        for (size_t k = 0, len = match_length(folded, i, t); k < len; ++k) lit[i + k] = true;
    for (size_t i = 0; i < spans.size(); ++i)
      if (lit[i]) h.highlights.emplace_back(spans[i].begin, spans[i].end);
    hits.push_back(std::move(h));
  }
  details_.reset();
  return hits;
}

std::vector<Hit> Searcher::popular(const Filters& f, int limit) {
  std::vector<Candidate> cands;
  popular_.reset();
  popular_.bind(1, limit).bind(2, f.field).bind(3, f.level).bind(4, f.agency);
  while (popular_.step()) cands.push_back({popular_.int64(0), 0, 0});
  popular_.reset();
  return finish(cands, {}, limit, false);
}

std::vector<Hit> Searcher::search(std::string_view query, const Filters& filters, int limit, bool explain) {
  limit = std::clamp(limit, 1, 200);
  ParsedQuery q = parse_query(query, book_, [this](const std::string& a, const std::string& b) {
    return weights_->pair_weight(a, b) > 0;
  });
  if (q.terms.empty()) return popular(filters, limit);
  keep_most_telling(q.terms, *weights_);

  // A query of several words, unfiltered: its names from memory, its other text ranked by
  // collect_partial. One word, or within filters: SQLite finds the word wherever it is.
  const bool several_words = q.terms.size() > 1 || std::any_of(q.terms[0].forms.begin(), q.terms[0].forms.end(),
                                                               [](const Phrase& p) { return p.size() > 1; });
  const bool names_in_memory = several_words && !filtered(filters);
  auto gather = [&](const std::vector<QueryTerm>& terms, bool fuzzy, std::vector<Candidate>& out) {
    if (names_in_memory) collect_names(terms, fuzzy, out);
    else collect(terms, fuzzy, filters, out);
  };
  std::vector<Candidate> cands;
  gather(q.terms, false, cands);
  const auto strong_count = std::count_if(cands.begin(), cands.end(), [](const Candidate& c) { return c.tier == 0; });
  const bool strong = strong_count > 0;
  // Later tiers cannot displace a full page of names holding every word as typed.
  if (strong_count >= limit) return finish(cands, q.terms, limit, explain);

  // Typo corrections: for words the catalog does not know, and, when nothing names every word,
  // for known words too ("chiu" is a word, but "ho chiu" meant "hộ chiếu").
  std::vector<QueryTerm> corrected = q.terms;
  bool any_correction = false;
  for (auto& t : corrected) {
    if (t.forms.front().size() != 1) continue;  // known phrases are spelled right by definition
    const std::string& w = t.forms.front().front();
    const bool known = t.prefix ? vocab_.has_prefix(w) : vocab_.contains(w);
    // In a question, a real word is what it says: correcting every word of a sentence finds
    // some long name that holds all the corrections.
    if (known && (strong || q.terms.size() > 3)) continue;
    // A real word is replaced only by a far commoner one in names ("chiu" -> "chieu" of hộ
    // chiếu), never by a word as rare as itself ("tach" stays "tách", not "tích").
    const long min_docs = known ? 5 * std::max(1L, vocab_.name_docs(w)) : 1;
    for (auto& c : vocab_.corrections(w, t.prefix, 3, min_docs)) {
      t.forms.push_back({c});
      any_correction = true;
    }
  }
  if (any_correction) gather(corrected, true, cands);
  // Results holding only some of the words, when no name holds them all (or below the names
  // that do, when nothing else looked in the other text). Corrections join the words as typed
  // there (a typo in a question must not sink the whole question).
  if ((q.terms.size() > 1 && !strong) || names_in_memory)
    collect_partial(any_correction ? corrected : q.terms, filters, cands);
  return finish(cands, any_correction ? corrected : q.terms, limit, explain);
}

std::vector<std::string> Searcher::baseline_search(std::string_view query, int limit) {
  // What a first attempt would do: every word as a substring of the folded text of each row,
  // names matching more words first, then popularity. Every row is read on every keystroke.
  ParsedQuery q = parse_query(query, PhraseBook{});
  std::string where, name_hits = "0";
  for (size_t i = 0; i < q.terms.size(); ++i) {
    const std::string n = "?" + std::to_string(i + 1);
    where += " AND (c.c0 || ' ' || c.c1 || ' ' || c.c2 || ' ' || c.c3 || ' ' || c.c4 || ' ' || c.c5) LIKE " + n;
    name_hits += " + (c.c0 LIKE " + n + ")";
  }
  // With no words there is no name score: an integer alone in ORDER BY would name a column.
  const std::string order = q.terms.empty() ? "p.popularity DESC" : name_hits + " DESC, p.popularity DESC";
  auto s = db_.prepare("SELECT p.code FROM search_fts_content c JOIN procedures p ON p.id = c.id WHERE 1" + where +
                       " ORDER BY " + order + " LIMIT " + std::to_string(limit));
  for (size_t i = 0; i < q.terms.size(); ++i) s.bind(static_cast<int>(i + 1), "%" + q.terms[i].text + "%");
  std::vector<std::string> out;
  while (s.step()) out.push_back(s.text(0));
  return out;
}

}  // namespace kiosk::search

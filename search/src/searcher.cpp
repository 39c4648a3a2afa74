#include "search/searcher.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "search/fold.hpp"
#include "search/index.hpp"
#include "fielded_index.hpp"
#include "term_weights.hpp"
#include "searcher_filters.hpp"

namespace kiosk::search {

namespace {

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

// A question told as a story holds more words than are ranked: keep the most telling, in the
// order typed. A word counts as much as the pair it makes with a neighbour ("tạm" of "tạm trú"),
// and the word being typed is always kept.
void keep_most_telling(std::vector<QueryTerm>& terms, const TermWeights& weights, const Ranking& ranking) {
  if (terms.size() <= kMaxQueryTerms) return;
  const size_t n = terms.size();
  std::vector<double> telling(n);
  for (size_t i = 0; i < n; ++i) telling[i] = weights.weight(terms[i]) * ranking.weight_if_asked(terms[i].asked);
  for (size_t i = 0; i + 1 < n; ++i) {
    const Phrase& a = terms[i].forms.front();
    const Phrase& b = terms[i + 1].forms.front();
    if (a.size() != 1 || b.size() != 1) continue;
    const double pw =
        weights.pair_weight(a.front(), b.front()) * ranking.weight_if_asked(terms[i].asked || terms[i + 1].asked);
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
  // A word a story says twice ("đăng ký … đăng ký tàu cá") is one term: its second place goes
  // to the next most telling word.
  std::vector<char> keep(n);
  size_t kept_count = 0;
  for (size_t k = 0; k < n && kept_count < kMaxQueryTerms; ++k) {
    const QueryTerm& term = terms[order[k]];
    bool repeated = false;
    for (size_t j = 0; j < n && !repeated; ++j)
      repeated = keep[j] && terms[j].prefix == term.prefix && terms[j].forms.front() == term.forms.front();
    if (repeated) continue;
    keep[order[k]] = 1;
    ++kept_count;
  }
  std::vector<QueryTerm> kept;
  for (size_t i = 0; i < n; ++i)
    if (keep[i]) kept.push_back(std::move(terms[i]));
  terms = std::move(kept);
}

}  // namespace

Searcher::Searcher(const std::filesystem::path& catalog_db, const Ranking& ranking, std::stop_token stop)
    : db_(open_catalog(catalog_db)),
      ranking_(ranking),
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
  std::vector<double> known_uses;
  while (all.step()) {
    const auto id = static_cast<size_t>(all.int64(0));
    if (id >= docs_.size()) docs_.resize(id + 1);
    Doc d;
    d.name = all.text(1);
    split_words(d.name, scratch_);
    for (auto w : scratch_)
      d.words.emplace_back(static_cast<uint32_t>(w.data() - d.name.data()), static_cast<uint32_t>(w.size()));
    d.popularity = std::max(0.0, all.real(2));
    if (d.popularity > 0) known_uses.push_back(d.popularity);
    docs_[id] = std::move(d);
  }
  // Most procedures of a catalog carry no count of uses (0): that is unknown, not unused. They
  // rank as the catalog's median procedure, not below every counted one.
  double median = 0;
  if (!known_uses.empty()) {
    std::nth_element(known_uses.begin(), known_uses.begin() + static_cast<long>(known_uses.size() / 2), known_uses.end());
    median = known_uses[known_uses.size() / 2];
  }
  for (auto& d : docs_) d.popularity = std::log10(1.0 + (d.popularity > 0 ? d.popularity : median));
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
  held_.assign(docs_.size(), 0);
  fielded_ = std::make_unique<FieldedIndex>(db_, docs_.size(), *weights_, stop);
  bm25_.assign(docs_.size(), 0);
  term_best_.assign(docs_.size(), 0);
  term_stamp_.assign(docs_.size(), 0);
}

Searcher::~Searcher() = default;

const std::vector<std::string_view>& Searcher::name_words(const Doc& d) {
  scratch_.clear();
  for (auto [off, len] : d.words) scratch_.emplace_back(d.name.data() + off, len);
  return scratch_;
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
  initials_passes_left_ = 2;
  // A word with no vowel is initials whether or not the catalog holds it ("CSDL", "PCCC"): what
  // they spell is a form of it as typed, as the phrase book's "cccd" is of "căn cước công dân".
  for (auto& t : q.terms) add_initials(t, true);
  // BM25F reads a story whole; the name's coverage and the keyword tiers read its most telling.
  std::vector<QueryTerm> story;
  if (q.terms.size() > kMaxQueryTerms) story = q.terms;
  keep_most_telling(q.terms, *weights_, ranking_);

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
  for (size_t i = 0; i < corrected.size(); ++i) {
    auto& t = corrected[i];
    if (t.forms.front().size() != 1) continue;  // known phrases are spelled right by definition
    const std::string w = t.forms.front().front();  // a copy: forms grow below
    const bool known = t.prefix ? vocab_.has_prefix(w) : vocab_.contains(w);
    // In a question, a real word is what it says: correcting every word of a sentence finds
    // some long name that holds all the corrections.
    if (known && (strong || q.terms.size() > 3)) continue;
    // A word of four or five letters the catalog does not hold may be initials ("antt"): the
    // phrase they spell comes before any correction of it.
    if (!known && add_initials(t, false)) any_correction = true;
    // A real word is replaced only by a far commoner one in names ("chiu" -> "chieu" of hộ
    // chiếu), never by a word as rare as itself ("tach" stays "tách", not "tích").
    const long min_docs = known ? 5 * std::max(1L, vocab_.name_docs(w)) : 1;
    // Of the words one slip away, those the catalog's names use beside the neighbouring word
    // come first: "ho chie" is "hộ chiếu", not the commoner "chí" of "Hồ Chí Minh" alone.
    // A word of three letters is too short to correct on its own ("sin" could be a dozen
    // words); beside a word the catalog pairs it with, it is one of them ("khai sin").
    constexpr size_t kShortWord = 3;
    const bool short_word = w.size() == kShortWord;
    auto options = vocab_.corrections(w, t.prefix, 12, min_docs, short_word ? 1 : -1);
    auto beside = [&](const std::string& c) {
      const auto* before = i > 0 && q.terms[i - 1].forms.front().size() == 1 ? &q.terms[i - 1].forms.front().front() : nullptr;
      const auto* after = i + 1 < q.terms.size() && q.terms[i + 1].forms.front().size() == 1
                              ? &q.terms[i + 1].forms.front().front()
                              : nullptr;
      return (before && weights_->pair_weight(*before, c) > 0) || (after && weights_->pair_weight(c, *after) > 0);
    };
    const auto unpaired = std::stable_partition(options.begin(), options.end(), beside);
    if (short_word) options.erase(unpaired, options.end());
    if (options.size() > 3) options.resize(3);
    for (auto& c : options) {
      t.forms.push_back({c});
      any_correction = true;
    }
  }
  if (any_correction) gather(corrected, true, cands);
  // Results holding only some of the words, when no name holds them all (or below the names
  // that do, when nothing else looked in the other text). Corrections join the words as typed
  // there (a typo in a question must not sink the whole question).
  if ((q.terms.size() > 1 && !strong) || names_in_memory)
    collect_partial(any_correction ? corrected : q.terms, story, filters, cands);
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

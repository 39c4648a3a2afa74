#include "search/searcher.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <unordered_set>

#include "search/fold.hpp"
#include "search/index.hpp"

namespace kiosk::search {

namespace {

// How many matches, in popularity order, are ranked per query: bounds the work of a one-letter
// query over a large catalog; more typing narrows the matches below it.
constexpr int kCandidateCap = 1000;
// Matches holding only some of the words are the weakest results: fewer are looked at.
constexpr int kPartialCap = 300;

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
  std::array<std::array<uint8_t, kMaxWords>, kMaxQueryWords> len{};
  uint64_t covered = 0;
  size_t found = 0;
  for (size_t t = 0; t < terms.size() && t < kMaxQueryWords; ++t) {
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

}  // namespace

Searcher::Searcher(const std::filesystem::path& catalog_db)
    : db_(open_catalog(catalog_db)),
      vocab_(db_),
      book_(load_phrase_book(db_)),
      match_(db_.prepare("SELECT rowid FROM search_fts WHERE search_fts MATCH ?1 ORDER BY rowid LIMIT ?5")),
      match_filtered_(db_.prepare(std::string("SELECT search_fts.rowid FROM search_fts JOIN procedures p"
                                              " ON p.id = search_fts.rowid WHERE search_fts MATCH ?1") +
                                  kFilter + " ORDER BY search_fts.rowid LIMIT ?5")),
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
}

const std::vector<std::string_view>& Searcher::name_words(const Doc& d) {
  scratch_.clear();
  for (auto [off, len] : d.words) scratch_.emplace_back(d.name.data() + off, len);
  return scratch_;
}

void Searcher::collect(const std::vector<QueryTerm>& terms, bool any, bool fuzzy, const Filters& f,
                       std::vector<Candidate>& out) {
  std::unordered_set<int64_t> seen;
  for (const auto& c : out) seen.insert(c.id);
  db::Stmt& q = filtered(f) ? match_filtered_ : match_;
  q.reset();
  q.bind(1, to_fts(terms, any)).bind(5, any ? kPartialCap : kCandidateCap);
  if (filtered(f)) q.bind(2, f.field).bind(3, f.level).bind(4, f.agency);
  while (q.step()) {
    const int64_t id = q.int64(0);
    if (seen.count(id) || id < 0 || static_cast<size_t>(id) >= docs_.size()) continue;
    NameMatch nm = match_name(name_words(docs_[static_cast<size_t>(id)]), terms);
    const int tier = (nm.all_terms && !any) ? (fuzzy ? 1 : 0) : (fuzzy ? 3 : 2);
    // A result missing some words (an OR match) needs a clearly better name to pass a full one.
    const double partial_penalty = any ? 6.0 : 0.0;
    out.push_back({id, tier, nm.bonus + 0.5 * docs_[static_cast<size_t>(id)].popularity - partial_penalty});
  }
  q.reset();
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
  ParsedQuery q = parse_query(query, book_);
  if (q.terms.empty()) return popular(filters, limit);

  std::vector<Candidate> cands;
  collect(q.terms, false, false, filters, cands);
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
    if (known && strong) continue;
    // A real word is replaced only by a far commoner one in names ("chiu" -> "chieu" of hộ
    // chiếu), never by a word as rare as itself ("tach" stays "tách", not "tích").
    const long min_docs = known ? 5 * std::max(1L, vocab_.name_docs(w)) : 1;
    for (auto& c : vocab_.corrections(w, t.prefix, 3, min_docs)) {
      t.forms.push_back({c});
      any_correction = true;
    }
  }
  if (any_correction) collect(corrected, false, true, filters, cands);
  // Results holding only some of the words, when no name holds them all.
  if (q.terms.size() > 1 && !strong) {
    collect(q.terms, true, false, filters, cands);
    if (any_correction) collect(corrected, true, true, filters, cands);
  }
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

#include "search/searcher.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "search/fold.hpp"
#include "search/index.hpp"

namespace kiosk::search {

namespace {

// How many matches, in popularity order, are ranked per query: bounds the work of a one-letter
// query over a large catalog; more typing narrows the matches below it.
constexpr int kCandidateCap = 1000;

constexpr const char* kFilter =
    " AND (?2 = '' OR p.field = ?2) AND (?3 = '' OR instr(p.levels, ?3) > 0)"
    " AND (?4 = '' OR instr(lower(p.agencies), lower(?4)) > 0)";

db::Db open_catalog(const std::filesystem::path& path) {
  db::Db db(path.string(), db::Mode::ReadOnly);
  auto check = db.prepare("SELECT count(*) FROM sqlite_schema WHERE name = 'search_fts'");
  if (!check.step() || check.int64(0) == 0)
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

// What bm25 does not see: the terms in the name, as a phrase, leading it, covering it.
NameMatch match_name(const std::string& folded_name, const std::vector<QueryTerm>& terms) {
  NameMatch m;
  auto ws = words(folded_name);
  if (ws.empty() || terms.empty()) return m;
  std::vector<bool> covered(ws.size(), false);
  size_t found = 0;
  for (const auto& t : terms) {
    bool hit = false;
    for (size_t i = 0; i < ws.size(); ++i) {
      size_t len = match_length(ws, i, t);
      if (len == 0) continue;
      hit = true;
      for (size_t k = 0; k < len; ++k) covered[i + k] = true;
    }
    found += hit;
  }
  m.all_terms = found == terms.size();
  const double coverage =
      static_cast<double>(std::count(covered.begin(), covered.end(), true)) / static_cast<double>(ws.size());
  m.bonus = 4.0 * static_cast<double>(found) / static_cast<double>(terms.size()) + 3.0 * coverage;
  // The terms in order, one after the other.
  for (size_t start = 0; start < ws.size(); ++start) {
    size_t at = start;
    bool all = true;
    for (const auto& t : terms) {
      size_t len = match_length(ws, at, t);
      if (len == 0) {
        all = false;
        break;
      }
      at += len;
    }
    if (all) {
      m.bonus += 6 + (start == 0 ? 2 : 0);
      break;
    }
  }
  return m;
}

}  // namespace

Searcher::Searcher(const std::filesystem::path& catalog_db)
    : db_(open_catalog(catalog_db)),
      vocab_(db_),
      book_(load_phrase_book(db_)),
      match_(db_.prepare(std::string("SELECT search_fts.rowid, bm25(search_fts, 10.0, 8.0, 3.0, 2.0, 1.5, 0.5),"
                                     " search_fts.name, p.popularity FROM search_fts JOIN procedures p"
                                     " ON p.id = search_fts.rowid WHERE search_fts MATCH ?1") +
                         kFilter + " ORDER BY search_fts.rowid LIMIT " + std::to_string(kCandidateCap))),
      details_(db_.prepare("SELECT p.code, p.name, p.field, p.agencies, p.levels, f.name, f.alt_names,"
                           " f.field, f.agencies, f.documents, f.details FROM procedures p JOIN search_fts f"
                           " ON f.rowid = p.id WHERE p.id = ?")),
      popular_(db_.prepare(std::string("SELECT p.id FROM procedures p WHERE 1") + kFilter +
                           " ORDER BY p.id LIMIT ?1")) {}

void Searcher::collect(const std::vector<QueryTerm>& terms, bool any, bool fuzzy, const Filters& f,
                       std::vector<Candidate>& out) {
  std::unordered_set<int64_t> seen;
  for (const auto& c : out) seen.insert(c.id);
  match_.reset();
  match_.bind(1, to_fts(terms, any)).bind(2, f.field).bind(3, f.level).bind(4, f.agency);
  while (match_.step()) {
    const int64_t id = match_.int64(0);
    if (seen.count(id)) continue;
    const double relevance = -match_.real(1);  // FTS5's bm25 is negative, lower is better
    const double popularity = std::log10(1.0 + std::max(0.0, match_.real(3)));
    NameMatch nm = match_name(match_.text(2), terms);
    int tier = (nm.all_terms && !any) ? (fuzzy ? 1 : 0) : (fuzzy ? 3 : 2);
    // A result missing some words (an OR match) needs a clearly better name to pass a full one.
    const double partial_penalty = any ? 6.0 : 0.0;
    out.push_back({id, tier, relevance + nm.bonus + 0.3 * popularity - partial_penalty});
  }
  match_.reset();
}

std::vector<Hit> Searcher::finish(std::vector<Candidate>& cands, const std::vector<QueryTerm>& terms, int limit) {
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
    for (int col = 0; col < kColumnCount; ++col) {
      const auto ws = words(details_.text(5 + col));
      bool hit = false;
      for (size_t i = 0; i < ws.size() && !hit; ++i)
        for (const auto& t : terms)
          if (match_length(ws, i, t)) {
            hit = true;
            break;
          }
      if (hit) h.matched_fields.emplace_back(kColumns[col]);
    }
    // Highlight the original words of the name that a term covers.
    const auto spans = word_spans(h.name);
    std::vector<std::string> folded;
    for (const auto& s : spans) folded.push_back(s.folded);
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
  return finish(cands, {}, limit);
}

std::vector<Hit> Searcher::search(std::string_view query, const Filters& filters, int limit) {
  limit = std::clamp(limit, 1, 200);
  ParsedQuery q = parse_query(query, book_);
  if (q.terms.empty()) return popular(filters, limit);

  std::vector<Candidate> cands;
  collect(q.terms, false, false, filters, cands);
  const bool strong = std::any_of(cands.begin(), cands.end(), [](const Candidate& c) { return c.tier == 0; });

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
  if (q.terms.size() > 1) {
    collect(q.terms, true, false, filters, cands);
    if (any_correction) collect(corrected, true, true, filters, cands);
  }
  return finish(cands, any_correction ? corrected : q.terms, limit);
}

std::vector<std::string> Searcher::baseline_search(std::string_view query, int limit) {
  ParsedQuery q = parse_query(query, PhraseBook{});
  std::string sql = "SELECT p.code FROM search_fts_content c JOIN procedures p ON p.id = c.id WHERE 1";
  for (size_t i = 0; i < q.terms.size(); ++i)
    sql += " AND (c.c0 || ' ' || c.c1 || ' ' || c.c2 || ' ' || c.c3 || ' ' || c.c4 || ' ' || c.c5) LIKE ?" +
           std::to_string(i + 1);
  sql += " ORDER BY c.id LIMIT " + std::to_string(limit);
  auto s = db_.prepare(sql);
  for (size_t i = 0; i < q.terms.size(); ++i) s.bind(static_cast<int>(i + 1), "%" + q.terms[i].text + "%");
  std::vector<std::string> out;
  while (s.step()) out.push_back(s.text(0));
  return out;
}

}  // namespace kiosk::search

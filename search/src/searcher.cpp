#include "search/searcher.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "search/fold.hpp"
#include "search/index.hpp"

namespace kiosk::search {

namespace {

// How many matches, in popularity order, are ranked per query. Bounds the work of a one-letter
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

bool word_matches(const std::string& word, const QueryTerm& t) {
  for (const auto& f : t.forms)
    if (word == f || (t.prefix && word.compare(0, f.size(), f) == 0)) return true;
  return false;
}

// Does any term occur as a word (or word start, for the one being typed) of this folded text?
bool text_matches(const std::string& folded, const QueryTerm& t) {
  for (const auto& w : words(folded))
    if (word_matches(w, t)) return true;
  return false;
}

bool phrase_at(const std::vector<std::string>& ws, size_t start, const std::vector<QueryTerm>& terms) {
  if (start + terms.size() > ws.size()) return false;
  for (size_t k = 0; k < terms.size(); ++k)
    if (!word_matches(ws[start + k], terms[k])) return false;
  return true;
}

// Signals bm25 does not see: the words form a phrase of the name (or of a name the procedure
// answers to, such as "bằng lái"), cover the whole name, lead it.
double name_bonus(const std::string& name, const std::string& synonyms, const std::vector<QueryTerm>& terms) {
  auto name_words = words(name);
  if (name_words.empty() || terms.empty()) return 0;
  size_t covered = 0;
  for (const auto& nw : name_words) {
    for (const auto& t : terms)
      if (word_matches(nw, t)) {
        ++covered;
        break;
      }
  }
  size_t found_terms = 0;
  for (const auto& t : terms)
    for (const auto& nw : name_words)
      if (word_matches(nw, t)) {
        ++found_terms;
        break;
      }
  double bonus = 0;
  if (found_terms == terms.size()) bonus += 4;
  bonus += 3.0 * static_cast<double>(covered) / static_cast<double>(name_words.size());
  for (size_t start = 0; start < name_words.size(); ++start)
    if (phrase_at(name_words, start, terms)) return bonus + 6 + (start == 0 ? 2 : 0);
  // Synonym phrases only count for two words or more: one short word matches too much.
  if (terms.size() >= 2) {
    auto syn_words = words(synonyms);
    for (size_t start = 0; start < syn_words.size(); ++start)
      if (phrase_at(syn_words, start, terms)) return bonus + 7;
  }
  return bonus;
}

}  // namespace

Searcher::Searcher(const std::filesystem::path& catalog_db)
    : db_(open_catalog(catalog_db)),
      vocab_(db_),
      match_(db_.prepare(std::string("SELECT search_fts.rowid, bm25(search_fts, 10.0, 8.0, 6.0, 3.0, 2.0, 1.5, 0.5),"
                                     " search_fts.name, p.popularity, search_fts.synonyms FROM search_fts JOIN procedures p"
                                     " ON p.id = search_fts.rowid WHERE search_fts MATCH ?1") +
                         kFilter + " ORDER BY search_fts.rowid LIMIT " + std::to_string(kCandidateCap))),
      details_(db_.prepare("SELECT p.code, p.name, p.field, p.agencies, p.levels, f.name, f.alt_names, f.synonyms,"
                           " f.field, f.agencies, f.documents, f.details FROM procedures p JOIN search_fts f"
                           " ON f.rowid = p.id WHERE p.id = ?")),
      popular_(db_.prepare(std::string("SELECT p.id FROM procedures p WHERE 1") + kFilter +
                           " ORDER BY p.id LIMIT ?1")) {}

void Searcher::collect(const std::string& fts, const Filters& f, const std::vector<QueryTerm>& terms,
                       double tier_bonus, bool fuzzy, std::vector<Candidate>& out) {
  std::unordered_set<int64_t> seen;
  for (const auto& c : out) seen.insert(c.id);
  match_.reset();
  match_.bind(1, fts).bind(2, f.field).bind(3, f.level).bind(4, f.agency);
  while (match_.step()) {
    const int64_t id = match_.int64(0);
    if (seen.count(id)) continue;
    const double relevance = -match_.real(1);  // FTS5's bm25 is negative, lower is better
    const double popularity = std::log10(1.0 + std::max(0.0, match_.real(3)));
    out.push_back({id, tier_bonus + relevance + name_bonus(match_.text(2), match_.text(4), terms) + 0.3 * popularity, fuzzy});
  }
  match_.reset();
}

std::vector<Hit> Searcher::finish(std::vector<Candidate>& cands, const std::vector<QueryTerm>& terms, int limit) {
  std::stable_sort(cands.begin(), cands.end(), [](const Candidate& a, const Candidate& b) { return a.score > b.score; });
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
    h.fuzzy = c.fuzzy;
    for (int col = 0; col < kColumnCount; ++col) {
      const std::string text = details_.text(5 + col);
      for (const auto& t : terms)
        if (text_matches(text, t)) {
          h.matched_fields.emplace_back(kColumns[col]);
          break;
        }
    }
    for (const auto& span : word_spans(h.name))
      for (const auto& t : terms)
        if (word_matches(span.folded, t)) {
          h.highlights.emplace_back(span.begin, span.end);
          break;
        }
    hits.push_back(std::move(h));
  }
  details_.reset();
  return hits;
}

std::vector<Hit> Searcher::popular(const Filters& f, int limit) {
  std::vector<Candidate> cands;
  popular_.reset();
  popular_.bind(1, limit).bind(2, f.field).bind(3, f.level).bind(4, f.agency);
  while (popular_.step()) cands.push_back({popular_.int64(0), 0, false});
  popular_.reset();
  return finish(cands, {}, limit);
}

std::vector<Hit> Searcher::search(std::string_view query, const Filters& filters, int limit) {
  limit = std::clamp(limit, 1, 200);
  ParsedQuery q = parse_query(query);
  if (q.terms.empty()) return popular(filters, limit);

  // Tiers: the words as typed, then with typo corrections, then any of the words. A result of an
  // earlier tier always ranks above a later one.
  std::vector<Candidate> cands;
  collect(to_fts(q.terms), filters, q.terms, 2000, false, cands);

  std::vector<QueryTerm> corrected = q.terms;
  bool any_correction = false;
  for (auto& t : corrected) {
    const bool known = t.prefix ? vocab_.has_prefix(t.word) : vocab_.contains(t.word);
    if (known) continue;
    for (auto& c : vocab_.corrections(t.word, t.prefix)) {
      t.forms.push_back(c);
      any_correction = true;
    }
  }
  if (any_correction && cands.size() < static_cast<size_t>(limit))
    collect(to_fts(corrected), filters, corrected, 1000, true, cands);

  if (cands.size() < static_cast<size_t>(limit) && corrected.size() > 1)
    collect(to_fts(corrected, true), filters, corrected, 0, true, cands);

  return finish(cands, corrected, limit);
}

std::vector<std::string> Searcher::baseline_search(std::string_view query, int limit) {
  ParsedQuery q = parse_query(query);
  std::string sql = "SELECT p.code FROM search_fts_content c JOIN procedures p ON p.id = c.id WHERE 1";
  for (size_t i = 0; i < q.terms.size(); ++i)
    sql += " AND (c.c0 || ' ' || c.c1 || ' ' || c.c2 || ' ' || c.c3 || ' ' || c.c4 || ' ' || c.c5 || ' ' || c.c6) LIKE ?" +
           std::to_string(i + 1);
  sql += " ORDER BY c.id LIMIT " + std::to_string(limit);
  auto s = db_.prepare(sql);
  for (size_t i = 0; i < q.terms.size(); ++i) s.bind(static_cast<int>(i + 1), "%" + q.terms[i].word + "%");
  std::vector<std::string> out;
  while (s.step()) out.push_back(s.text(0));
  return out;
}

}  // namespace kiosk::search

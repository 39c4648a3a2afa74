// Search over an installed catalog: as-you-type, diacritics-blind, abbreviation- and typo-tolerant.
#pragma once
#include <filesystem>
#include <memory>
#include <stop_token>
#include <unordered_map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/sqlite.hpp"
#include "search/dictionary.hpp"
#include "search/query.hpp"
#include "search/ranking.hpp"
#include "search/typos.hpp"

namespace kiosk::search {

class TermWeights;
class FieldedIndex;

struct Filters {
  std::string field;   // exact lĩnh vực
  std::string level;   // "Cấp tỉnh"...
  std::string agency;  // part of the agency's name, any case
};

struct Hit {
  std::string code;
  std::string name;
  std::string field;
  std::string agencies;
  std::string levels;
  double score = 0;
  bool fuzzy = false;                                 // found only through a typo correction
  std::vector<std::pair<size_t, size_t>> highlights;  // byte ranges [begin, end) of `name`
  std::vector<std::string> matched_fields;            // columns the query was found in (explain only)
};

// One SQLite connection; use one Searcher per thread.
class Searcher {
 public:
  // Building the index of a large catalog takes a while: a stop requested through `stop` ends
  // it early with std::runtime_error, so a kiosk told to stop need not wait for it.
  explicit Searcher(const std::filesystem::path& catalog_db, const Ranking& ranking = fitted_ranking(),
                    std::stop_token stop = {});
  ~Searcher();

  // Results, best first. Order: procedures whose name holds every word as typed; then those
  // whose name holds every word once typos are corrected; then the rest (a question asked in
  // sentences ends here), by one score: BM25F over every field, how much of what the words say
  // their name covers, how much of the name's head the words cover, popularity (ranking.hpp).
  // With explain, each hit also lists the fields the query was found in (slower).
  std::vector<Hit> search(std::string_view query, const Filters& filters = {}, int limit = 20,
                          bool explain = false);
  // The naive baseline for benchmarks: LIKE over the folded text of every row.
  std::vector<std::string> baseline_search(std::string_view query, int limit = 20);

  size_t vocabulary_size() const { return vocab_.size(); }
  // For fitting: the weights apply from the next search, with no rebuild.
  void set_ranking(const Ranking& ranking) { ranking_ = ranking; }

 private:
  struct Candidate {
    int64_t id;
    int tier;  // 0 strong exact, 1 strong fuzzy, 2 other exact, 3 other fuzzy
    double score;
  };
  // What ranking needs of every procedure, kept in memory: SQLite only finds the matches.
  struct Doc {
    std::string name;                          // folded name and alternate names
    std::vector<std::pair<uint32_t, uint32_t>> words;  // offset and length of each word in name
    double popularity = 0;
  };
  const std::vector<std::string_view>& name_words(const Doc& d);
  void collect(const std::vector<QueryTerm>& terms, bool fuzzy, const Filters& f, std::vector<Candidate>& out);
  // The names holding every term, found in memory (tiers 0 and 1 only): for queries of more
  // than one word or of a phrase, whose matches in other text collect_partial ranks.
  void collect_names(const std::vector<QueryTerm>& terms, bool fuzzy, std::vector<Candidate>& out);
  // Ranked as tier 2: corrections are already among the terms it is given; `story` is the
  // whole query when `terms` keeps only its most telling words (else empty).
  void collect_partial(const std::vector<QueryTerm>& terms, const std::vector<QueryTerm>& story, const Filters& f,
                       std::vector<Candidate>& out);
  // BM25F of every procedure holding a term (or a pair of adjacent terms the catalog uses):
  // the best kPartialCap, each with its score as a share of the best one's.
  std::vector<std::pair<int64_t, double>> bm25f(const std::vector<QueryTerm>& terms);
  std::vector<Hit> finish(std::vector<Candidate>& cands, const std::vector<QueryTerm>& terms, int limit,
                          bool explain);
  std::vector<Hit> popular(const Filters& f, int limit);
  // The phrase of the names that the letters of `w` are the initials of ("antt": an ninh trật
  // tự; "csdl": cơ sở dữ liệu), or empty. People write a procedure's terms by their initials;
  // the catalog itself says what they stand for, so no list of them is kept by hand.
  Phrase spelled_by_initials(const std::string& w);
  // Adds that phrase to a term of one word of 4 or 5 letters, without a vowel or with one.
  bool add_initials(QueryTerm& t, bool vowelless);

  db::Db db_;
  Ranking ranking_;
  Vocabulary vocab_;
  PhraseBook book_;
  std::vector<Doc> docs_;  // by rowid
  db::Stmt match_;
  db::Stmt match_filtered_;
  db::Stmt ranked_filtered_;  // bm25 within filters, for questions
  std::unique_ptr<TermWeights> weights_;
  db::Stmt details_;
  db::Stmt columns_;
  db::Stmt popular_;
  std::vector<std::string_view> scratch_;
  // The words of the names, each with the procedures whose name holds it: questions are
  // ranked from here without asking SQLite per keystroke.
  std::unordered_map<std::string, std::vector<uint32_t>> name_postings_;
  // name_postings_'s words, sorted, each with its postings: the words a typed prefix starts.
  using NameWord = std::pair<std::string_view, const std::vector<uint32_t>*>;
  std::vector<NameWord> name_vocab_;
  std::vector<uint8_t> held_;      // per procedure: how many terms its name holds, in collect_names
  std::unique_ptr<FieldedIndex> fielded_;
  // Per procedure, reused by each question: its BM25F so far, and its best form of the term
  // being added (valid where term_stamp_ holds the term's round).
  std::vector<float> bm25_;
  std::vector<float> term_best_;
  std::vector<uint32_t> term_stamp_;
  uint32_t round_ = 0;
  std::unordered_map<std::string, Phrase> initials_;  // spelled_by_initials, remembered
  int initials_passes_left_ = 0;                       // in this search
};

}  // namespace kiosk::search

// Turning what a citizen typed into a safe FTS5 query.
#pragma once
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "search/dictionary.hpp"

namespace kiosk::search {

// One word or known phrase of the query and the forms it may take in the index.
struct QueryTerm {
  std::string text;            // folded, as typed
  std::vector<Phrase> forms;   // as typed first, then variants, synonyms and corrections
  bool prefix = false;         // still being typed: the last word of each form is a prefix
  bool asked = false;          // among the words after one that asks ("muốn …"): what is asked for
};

struct ParsedQuery {
  std::vector<QueryTerm> terms;
  std::string folded;  // the whole query, folded
};

// Whether two adjacent words are a word of the catalog together ("tro giup" of "trợ giúp pháp
// lý"): a filler word ("giúp") is kept when it makes one with its neighbour.
using IsWordPair = std::function<bool(const std::string&, const std::string&)>;

// Any input is accepted: it is folded, so FTS5 syntax cannot survive, and capped in length.
ParsedQuery parse_query(std::string_view raw, const PhraseBook& book, const IsWordPair& is_pair = {});

// Every form is quoted (a phrase when it has several words); prefix terms end in *. Terms are
// ANDed, or ORed when `any`.
std::string to_fts(const std::vector<QueryTerm>& terms, bool any = false);

// How many of `text` words, from `at`, one of the term's forms covers (0 if none).
size_t match_length(const std::vector<std::string_view>& text, size_t at, const QueryTerm& term);

// Splits folded text into its words without copying them (reusing `out`'s storage).
void split_words(std::string_view folded, std::vector<std::string_view>& out);

// A question told as a story ("I am 45, I paid social insurance for 12 years, ...") runs to
// sixty words or more, and what it is about often comes last: beyond these caps, parse_query
// keeps a query's last bytes and words.
inline constexpr size_t kMaxQueryBytes = 1024;
inline constexpr size_t kMaxQueryWords = 64;
// What the searcher ranks by: the most telling of the terms left once question words and filler
// are set aside (the searcher chooses them; parse_query keeps up to kMaxQueryWords).
inline constexpr size_t kMaxQueryTerms = 12;
inline constexpr size_t kMaxWordBytes = 40;
// How many terms after a word that asks ("muốn", "làm thế nào") are what the question asks for.
inline constexpr size_t kAskedTerms = 6;

}  // namespace kiosk::search

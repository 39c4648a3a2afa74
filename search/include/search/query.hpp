// Turning what a citizen typed into a safe FTS5 query.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::search {

// One word of the query and the forms it may take in the index.
struct QueryTerm {
  std::string word;                // folded, as typed
  std::vector<std::string> forms;  // word first, then variants and corrections
  bool prefix = false;             // the word being typed
};

struct ParsedQuery {
  std::vector<QueryTerm> terms;
  std::string folded;  // the whole query, folded
};

// Any input is accepted: it is folded, so FTS5 syntax cannot survive, and capped in length.
ParsedQuery parse_query(std::string_view raw);

// Every form is quoted; prefix terms end in *. Terms are ANDed, or ORed when `any`.
std::string to_fts(const std::vector<QueryTerm>& terms, bool any = false);

inline constexpr size_t kMaxQueryBytes = 512;
inline constexpr size_t kMaxQueryWords = 10;
inline constexpr size_t kMaxWordBytes = 40;

}  // namespace kiosk::search

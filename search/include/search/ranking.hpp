// The weights of question ranking: BM25F over a procedure's fields, with what the name holds,
// the head of the name and popularity as features of one score. Fitted, not chosen by hand:
// `search_eval --fit` searches them on the project's eval and the outside dev questions and
// prints a new fitted_ranking() body (see docs/ARCHITECTURE.md, "Ranking").
#pragma once
#include <array>
#include <string>

namespace kiosk::search {

// The fields of a procedure that BM25F reads, in this order ("field" is the lĩnh vực).
inline constexpr int kFieldCount = 9;
inline constexpr const char* kFieldNames[kFieldCount] = {"name",       "field",    "agencies", "documents", "steps",
                                                         "conditions", "audience", "result",   "legal"};

// Default-constructed, the hand-set weights every fit starts from (never from fitted_ranking():
// weights fitted on every query would leak the held-back folds into their own fit).
struct Ranking {
  // BM25F: a word's count in each field, weighted and normalised by the field's length, summed
  // before saturation (k1); b is the length normalisation, the same for every field.
  std::array<double, kFieldCount> field_weight{3, 1, 0.5, 0.5, 0.5, 1, 0.5, 1, 0.3};
  double k1 = 1.2;
  double b = 0.75;
  double pair = 1.0;  // a pair of adjacent query words the catalog uses together, against one word
  // What a word counts for beyond one when a question says it after asking ("muốn …", "làm thế
  // nào để …"), in BM25F, in the name's coverage and in choosing a story's most telling words.
  double asked = 1.0;
  double weight_if_asked(bool said_after_asking) const { return said_after_asking ? 1 + asked : 1; }
  // The final score of a procedure a question finds: BM25F (as a share of the question's best),
  // the share of the question's weight its name holds, the share of the name's head (first 16
  // words) the question covers, the run of it the question quotes word for word, and popularity
  // (log10 of uses; unknown counts as the median).
  double bm25 = 4.0;
  double coverage = 10.0;
  double head = 4.0;
  double quoted = 4.0;  // the longest run of the name's head the question says word for word
  double popularity = 0.7;

  std::string describe() const;  // one line, "name=3 field=1 … popularity=0.7"
};

// The weights in use, with the date and the figures of their fit.
Ranking fitted_ranking();

}  // namespace kiosk::search

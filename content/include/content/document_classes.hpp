// Telling apart the rows of a published documents table: papers to bring, the cases that decide
// which papers apply, and notes (for officers, or explanations). Rules in docs/content-pack.md.
#pragma once
#include <string>
#include <vector>

#include "content/procedure.hpp"

namespace kiosk::content {

// Sets kind, title, detail, copies, show, group and sure on every row of p.documents and fills
// p.cases. The published fields (name, copies, note, form) are left as they are.
void classify_documents(Procedure& p);

// The copies in plain words: "1 bản chính, 1 bản sao", "Xuất trình bản chính"; empty when the
// table gives none.
std::string copies_in_words(const Document& d);

// A paper's own name; the published row when the pack gave none.
const std::string& paper_title(const Document& d);

// A row's text without its bullet or enumerator ("- ", "+ ", "a) "), for notes and cases.
std::string row_text(const Document& d);

// The papers a citizen brings for the case `group` (-1: every case), in published order.
std::vector<const Document*> papers_for_case(const Procedure& p, int group);

struct ClassCounts {
  int papers = 0, cases = 0, notes = 0, unsure = 0;  // cases: from headings and sections
  int procedures_with_cases = 0, procedures_unsure = 0;
};
void count_classes(const Procedure& p, ClassCounts& into);

}  // namespace kiosk::content

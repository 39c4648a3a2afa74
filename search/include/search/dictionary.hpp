// What citizens type that the procedures' own words do not say: abbreviations, colloquial
// names, spelling variants and number words. All entries are folded (see fold.hpp).
#pragma once
#include <string>
#include <vector>

namespace kiosk::search {

// Groups of interchangeable folded phrases ("gplx", "giay phep lai xe", "bang lai").
const std::vector<std::vector<std::string>>& builtin_synonyms();

// Other spellings of one folded word a citizen may mean: "ki" -> "ky", "1" -> "mot".
std::vector<std::string> spelling_variants(const std::string& word);

}  // namespace kiosk::search

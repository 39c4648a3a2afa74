// Shared by the searcher's files: whether a search is narrowed by the citizen's filters (field,
// level, agency), which live in SQLite, so the in-memory paths cannot serve it. Private.
#pragma once
#include "search/searcher.hpp"

namespace kiosk::search {

inline bool filtered(const Filters& f) { return !f.field.empty() || !f.level.empty() || !f.agency.empty(); }

// bm25's column weights (name, alt_names, field, agencies, documents, details), for questions
// asked within filters, and the filter's SQL (?2 field, ?3 level, ?4 agency).
inline constexpr const char* kBm25 = "bm25(search_fts, 3.0, 3.0, 1.0, 0.5, 1.0, 1.0)";
inline constexpr const char* kFilter =
    " AND (?2 = '' OR p.field = ?2) AND (?3 = '' OR instr(p.levels, ?3) > 0)"
    " AND (?4 = '' OR instr(lower(p.agencies), lower(?4)) > 0)";

}  // namespace kiosk::search

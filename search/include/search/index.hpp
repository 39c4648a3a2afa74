// The full-text index of a catalog, built when a pack is installed.
#pragma once
#include "content/catalog.hpp"

namespace kiosk::search {

// Columns of search_fts, in order; weights are applied at query time.
inline constexpr const char* kColumns[] = {"name", "alt_names", "field", "agencies", "documents", "details"};
inline constexpr int kColumnCount = 6;

// Adds the search_fts table (folded text, one row per procedure, rowid = procedures.id) to a
// catalog being built. Pass it to ContentStore::install.
content::CatalogExtension index_extension();

}  // namespace kiosk::search

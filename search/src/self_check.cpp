#include "search/self_check.hpp"

#include "content/catalog.hpp"
#include "search/searcher.hpp"

namespace kiosk::search {

std::string catalog_self_check(const std::filesystem::path& catalog_db) {
  try {
    content::Catalog catalog(catalog_db);
    const auto top = catalog.most_popular(1);
    if (top.empty()) return "the catalog has no procedures";
    Searcher searcher(catalog_db);
    for (const auto& h : searcher.search(top.front().name, {}, 5, false))
      if (h.code == top.front().code) return "";
    return "search does not find '" + top.front().name + "'";
  } catch (const std::exception& e) {
    return e.what();
  }
}

}  // namespace kiosk::search

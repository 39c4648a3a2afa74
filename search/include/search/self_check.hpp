// Whether an installed catalog serves: it opens, holds procedures, and search finds the most used
// one by its name. Run after a pack is switched in (the fleet's content updates), before it is
// trusted with citizens.
#pragma once
#include <filesystem>
#include <string>

namespace kiosk::search {

// Empty when the catalog serves; otherwise why not, for the log.
std::string catalog_self_check(const std::filesystem::path& catalog_db);

}  // namespace kiosk::search

// A hash map keyed by strings that is looked up by string_view, without building a string per
// lookup: the index reads every word of the catalog at start-up. Private to the search library.
#pragma once
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace kiosk::search {

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};

template <class Value>
using StringMap = std::unordered_map<std::string, Value, StringHash, std::equal_to<>>;

}  // namespace kiosk::search

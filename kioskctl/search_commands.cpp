#include <sstream>

#include "commands.hpp"
#include "content/store.hpp"
#include "search/searcher.hpp"

namespace kioskctl {

using nlohmann::json;

namespace {

// "Đăng ký [kết hôn]": the highlighted ranges in brackets, for a terminal.
std::string bracket(const kiosk::search::Hit& h) {
  std::string out;
  size_t at = 0;
  for (const auto& [b, e] : h.highlights) {
    out += h.name.substr(at, b - at) + "[" + h.name.substr(b, e - b) + "]";
    at = e;
  }
  return out + h.name.substr(at);
}

}  // namespace

void register_search_commands(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("search", "Search procedures as the kiosk does");
  auto query = std::make_shared<std::string>();
  auto store = std::make_shared<std::string>(kDefaultStore);
  auto limit = std::make_shared<int>(10);
  auto filters = std::make_shared<kiosk::search::Filters>();
  cmd->add_option("QUERY", *query, "What a citizen would type")->required();
  cmd->add_option("--store", *store, "Content store directory");
  cmd->add_option("--limit", *limit, "How many results")->check(CLI::Range(1, 200));
  cmd->add_option("--field", filters->field, "Only this field (lĩnh vực)");
  cmd->add_option("--level", filters->level, "Only this level (Cấp tỉnh, Cấp xã, Cấp bộ)");
  cmd->add_option("--agency", filters->agency, "Only agencies whose name contains this");
  cmd->fallthrough();
  cmd->callback([&action, query, store, limit, filters] {
    action = [=] {
      kiosk::content::ContentStore s(*store);
      kiosk::search::Searcher searcher(s.current_catalog());
      auto hits = searcher.search(*query, *filters, *limit, true);
      json arr = json::array();
      std::ostringstream t;
      int rank = 0;
      for (const auto& h : hits) {
        json hl = json::array();
        for (const auto& [b, e] : h.highlights) hl.push_back({b, e});
        arr.push_back({{"code", h.code},
                       {"name", h.name},
                       {"score", h.score},
                       {"field", h.field},
                       {"agencies", h.agencies},
                       {"levels", h.levels},
                       {"fuzzy", h.fuzzy},
                       {"matched_fields", h.matched_fields},
                       {"highlights", hl}});
        t << ++rank << ". " << h.code << "  " << bracket(h) << (h.fuzzy ? "  (gần đúng)" : "") << "\n";
      }
      if (hits.empty()) t << "Không tìm thấy thủ tục phù hợp.\n";
      return Output{t.str(), arr};
    };
  });
}

}  // namespace kioskctl

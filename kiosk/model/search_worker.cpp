#include "model/search_worker.hpp"

#include <optional>

namespace kiosk::app {

std::unique_ptr<SearchWorker> make_search_worker(std::filesystem::path catalog, std::function<void()> notify) {
  auto setup = [catalog](std::stop_token stop) -> SearchWorker::Job {
    // The searcher (and its SQLite connection) lives on the worker thread only.
    auto searcher = std::make_shared<std::optional<search::Searcher>>();
    std::string open_error;
    try {
      searcher->emplace(catalog, search::fitted_ranking(), stop);
    } catch (const std::exception& e) {
      open_error = e.what();
    }
    return [searcher, open_error](const SearchRequest& r) {
      SearchResult out;
      if (!*searcher) {
        out.error = open_error;
        return out;
      }
      try {
        out.hits = (*searcher)->search(r.query, r.filters, 30);
      } catch (const std::exception& e) {
        out.error = e.what();
      }
      return out;
    };
  };
  return std::make_unique<SearchWorker>(std::move(setup), std::move(notify));
}

bool same_request(const SearchRequest& a, const SearchRequest& b) {
  return a.query == b.query && a.filters.level == b.filters.level && a.filters.field == b.filters.field &&
         a.filters.agency == b.filters.agency;
}

}  // namespace kiosk::app

// Searches off the UI thread: the newest keystroke's query wins.
#pragma once
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "model/latest_worker.hpp"
#include "search/searcher.hpp"

namespace kiosk::app {

struct SearchRequest {
  std::string query;
  search::Filters filters;
};

struct SearchResult {
  std::vector<search::Hit> hits;
  std::string error;  // set when the search failed: the UI says so, the log says why
};

using SearchWorker = LatestWorker<SearchRequest, SearchResult>;

// A worker with its own Searcher over `catalog`, opened on the worker thread.
std::unique_ptr<SearchWorker> make_search_worker(std::filesystem::path catalog, std::function<void()> notify);

bool same_request(const SearchRequest& a, const SearchRequest& b);

}  // namespace kiosk::app

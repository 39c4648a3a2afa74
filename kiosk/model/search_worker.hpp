// Runs searches off the UI thread. The newest request wins: keys typed while a search runs
// replace the waiting request instead of queueing behind it.
#pragma once
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "search/searcher.hpp"

namespace kiosk::app {

struct SearchResult {
  std::string query;
  search::Filters filters;
  std::vector<search::Hit> hits;
  std::string error;  // set when the search failed; the UI shows a message
};

class SearchWorker {
 public:
  // `notify` is called from the worker thread when a result is ready (wake the UI loop).
  SearchWorker(std::filesystem::path catalog, std::function<void()> notify);
  ~SearchWorker();
  SearchWorker(const SearchWorker&) = delete;
  SearchWorker& operator=(const SearchWorker&) = delete;

  void request(const std::string& query, const search::Filters& filters);
  std::optional<SearchResult> take();
  bool busy() const;

 private:
  void run();

  std::filesystem::path catalog_;
  std::function<void()> notify_;
  mutable std::mutex mutex_;
  std::condition_variable cv_;
  std::optional<std::pair<std::string, search::Filters>> pending_;
  std::optional<SearchResult> done_;
  bool running_ = false;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace kiosk::app

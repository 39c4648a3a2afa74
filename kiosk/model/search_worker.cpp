#include "model/search_worker.hpp"

namespace kiosk::app {

SearchWorker::SearchWorker(std::filesystem::path catalog, std::function<void()> notify)
    : catalog_(std::move(catalog)), notify_(std::move(notify)), thread_([this] { run(); }) {}

SearchWorker::~SearchWorker() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void SearchWorker::request(const std::string& query, const search::Filters& filters) {
  {
    std::lock_guard lock(mutex_);
    pending_ = std::make_pair(query, filters);
  }
  cv_.notify_all();
}

std::optional<SearchResult> SearchWorker::take() {
  std::lock_guard lock(mutex_);
  auto out = std::move(done_);
  done_.reset();
  return out;
}

bool SearchWorker::busy() const {
  std::lock_guard lock(mutex_);
  return running_ || pending_.has_value();
}

void SearchWorker::run() {
  // The searcher (and its SQLite connection) lives on this thread only.
  std::optional<search::Searcher> searcher;
  std::string open_error;
  try {
    searcher.emplace(catalog_);
  } catch (const std::exception& e) {
    open_error = e.what();
  }
  while (true) {
    std::pair<std::string, search::Filters> job;
    {
      std::unique_lock lock(mutex_);
      cv_.wait(lock, [this] { return stop_ || pending_.has_value(); });
      if (stop_) return;
      job = std::move(*pending_);
      pending_.reset();
      running_ = true;
    }
    SearchResult r{job.first, job.second, {}, open_error};
    if (searcher) {
      try {
        r.hits = searcher->search(job.first, job.second, 30);
      } catch (const std::exception& e) {
        r.error = e.what();
      }
    }
    {
      std::lock_guard lock(mutex_);
      done_ = std::move(r);
      running_ = false;
    }
    notify_();
  }
}

}  // namespace kiosk::app

// The kiosk's rating uploader: one thread delivering the ratings' outbox to the backend every
// `interval_seconds`, or at once when poked after a rating; for days offline if need be.
#pragma once
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "common/http.hpp"
#include "common/log.hpp"

namespace kiosk::rating {

struct UploaderOptions {
  std::string backend;
  std::vector<std::string> headers;  // the bearer token; never logged
  http::Options http;
  int interval_seconds = 30;
};

class Uploader {
 public:
  Uploader(std::filesystem::path state_db, UploaderOptions o, Logger& log);
  ~Uploader();
  Uploader(const Uploader&) = delete;
  Uploader& operator=(const Uploader&) = delete;

  void poke();  // a rating was just recorded

 private:
  void run();
  std::filesystem::path db_;
  UploaderOptions opt_;
  Logger& log_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false, poked_ = false;
  std::thread thread_;
};

}  // namespace kiosk::rating

// One background thread for requests where only the newest matters (a search per keystroke, a
// dossier lookup, later the payment poller): a request made while another waits replaces it,
// answers are taken by the UI loop with the id of the request they answer, and every finished
// answer wakes the loop. The job runs on the worker thread only; `setup` builds it there, so a
// job may own thread-bound resources (a SQLite connection). A slow setup (the search index of a
// large catalog) is told to stop through its stop_token when the worker is destroyed, so a
// kiosk asked to stop does not wait for it; the worker counts as busy until its setup is done.
#pragma once
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <stop_token>
#include <thread>
#include <utility>

namespace kiosk::app {

template <typename Request, typename Result>
class LatestWorker {
 public:
  using Job = std::function<Result(const Request&)>;
  struct Answer {
    uint64_t id;
    Request request;
    Result result;
  };

  LatestWorker(std::function<Job(std::stop_token)> setup, std::function<void()> notify)
      : setup_(std::move(setup)), notify_(std::move(notify)), thread_([this](std::stop_token stop) { run(stop); }) {}
  ~LatestWorker() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    thread_.request_stop();
    cv_.notify_all();
    thread_.join();
  }
  LatestWorker(const LatestWorker&) = delete;
  LatestWorker& operator=(const LatestWorker&) = delete;

  // Replaces a request still waiting; returns the id its answer will carry.
  uint64_t request(Request r) {
    uint64_t id;
    {
      std::lock_guard lock(mu_);
      id = next_++;
      pending_.emplace(id, std::move(r));
    }
    cv_.notify_all();
    return id;
  }

  // The newest finished answer, once.
  std::optional<Answer> take() {
    std::lock_guard lock(mu_);
    auto out = std::move(done_);
    done_.reset();
    return out;
  }

  bool busy() const {
    std::lock_guard lock(mu_);
    return running_ || pending_.has_value();
  }

 private:
  void run(std::stop_token stop) {
    Job job = setup_(stop);
    {
      std::lock_guard lock(mu_);
      running_ = false;
    }
    for (;;) {
      std::pair<uint64_t, Request> r;
      {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [this] { return stop_ || pending_.has_value(); });
        if (stop_) return;
        r = std::move(*pending_);
        pending_.reset();
        running_ = true;
      }
      Result result = job(r.second);
      {
        std::lock_guard lock(mu_);
        done_.emplace(Answer{r.first, std::move(r.second), std::move(result)});
        running_ = false;
      }
      if (notify_) notify_();
    }
  }

  std::function<Job(std::stop_token)> setup_;
  std::function<void()> notify_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  uint64_t next_ = 1;
  std::optional<std::pair<uint64_t, Request>> pending_;
  std::optional<Answer> done_;
  bool running_ = true;  // the setup runs first
  bool stop_ = false;
  std::jthread thread_;  // last: started once everything above exists
};

}  // namespace kiosk::app

#include "platform/stop_signals.hpp"

#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

namespace kiosk::platform {

namespace {

sigset_t stop_set() {
  sigset_t s;
  sigemptyset(&s);
  sigaddset(&s, SIGTERM);
  sigaddset(&s, SIGINT);
  return s;
}

}  // namespace

StopSignals::StopSignals() {
  const sigset_t set = stop_set();
  if (const int rc = pthread_sigmask(SIG_BLOCK, &set, nullptr); rc != 0)
    throw std::runtime_error(std::string("cannot block SIGTERM and SIGINT: ") + std::strerror(rc));
  signal_fd_ = signalfd(-1, &set, SFD_CLOEXEC);
  stop_fd_ = eventfd(0, EFD_CLOEXEC);
  if (signal_fd_ < 0 || stop_fd_ < 0) {
    const int err = errno;
    if (signal_fd_ >= 0) close(signal_fd_);
    if (stop_fd_ >= 0) close(stop_fd_);
    throw std::runtime_error(std::string("cannot watch SIGTERM and SIGINT: ") + std::strerror(err));
  }
}

StopSignals::~StopSignals() {
  if (watcher_.joinable()) {
    const uint64_t one = 1;
    // An eventfd write of 8 bytes cannot be short; a failure leaves nothing better to do.
    [[maybe_unused]] const ssize_t n = write(stop_fd_, &one, sizeof one);
    watcher_.join();
  }
  close(signal_fd_);
  close(stop_fd_);
}

void StopSignals::watch(std::function<void()> wake) {
  if (watcher_.joinable()) return;
  wake_ = std::move(wake);
  watcher_ = std::thread([this] { run(); });
}

void StopSignals::run() {
  pollfd fds[2] = {{signal_fd_, POLLIN, 0}, {stop_fd_, POLLIN, 0}};
  for (;;) {
    if (poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      return;
    }
    if (fds[1].revents) return;
    if (!(fds[0].revents & POLLIN)) continue;
    signalfd_siginfo info{};
    if (read(signal_fd_, &info, sizeof info) != static_cast<ssize_t>(sizeof info)) continue;
    // The first signal is the one that counts; a second one (an impatient ^C) changes nothing.
    int none = 0;
    received_.compare_exchange_strong(none, static_cast<int>(info.ssi_signo));
    if (wake_) wake_();
  }
}

}  // namespace kiosk::platform

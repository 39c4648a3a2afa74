#include "dossier/scanner_inputs.hpp"

#include <fcntl.h>
#include <poll.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "common/secret.hpp"

namespace kiosk::dossier {

// Every key waits in the buffer until it is known what it is: a pause longer than a scanner ever
// leaves means what is buffered was a person typing. A pause never leaves the detector in a
// "person" mode of its own: the next burst is judged afresh, so a slip scanned after someone
// typed is still a scan.
std::string WedgeDetector::key(const std::string& ch, Clock::time_point t) {
  std::string typed;
  if (!buffer_.empty() && t - last_ > opt_.max_gap) typed = take();
  buffer_ += ch;
  last_ = t;
  return typed;
}

WedgeDetector::Result WedgeDetector::enter(Clock::time_point t) {
  Result r;
  const bool burst = buffer_.size() >= opt_.min_length && t - last_ <= opt_.max_gap;
  if (burst)
    r.scan = take();
  else
    r.typed = take();
  return r;
}

std::string WedgeDetector::flush(Clock::time_point t) {
  if (buffer_.empty() || t - last_ <= opt_.max_gap) return {};
  return take();
}

// A scan may carry the owner's id number: the buffer is wiped, not just emptied.
std::string WedgeDetector::take() {
  std::string out = buffer_;
  wipe_string(buffer_);
  return out;
}

SerialScanner::SerialScanner(const std::filesystem::path& device, std::function<void(std::string)> on_scan)
    : on_scan_(std::move(on_scan)) {
  fd_ = ::open(device.c_str(), O_RDONLY | O_NOCTTY | O_CLOEXEC);
  if (fd_ < 0) throw std::runtime_error("cannot open the scanner " + device.string() + ": " + std::strerror(errno));
  termios tio{};
  if (tcgetattr(fd_, &tio) == 0) {
    cfmakeraw(&tio);
    cfsetispeed(&tio, B9600);  // CDC devices ignore it; serial scanners default to 9600 8N1
    tcsetattr(fd_, TCSANOW, &tio);
  }
  if (::pipe2(stop_pipe_, O_CLOEXEC) != 0) {
    ::close(fd_);
    throw std::runtime_error("cannot create the scanner's stop pipe");
  }
  thread_ = std::thread([this] { run(); });
}

SerialScanner::~SerialScanner() {
  const char b = 1;
  [[maybe_unused]] auto n = ::write(stop_pipe_[1], &b, 1);
  thread_.join();
  ::close(fd_);
  ::close(stop_pipe_[0]);
  ::close(stop_pipe_[1]);
}

void SerialScanner::run() {
  std::string line;
  bool dropping = false;
  char buf[512];
  while (true) {
    pollfd fds[2] = {{fd_, POLLIN, 0}, {stop_pipe_[0], POLLIN, 0}};
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      return;
    }
    if (fds[1].revents) return;
    if (fds[0].revents & (POLLHUP | POLLERR | POLLNVAL)) {
      // The scanner was unplugged (or the pty closed); wait for the stop request.
      ::poll(&fds[1], 1, -1);
      return;
    }
    const ssize_t n = ::read(fd_, buf, sizeof buf);
    if (n <= 0) continue;
    for (ssize_t i = 0; i < n; ++i) {
      const char c = buf[i];
      if (c == '\r' || c == '\n') {
        if (!line.empty() && !dropping) on_scan_(line);
        line.clear();
        dropping = false;
      } else if (line.size() >= kMaxLine) {
        dropping = true;
        line.clear();
      } else if (!dropping) {
        line += c;
      }
    }
  }
}

}  // namespace kiosk::dossier

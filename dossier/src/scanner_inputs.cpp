#include "dossier/scanner_inputs.hpp"

#include <fcntl.h>
#include <poll.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "common/secret.hpp"
#include "dossier/slip_payload.hpp"

namespace kiosk::dossier {

// Every key waits in the buffer until it is known what it is: a pause longer than a scanner ever
// leaves means what is buffered was a person typing. A pause never leaves the detector in a
// "person" mode of its own: the next burst is judged afresh, so a slip scanned after someone
// typed is still a scan.
std::chrono::steady_clock::duration WedgeDetector::gap_since_last(Clock::time_point t) const {
  return std::max(t - last_, std::chrono::steady_clock::duration::zero());
}

std::string WedgeDetector::key(const std::string& ch, Clock::time_point t) {
  std::string typed;
  if (!buffer_.empty() && gap_since_last(t) > opt_.max_gap) typed = take(t);
  if (buffer_.empty()) first_ = t;
  ++keys_;
  buffer_ += ch;
  last_ = std::max(last_, t);
  return typed;
}

WedgeDetector::Result WedgeDetector::enter(Clock::time_point t) {
  Result r;
  const bool fast_end = !buffer_.empty() && gap_since_last(t) <= opt_.max_gap;
  if (fast_end) {
    // The burst may have lost its head to a pause that was no pause: what was released just
    // before it, with no gap longer than a frame, is tried with it, longest first.
    std::string head;
    Clock::time_point next_first = first_;
    size_t from = released_.size();
    while (from > 0) {
      const Released& p = released_[from - 1];
      // A person's keys come out one at a time; a burst's head comes out as several at once.
      if (next_first - p.last > opt_.reclaim_gap || p.keys < 2) break;
      next_first = p.first;
      --from;
    }
    for (size_t i = from; i < released_.size(); ++i) head += released_[i].text;
    const std::string whole = head + buffer_;
    for (size_t cut = 0; cut < head.size(); ++cut) {
      if ((static_cast<unsigned char>(head[cut]) & 0xC0) == 0x80) continue;  // a character's start only
      const std::string candidate = whole.substr(cut);
      if (std::holds_alternative<SlipPayload>(parse_slip(candidate))) {
        r.scan = candidate;
        r.reclaimed = head.size() - cut;
        wipe_string(buffer_);
        keys_ = 0;
        for (auto& p : released_) wipe_string(p.text);
        released_.clear();
        return r;
      }
    }
  }
  if (fast_end && buffer_.size() >= opt_.min_length) {
    r.scan = buffer_;
    wipe_string(buffer_);
    keys_ = 0;
  } else {
    r.typed = take(t);
  }
  return r;
}

std::string WedgeDetector::flush(Clock::time_point t) {
  if (buffer_.empty() || gap_since_last(t) <= opt_.max_gap) return {};
  return take(t);
}

// Released as typing, and remembered for a moment (see enter). A scan may carry the owner's id
// number: the buffer is wiped, not just emptied, and so is what is remembered once it is old.
std::string WedgeDetector::take(Clock::time_point t) {
  std::string out = buffer_;
  released_.push_back({buffer_, first_, last_, keys_});
  wipe_string(buffer_);
  keys_ = 0;
  size_t keep = released_.size(), bytes = 0;
  while (keep > 0 && t - released_[keep - 1].last <= 10 * opt_.reclaim_gap && bytes + released_[keep - 1].text.size() <= 4096)
    bytes += released_[--keep].text.size();
  for (size_t i = 0; i < keep; ++i) wipe_string(released_[i].text);
  released_.erase(released_.begin(), released_.begin() + static_cast<std::ptrdiff_t>(keep));
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

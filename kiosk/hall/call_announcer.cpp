#include "hall/call_announcer.hpp"

#include "hall/hall_board.hpp"

namespace kiosk::hall {

void CallAnnouncer::add(const queue::Call& c) {
  queue_.push_back(call_sentence(c));
  tick();
}

bool CallAnnouncer::tick() {
  if (!speaker_) {
    queue_.clear();
    return false;
  }
  if (saying_ && speaker_->reading()) return true;
  saying_ = false;
  if (queue_.empty()) return false;
  const std::string s = std::move(queue_.front());
  queue_.pop_front();
  speaker_->read({s, s}, 0, voice_);
  saying_ = true;
  // The log speaker keeps "reading" until stopped: it has already written both sentences.
  if (log_only_) {
    speaker_->stop();
    saying_ = false;
  }
  return !queue_.empty() || saying_;
}

}  // namespace kiosk::hall

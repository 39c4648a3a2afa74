#include "hall/call_announcer.hpp"

#include "hall/hall_board.hpp"

namespace kiosk::hall {

void CallAnnouncer::add(const queue::Call& c) {
  queue_.push_back(call_sentence(c));
  tick();
}

void CallAnnouncer::add_test_call() {
  queue_.push_back(test_call_sentence());
  tick();
}

bool CallAnnouncer::tick() {
  if (!speaker_) {
    queue_.clear();
    return false;
  }
  if (saying_ && speaker_->reading()) return true;
  if (saying_ && !keep_record_) speaker_->forget();
  saying_ = false;
  if (queue_.empty()) return false;
  const std::string s = std::move(queue_.front());
  queue_.pop_front();
  speaker_->read({speech::kChime, s, s}, 0, voice_);
  sentences_ += 3;
  saying_ = true;
  // The log speaker keeps "reading" until stopped: it has already written both sentences.
  if (log_only_) {
    speaker_->stop();
    if (!keep_record_) speaker_->forget();
    saying_ = false;
  }
  return !queue_.empty() || saying_;
}

}  // namespace kiosk::hall

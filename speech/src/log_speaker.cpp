#include "speech/speaker.hpp"

namespace kiosk::speech {

namespace {

class LogSpeaker final : public Speaker {
 public:
  void read(std::vector<std::string> sentences, size_t from, Voice) override {
    if (from >= sentences.size()) return stop();
    for (size_t i = from; i < sentences.size(); ++i) log_.push_back(sentences[i]);
    current_ = from;
    paused_ = false;
  }
  void stop() override {
    current_.reset();
    paused_ = false;
  }
  void pause(bool p) override { paused_ = current_ && p; }
  std::optional<size_t> current() const override { return current_; }
  bool reading() const override { return current_.has_value(); }
  bool paused() const override { return paused_; }
  std::vector<std::string> spoken() const override { return log_; }
  void forget() override {
    stop();
    log_.clear();
  }
  std::string problem() const override { return {}; }
  std::optional<std::chrono::microseconds> first_sound() const override { return std::nullopt; }

 private:
  std::vector<std::string> log_;
  std::optional<size_t> current_;
  bool paused_ = false;
};

}  // namespace

std::unique_ptr<Speaker> make_log_speaker() { return std::make_unique<LogSpeaker>(); }

}  // namespace kiosk::speech

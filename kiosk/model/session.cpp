#include "model/session.hpp"

namespace kiosk::app {

bool Session::touch(Clock::time_point now) {
  last_touch_ = now;
  if (prompt_) {
    prompt_ = false;
    return true;
  }
  if (screen_ == Screen::Attract) {
    screen_ = Screen::Home;
    return true;
  }
  return false;
}

bool Session::tick(Clock::time_point now) {
  if (last_touch_ == Clock::time_point{}) last_touch_ = now;
  const auto idle = now - last_touch_;
  if (screen_ == Screen::Attract) return false;
  if (screen_ == Screen::Home && !prompt_) {
    // Nothing personal on Home: no prompt, just the attract screen after a while.
    if (idle >= timeouts_.attract) {
      wipe();
      return true;
    }
    return false;
  }
  if (!prompt_ && idle >= timeouts_.idle) {
    prompt_ = true;
    prompt_since_ = now;
    return true;
  }
  if (prompt_ && now - prompt_since_ >= timeouts_.countdown) {
    wipe();
    return true;
  }
  return false;
}

std::optional<Clock::time_point> Session::next_deadline(Clock::time_point now) const {
  if (screen_ == Screen::Attract) return std::nullopt;
  // While the prompt counts down, wake every second to show the number.
  if (prompt_) return prompt_since_ + std::chrono::seconds((now - prompt_since_) / std::chrono::seconds(1) + 1);
  if (screen_ == Screen::Home) return last_touch_ + timeouts_.attract;
  return last_touch_ + timeouts_.idle;
}

int Session::countdown_seconds(Clock::time_point now) const {
  if (!prompt_) return 0;
  auto left = timeouts_.countdown - (now - prompt_since_);
  return std::max(0, static_cast<int>(std::chrono::ceil<std::chrono::seconds>(left).count()));
}

void Session::go(Screen s) {
  if (s == screen_) return;
  if (s == Screen::Home) {
    history_.clear();
  } else {
    history_.push_back(screen_);
  }
  screen_ = s;
}

void Session::back() {
  if (history_.empty()) {
    screen_ = Screen::Home;
    return;
  }
  screen_ = history_.back();
  history_.pop_back();
}

void Session::open_procedure(const std::string& code) {
  procedure_code_ = code;
  go(Screen::Procedure);
}

void Session::wipe() {
  ++generation_;
  dossier_ = {};
  composer_.clear();
  composer_.set_telex(true);
  filters_ = {};
  procedure_code_.clear();
  results_.clear();
  results_query_.reset();
  history_.clear();
  prompt_ = false;
  language = Language::Vi;
  large_text = false;
  numeric_keypad = false;
  screen_ = Screen::Attract;
}

void Session::set_results(const std::string& for_query, std::vector<search::Hit> hits) {
  results_query_ = for_query;
  results_ = std::move(hits);
}

}  // namespace kiosk::app

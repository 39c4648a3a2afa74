#include "model/session.hpp"

#include "model/secure_zero.hpp"

namespace kiosk::app {

namespace {

template <typename T>
concept Scrubbable = requires(T t) { t.scrub(); };

}  // namespace

bool SearchSlice::empty() const {
  return composer.text().empty() && composer.telex() && filters.field.empty() && filters.level.empty() &&
         filters.agency.empty() && results.empty() && !results_query && !failed && !asked && first_asked == 0 && asked_id == 0 && !keyboard_hidden &&
         !numeric_keypad && !field_picker;
}

void SearchSlice::scrub() {
  std::string t = composer.text();
  composer.set_text({});
  secure_clear(t);
  if (results_query) secure_clear(*results_query);
  if (asked) secure_clear(asked->query);
}

void StaffSlice::scrub() { secure_clear(pin); }

bool RatingSlice::empty() const {
  return stage == Stage::Counter && counter.empty() && !officer && counter_name.empty() && agency.empty() && dossier.empty() && !level &&
         reason.empty() && comment.text().empty() && comment.telex() && !typing && !numeric_keys && survey_step == 0 && survey.empty() &&
         !refusal && rated.empty() && last_id.empty() && !home_at && roster_asked == 0 && !on_duty;
}

void RatingSlice::scrub() {
  std::string t = comment.text();
  comment.set_text({});
  secure_clear(t);
}

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
  // The thank-you after a rating goes home by itself (who was rated is kept for the session).
  if (auto& at = rating().home_at; at && now >= *at) {
    at.reset();
    if (screen_ == Screen::Rating) home();
    return true;
  }
  if (screen_ == Screen::Home && !prompt_) {
    // Nothing personal on Home: no prompt, just the attract screen after a while.
    if (idle >= timeouts_.attract) {
      wipe();
      return true;
    }
    return false;
  }
  // A payment code on screen: the citizen is at their phone; the prompt waits for its expiry.
  const auto& hold = payment().hold_until;
  if (!prompt_ && idle >= timeouts_.idle && (!hold || now >= *hold)) {
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
  if (const auto& at = rating().home_at; at) return std::min(*at, last_touch_ + timeouts_.idle);
  // A payment code's time left is counted down on screen, second by second.
  const auto& hold = payment().hold_until;
  if (hold && now < *hold) return std::min(*hold, now + std::chrono::seconds(1));
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
  if (procedure().code != code) {
    procedure().case_index = -1;
    procedure().notes_open = false;
  }
  procedure().code = code;
  go(Screen::Procedure);
}

void Session::wipe() {
  ++generation_;
  std::apply(
      [](auto&... slice) {
        auto reset = [](auto& s) {
          if constexpr (Scrubbable<decltype(s)>) s.scrub();
          s = std::remove_reference_t<decltype(s)>{};
        };
        (reset(slice), ...);
      },
      slices_);
  history_.clear();
  prompt_ = false;
  screen_ = Screen::Attract;
}

bool Session::blank() const {
  return std::apply([](const auto&... slice) { return (slice.empty() && ...); }, slices_);
}

void Session::set_results(const std::string& for_query, std::vector<search::Hit> hits, bool failed) {
  search().results_query = for_query;
  search().results = std::move(hits);
  search().failed = failed;
}

}  // namespace kiosk::app

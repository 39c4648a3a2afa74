// The kiosk's application state: which screen, what was typed, what is shown, and the idle clock.
// No SDL or ImGui here: the UI draws this state and reports touches back to it.
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "content/procedure.hpp"
#include "model/dossier_lookup.hpp"
#include "model/telex.hpp"
#include "search/searcher.hpp"

namespace kiosk::app {

enum class Screen { Attract, Home, Search, Procedure, Staff, Dossier };
enum class Language { Vi, En };

using Clock = std::chrono::steady_clock;

struct SessionTimeouts {
  std::chrono::seconds idle{60};       // untouched this long: ask "are you still there?"
  std::chrono::seconds countdown{10};  // then this long before everything is wiped
  std::chrono::seconds attract{120};   // idle on Home this long: show the attract screen
};

class Session {
 public:
  explicit Session(SessionTimeouts t = {}) : timeouts_(t) {}

  // Every touch, key or scan. Returns true when it only dismissed the idle prompt or attract screen.
  bool touch(Clock::time_point now);
  // Advances timers; returns true when the visible state changed (prompt shown, session wiped).
  bool tick(Clock::time_point now);
  // When the UI must next wake up for the timers, if ever.
  std::optional<Clock::time_point> next_deadline(Clock::time_point now) const;

  void go(Screen s);
  void back();
  void home() { go(Screen::Home); }
  void open_procedure(const std::string& code);

  // Wipes everything a citizen entered or saw: query, results, procedure, filters, language.
  void wipe();

  Screen screen() const { return screen_; }
  bool idle_prompt() const { return prompt_; }
  int countdown_seconds(Clock::time_point now) const;

  TelexComposer& composer() { return composer_; }
  const std::string& query() const { return composer_.text(); }
  search::Filters& filters() { return filters_; }
  const search::Filters& filters() const { return filters_; }
  const std::string& procedure_code() const { return procedure_code_; }

  // Search results arrive from a worker, tagged with the query they answer.
  void set_results(const std::string& for_query, std::vector<search::Hit> hits);
  const std::vector<search::Hit>& results() const { return results_; }
  bool results_current() const { return results_query_ && *results_query_ == composer_.text(); }

  Language language = Language::Vi;
  bool large_text = false;
  bool numeric_keypad = false;

  DossierLookup& dossier() { return dossier_; }
  const DossierLookup& dossier() const { return dossier_; }

  // Changes on every wipe: what the UI keeps for one citizen (print tickets) is dropped with it.
  int generation() const { return generation_; }

 private:
  int generation_ = 0;
  DossierLookup dossier_;
  SessionTimeouts timeouts_;
  Screen screen_ = Screen::Attract;
  std::vector<Screen> history_;
  bool prompt_ = false;
  Clock::time_point last_touch_{};
  Clock::time_point prompt_since_{};
  TelexComposer composer_;
  search::Filters filters_;
  std::string procedure_code_;
  std::vector<search::Hit> results_;
  std::optional<std::string> results_query_;  // the query the shown results answer
};

}  // namespace kiosk::app

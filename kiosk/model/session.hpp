// The kiosk's application state: which screen, the idle clock, and one citizen's data in slices
// (slices.hpp). No SDL or ImGui here: the UI draws this state and reports touches back to it.
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "model/session_timeouts.hpp"
#include "model/slices.hpp"

namespace kiosk::app {

class Session {
 public:
  // Every slice of a citizen's data. Add a slice here and wipe() resets it; the session test
  // counts them, so it must be taught to fill the new one.
  using Slices = std::tuple<SearchSlice, ProcedureSlice, DossierLookup, PrintSlice, StaffSlice, PaymentSlice, RatingSlice,
                            Preferences, ReadingSlice, QueueSlice>;

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

  // Zeroes what was secret, resets every slice, and shows the attract screen.
  void wipe();
  // True when every slice is empty (what wipe() leaves).
  bool blank() const;

  Screen screen() const { return screen_; }
  bool idle_prompt() const { return prompt_; }
  int countdown_seconds(Clock::time_point now) const;

  SearchSlice& search() { return std::get<SearchSlice>(slices_); }
  const SearchSlice& search() const { return std::get<SearchSlice>(slices_); }
  ProcedureSlice& procedure() { return std::get<ProcedureSlice>(slices_); }
  const ProcedureSlice& procedure() const { return std::get<ProcedureSlice>(slices_); }
  DossierLookup& dossier() { return std::get<DossierLookup>(slices_); }
  const DossierLookup& dossier() const { return std::get<DossierLookup>(slices_); }
  PrintSlice& print() { return std::get<PrintSlice>(slices_); }
  const PrintSlice& print() const { return std::get<PrintSlice>(slices_); }
  RatingSlice& rating() { return std::get<RatingSlice>(slices_); }
  const RatingSlice& rating() const { return std::get<RatingSlice>(slices_); }
  PaymentSlice& payment() { return std::get<PaymentSlice>(slices_); }
  const PaymentSlice& payment() const { return std::get<PaymentSlice>(slices_); }
  StaffSlice& staff() { return std::get<StaffSlice>(slices_); }
  const StaffSlice& staff() const { return std::get<StaffSlice>(slices_); }
  ReadingSlice& reading() { return std::get<ReadingSlice>(slices_); }
  const ReadingSlice& reading() const { return std::get<ReadingSlice>(slices_); }
  QueueSlice& queue() { return std::get<QueueSlice>(slices_); }
  const QueueSlice& queue() const { return std::get<QueueSlice>(slices_); }
  Preferences& prefs() { return std::get<Preferences>(slices_); }
  const Preferences& prefs() const { return std::get<Preferences>(slices_); }
  Slices& slices() { return slices_; }

  // Shortcuts for the search slice.
  TelexComposer& composer() { return search().composer; }
  const std::string& query() const { return search().composer.text(); }
  search::Filters& filters() { return search().filters; }
  const search::Filters& filters() const { return search().filters; }
  const std::string& procedure_code() const { return procedure().code; }
  Language language() const { return prefs().language; }
  bool large_text() const { return prefs().text_size > 0; }
  int text_size() const { return prefs().text_size; }

  // Search results arrive from a worker, tagged with the query they answer.
  void set_results(const std::string& for_query, std::vector<search::Hit> hits, bool failed = false);
  const std::vector<search::Hit>& results() const { return search().results; }
  bool results_current() const { return search().results_query && *search().results_query == query(); }

  // The fleet may change the idle time (an override); it counts from the next touch.
  void set_timeouts(SessionTimeouts t) { timeouts_ = t; }
  // Changes on every wipe: work started for one citizen (a lookup, a print) is dropped with it.
  int generation() const { return generation_; }

 private:
  int generation_ = 0;
  Slices slices_;
  SessionTimeouts timeouts_;
  Screen screen_ = Screen::Attract;
  std::vector<Screen> history_;
  bool prompt_ = false;
  Clock::time_point last_touch_{};
  Clock::time_point prompt_since_{};
};

}  // namespace kiosk::app

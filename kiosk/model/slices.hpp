// A citizen's session, in slices: everything one citizen typed, saw or chose lives in exactly
// one of these. The Session holds them in one tuple and its wipe() resets each to its empty
// value, so a slice added to that tuple is wiped by construction.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "content/procedure.hpp"
#include "content/rating_setup.hpp"
#include "model/dossier_lookup.hpp"
#include "model/health_check.hpp"
#include "model/language.hpp"
#include "model/screen_id.hpp"
#include "model/search_worker.hpp"
#include "model/telex.hpp"
#include "printing/printer_state.hpp"
#include "queue/answers.hpp"
#include "queue/client.hpp"
#include "rating/rating.hpp"
#include "rating/rating_log.hpp"
#include "search/searcher.hpp"

namespace kiosk::app {

using Clock = std::chrono::steady_clock;

struct SearchSlice {
  TelexComposer composer;
  search::Filters filters;
  std::vector<search::Hit> results;
  std::optional<std::string> results_query;  // the query the shown results answer
  bool failed = false;                       // the last search failed: say so
  std::optional<SearchRequest> asked;        // what the worker was last asked
  uint64_t first_asked = 0, asked_id = 0;    // ids of this session's first and latest requests
  bool keyboard_hidden = false;
  bool numeric_keypad = false;
  bool field_picker = false;

  bool empty() const;
  void scrub();
};

struct ProcedureSlice {
  std::string code;
  std::optional<content::Procedure> shown;  // read from the catalog once per opened procedure
  int case_index = -1;                      // the case the citizen chose; -1: every case
  bool notes_open = false;                  // the "Lưu ý" section, closed until asked for
  bool empty() const { return code.empty() && !shown; }
};

// Print buttons pressed in this session, and what became of the last one (told on the screen
// where it was pressed).
struct PrintSlice {
  std::map<std::string, uint64_t> tickets;  // button key -> the print service's ticket
  std::string last_key;
  std::optional<Screen> pressed_on;
  std::optional<printing::PrinterProblem> refused;  // the printer could not take it when pressed
  bool empty() const { return tickets.empty() && last_key.empty() && !pressed_on && !refused; }
};

// The staff door: five taps in the corner, then the PIN pad. (The lockout after wrong PINs is
// not a citizen's: it outlives the session.)
struct StaffSlice {
  std::vector<Clock::time_point> corner_taps;
  bool pin_entry = false;
  std::string pin;
  bool wrong = false;
  uint64_t health_asked = 0;                       // the health report asked when the PIN opened
  std::optional<std::vector<HealthCheck>> health;  // and its answer
  enum class Reboot { None, Confirming, Asked, Failed } reboot = Reboot::None;
  std::string notice;        // what the last content action did ("Đã quay về gói …")
  bool notice_bad = false;   // it failed
  bool empty() const {
    return corner_taps.empty() && !pin_entry && pin.empty() && !wrong && health_asked == 0 && !health && reboot == Reboot::None &&
           notice.empty();
  }
  void scrub();
};

// The fee payment a citizen is making: the payment worker's ticket, and what the screen did
// about it. While a code is on screen the idle prompt waits for its expiry, not the usual minute.
struct PaymentSlice {
  uint64_t ticket = 0;
  std::string dossier;
  bool receipt_requested = false;
  std::optional<Clock::time_point> hold_until;
  bool empty() const { return ticket == 0 && dossier.empty() && !receipt_requested && !hold_until; }
};

// Rating an officer: from the home tile (counter, then officer) or after a dossier lookup (the
// officer who received it). Which officers were rated in this session, for the one-rating-per-
// officer rule when there is no dossier.
struct RatingSlice {
  enum class Stage { Counter, Officer, Level, Reason, Survey, Thanks, Refused };
  Stage stage = Stage::Counter;
  std::string counter;                      // the counter's id (the pack's), when picked
  std::optional<content::Officer> officer;  // who is rated; id empty: named by the backend only
  std::string counter_name, agency;         // as recorded with the rating
  std::string dossier;                      // the dossier rated through, if any
  std::optional<rating::Level> level;
  std::string reason;
  TelexComposer comment{true};
  bool typing = false;  // the keyboard is up for the comment
  bool numeric_keys = false;
  size_t survey_step = 0;
  std::vector<std::pair<std::string, std::string>> survey;  // criterion id, option id
  std::optional<rating::Refusal::Kind> refusal;             // why the last one was not recorded
  std::vector<std::string> rated;                           // officers rated in this session
  std::string last_id;                                      // the rating just recorded (its survey follows)
  std::optional<Clock::time_point> home_at;                 // the thank-you goes home by itself
  uint64_t roster_asked = 0;                                // the backend's list of who is on duty
  std::optional<std::vector<content::Officer>> on_duty;
  bool empty() const;
  void scrub();
};

// A queue number: the service (picked from the list, or the procedure's), the priority the
// citizen chose (none unless they did), the tap sent to the worker and what came of it.
struct QueueSlice {
  enum class Stage { Services, Taking, Ticket, Failed };
  // How the ticket came: a tap for a service, a booking's QR checked in, or a ticket's QR looked up.
  enum class Origin { Tap, CheckIn, Lookup };
  Stage stage = Stage::Services;
  Origin origin = Origin::Tap;
  queue::BookingRef booking;  // CheckIn: asked again with its tap on a retry
  queue::TicketRef scanned;   // Lookup
  std::string service;
  std::string procedure_code, procedure_name;  // when the number is for the procedure just found
  queue::Priority priority = queue::Priority::None;
  bool choosing_priority = false;
  bool list_asked = false;  // the server's list asked again when the screen opened
  uint64_t asked = 0;  // the worker's id for the Take on its way
  std::string tap;     // the tap's key: a retry asks again with it
  std::optional<queue::Ticket> ticket;
  std::optional<queue::QueueError::Kind> failure;
  bool no_printer = false;  // not asked: the printer could not print the ticket
  bool printed = false;     // the ticket was sent to the printer once
  bool announced = false;   // read aloud once by itself (to a citizen who has listened)
  bool empty() const {
    return stage == Stage::Services && origin == Origin::Tap && booking.booking.empty() && scanned.id.empty() && service.empty() && procedure_code.empty() && procedure_name.empty() &&
           priority == queue::Priority::None && !choosing_priority && !list_asked && asked == 0 && tap.empty() && !ticket && !failure && !no_printer &&
           !printed && !announced;
  }
};

// How the citizen wants the kiosk to look: language, text size (normal, large, largest) and the
// high-contrast colours. A wipe puts them back for the next citizen.
struct Preferences {
  Language language = Language::Vi;
  int text_size = 0;  // 0 normal, 1 large, 2 largest
  bool high_contrast = false;
  bool empty() const { return language == Language::Vi && text_size == 0 && !high_contrast; }
};

// Reading aloud in this session: the sentences being read (as shown, to highlight them, and as
// spoken), the screen they came from, and the citizen's voice: slower, louder or quieter than
// the kiosk's configured voice until the wipe.
struct ReadingSlice {
  std::vector<std::string> shown, spoken;
  std::optional<Screen> screen;
  bool slower = false;
  int volume_step = 0;        // -4..+3 around the configured volume
  bool used = false;          // the citizen listened: the idle prompt is said aloud too
  bool prompt_spoken = false; // the idle prompt now showing was said
  bool empty() const {
    return shown.empty() && spoken.empty() && !screen && !slower && volume_step == 0 && !used && !prompt_spoken;
  }
};

}  // namespace kiosk::app

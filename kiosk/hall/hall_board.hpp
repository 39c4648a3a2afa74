// What the hall's display shows (display mode, docs/hall-display.md): per counter the number
// now served, the last calls, how many wait per service, the month's dossier figures, and since
// when a part has not been refreshed. Plain state, changed only on the UI thread.
#pragma once
#include <chrono>
#include <ctime>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "dossier/month_stats.hpp"
#include "queue/ticket.hpp"

namespace kiosk::hall {

using Clock = std::chrono::steady_clock;

struct CounterNow {
  std::string counter;  // "9"
  std::string number;   // empty: nobody called yet today
  std::string service;
  Clock::time_point called_at{};  // the row flashes for a while after a call
};

struct HallBoard {
  std::string center_name;
  std::vector<queue::Service> services;  // the queue server's list
  std::vector<CounterNow> counters;      // every counter the services name, in their order
  std::deque<queue::Call> recent;        // the last calls, newest first
  std::map<std::string, int> waiting;    // per service id
  std::optional<dossier::MonthStats> stats;
  int64_t last_seq = 0;
  // Since when (wall clock) each part has failed to refresh; nullopt: fresh.
  std::optional<std::time_t> queue_stale_since, stats_stale_since;

  void set_services(std::vector<queue::Service> list);
  // Applies the calls after last_seq, in order; returns those new to this board (a call seen
  // before, by its seq, is never returned twice). `flash`: the rows flash (not for the calls
  // made before the display started).
  std::vector<queue::Call> apply(const std::vector<queue::Call>& calls, Clock::time_point now, bool flash = true);
  void set_status(const std::vector<queue::ServiceStatus>& status);
  const queue::Service* service(const std::string& id) const;
  static constexpr size_t kRecent = 6;
};

// "Mời công dân có số B một nghìn không trăm hai mươi ba đến quầy số năm": the number's letters
// one by one, its digits as a number, the counter's number in words.
std::string call_sentence(const queue::Call& c);
// What IT's test call says: no number, so nobody in the hall gets up for it.
std::string test_call_sentence();

}  // namespace kiosk::hall

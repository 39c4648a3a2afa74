// Calls said aloud in the hall, one after another: each call's sentence twice, never over the
// one being said, none dropped however fast they come (docs/hall-display.md).
#pragma once
#include <deque>
#include <string>

#include "queue/ticket.hpp"
#include "speech/speaker.hpp"

namespace kiosk::hall {

class CallAnnouncer {
 public:
  // `log_only`: the headless log speaker, which has "said" everything the moment it is asked.
  CallAnnouncer(speech::Speaker* speaker, speech::Voice voice, bool log_only) : speaker_(speaker), voice_(voice), log_only_(log_only) {}
  void add(const queue::Call& c);
  // Starts the next call when the last one has been said. Returns true while calls wait.
  bool tick();
  size_t waiting() const { return queue_.size(); }

 private:
  speech::Speaker* speaker_;
  speech::Voice voice_;
  bool log_only_;
  bool saying_ = false;
  std::deque<std::string> queue_;
};

}  // namespace kiosk::hall

// Calls said aloud in the hall, one after another: a chime, then each call's sentence twice,
// never over the one being said, none dropped however fast they come (docs/hall-display.md).
#pragma once
#include <deque>
#include <string>

#include "queue/ticket.hpp"
#include "speech/speaker.hpp"

namespace kiosk::hall {

class CallAnnouncer {
 public:
  // `log_only`: the headless log speaker, which has "said" everything the moment it is asked.
  // `keep_record`: leave what was said in the speaker's record (scripted sessions read it); a
  // display on the wall forgets each call once said, or the record would grow all day.
  CallAnnouncer(speech::Speaker* speaker, speech::Voice voice, bool log_only, bool keep_record = true)
      : speaker_(speaker), voice_(voice), log_only_(log_only), keep_record_(keep_record) {}
  void add(const queue::Call& c);
  // IT's "gọi thử" from the fleet: the chime and a sentence saying it is only a test, twice.
  void add_test_call();
  bool can_speak() const { return speaker_ != nullptr; }
  // Starts the next call when the last one has been said. Returns true while calls wait.
  bool tick();
  size_t waiting() const { return queue_.size(); }
  // Sentences handed to the speaker so far (chimes included).
  size_t sentences_said() const { return sentences_; }

 private:
  speech::Speaker* speaker_;
  speech::Voice voice_;
  bool log_only_;
  bool keep_record_;
  bool saying_ = false;
  size_t sentences_ = 0;
  std::deque<std::string> queue_;
};

}  // namespace kiosk::hall

// "Nghe đọc": what a screen says, read aloud in order by the services' speaker, with the
// citizen's controls (stop, pause, repeat the sentence, slower, volume). The screen's texts come
// from the UI in the order it drew them; here they become sentences a voice can read.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "model/services.hpp"
#include "model/session.hpp"

namespace kiosk::app {

// One shown text and how it is read: icons dropped; in Vietnamese, numbers, dates and codes in
// words (vntext::speech_text; the English voice reads English numbers itself). Texts with nothing
// to say, and a text repeated at once, are left out.
struct Sentence {
  std::string shown, spoken;
};
std::vector<Sentence> sentences_from(const std::vector<std::string>& shown, Language lang = Language::Vi);

// Reads the screen's texts from the first; nothing when the kiosk cannot speak.
void start_reading(Session& s, Services& svc, const std::vector<std::string>& shown);
void stop_reading(Session& s, Services& svc);
void toggle_pause(Services& svc);
// The sentence being read, from its start.
void repeat_sentence(Session& s, Services& svc);
// Slower (and back to the usual pace), louder, quieter: from the sentence being read.
void toggle_slower(Session& s, Services& svc);
void change_volume(Session& s, Services& svc, int steps);

// The shown text being read now, for the screen to highlight.
std::optional<std::string> reading_now(const Session& s, const Services& svc);
bool reading(const Services& svc);

// Keeps reading honest as the session moves: stops when the citizen leaves the screen being
// read, and says the idle prompt aloud (once per prompt) to a citizen who has listened.
// Returns true when what is shown changed.
bool follow_reading(Session& s, Services& svc, Clock::time_point now);

}  // namespace kiosk::app

// Reading a screen aloud: sentences in order, one at a time audible, stoppable, pausable. The
// kiosk's UI thread drives a Speaker; the audio one synthesises and plays on threads of its
// own, the log one (headless runs, tests) only writes down what would be heard.
#pragma once
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::speech {

struct Voice {
  int rate_wpm = 150;   // espeak-ng's words per minute; "Chậm hơn" lowers it
  double volume = 1.0;  // a gain on the samples, 0.2 to 1.6
  std::string language = "vi";  // espeak-ng's voice: "vi", or "en" for the English screens
};

// A sentence that is not said but rung: a two-note chime, the hall's "listen" before a call.
// The log speaker writes it down as it is.
inline constexpr const char* kChime = "[chuông]";
// The chime's samples at a sample rate: two decaying notes (E5 then C5), 0.9 s in all.
std::vector<int16_t> chime_samples(int sample_rate);

class Speaker {
 public:
  virtual ~Speaker() = default;
  // Reads `sentences` (already in spoken form) from index `from`, replacing whatever was read.
  virtual void read(std::vector<std::string> sentences, size_t from, Voice voice) = 0;
  virtual void stop() = 0;
  virtual void pause(bool paused) = 0;
  // The sentence being heard, while reading (paused included).
  virtual std::optional<size_t> current() const = 0;
  virtual bool reading() const = 0;
  virtual bool paused() const = 0;
  // What was read since the last forget(), sentence by sentence: scripted sessions expect on it.
  virtual std::vector<std::string> spoken() const = 0;
  // The citizen left: drop what they heard.
  virtual void forget() = 0;
  // Why the last read could not be heard (no sound device), or empty.
  virtual std::string problem() const = 0;
  // From read() to the first samples handed to the sound device, for the last read.
  virtual std::optional<std::chrono::microseconds> first_sound() const = 0;
};

// espeak-ng's Vietnamese voice played through SDL audio (the device the system chose: speakers
// or a headset). The device is opened when reading starts and closed when it ends, so an idle
// kiosk runs no audio thread. `wake` is called (from its threads) when current() changes.
// Throws SpeechError when espeak-ng or its Vietnamese voice is missing.
std::unique_ptr<Speaker> make_audio_speaker(std::function<void()> wake);

// Headless: nothing is synthesised; read() writes every sentence from `from` to the log at once
// and stays "reading" the first of them until stop(), so controls and highlighting can be seen.
std::unique_ptr<Speaker> make_log_speaker();

}  // namespace kiosk::speech

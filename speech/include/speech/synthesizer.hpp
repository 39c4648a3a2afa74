// Vietnamese speech from espeak-ng's "vi" voice, as 16-bit mono samples. Offline: the voice and
// its dictionary come from Debian's espeak-ng-data.
#pragma once
#include <cstdint>
#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace kiosk::speech {

struct SpeechError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Audio {
  int sample_rate = 0;
  std::vector<int16_t> samples;  // mono
  double seconds() const { return sample_rate ? static_cast<double>(samples.size()) / sample_rate : 0; }
};

// espeak-ng keeps one engine per process: a second live Synthesizer is refused (SpeechError).
class Synthesizer {
 public:
  // rate: words per minute (espeak-ng's default 175; slower for the "chậm" button).
  explicit Synthesizer(int rate_wpm = 150);
  ~Synthesizer();
  Synthesizer(const Synthesizer&) = delete;
  Synthesizer& operator=(const Synthesizer&) = delete;

  // Text as it will be read (already in spoken form: vntext::speech_text). `on_chunk` receives
  // the samples as they are made, so playback can start before the whole text is synthesised;
  // returning false stops synthesis.
  Audio say(const std::string& spoken, const std::function<bool(const int16_t*, size_t)>& on_chunk = {});
  int sample_rate() const { return sample_rate_; }
  void set_rate(int wpm);
  // "vi" (the default) or "en": the voice for the language the screen is in.
  void set_language(const std::string& language);

 private:
  int sample_rate_ = 0;
};

// A mono 16-bit PCM WAV file (libsndfile), written whole then renamed into place.
void write_wav(const std::filesystem::path& path, const Audio& audio);
Audio read_wav(const std::filesystem::path& path);

}  // namespace kiosk::speech

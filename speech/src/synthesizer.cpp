#include "speech/synthesizer.hpp"

#include <espeak-ng/speak_lib.h>

#include <algorithm>
#include <atomic>
#include <cstring>

namespace kiosk::speech {

namespace {

// espeak-ng's engine is process-wide; this flag only refuses a second owner of it.
std::atomic<bool> engine_taken{false};

struct Collect {
  Audio* audio;
  const std::function<bool(const int16_t*, size_t)>* on_chunk;
  bool stopped = false;
};

int on_samples(short* wav, int count, espeak_EVENT* events) {
  if (!events) return 0;
  auto* c = static_cast<Collect*>(events->user_data);
  if (!c || c->stopped) return 1;
  if (wav && count > 0) {
    c->audio->samples.insert(c->audio->samples.end(), wav, wav + count);
    if (*c->on_chunk && !(*c->on_chunk)(wav, static_cast<size_t>(count))) {
      c->stopped = true;
      return 1;  // espeak-ng stops synthesis when the callback returns non-zero
    }
  }
  return 0;
}

// espeak-ng cannot be initialised again after espeak_Terminate (it hangs in 1.51): the engine
// is started once per process and kept; Synthesizer only owns the right to use it.
int engine_sample_rate() {
  static const int rate = [] {
    const int r = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 100, nullptr, 0);
    if (r > 0) espeak_SetSynthCallback(on_samples);
    return r;
  }();
  return rate;
}

}  // namespace

Synthesizer::Synthesizer(int rate_wpm) {
  if (engine_taken.exchange(true)) throw SpeechError("espeak-ng is already in use in this process");
  sample_rate_ = engine_sample_rate();
  if (sample_rate_ <= 0) {
    engine_taken = false;
    throw SpeechError("Không khởi động được bộ đọc tiếng Việt (espeak-ng): thiếu espeak-ng-data?");
  }
  if (espeak_SetVoiceByName("vi") != EE_OK) {
    engine_taken = false;
    throw SpeechError("Không có giọng đọc tiếng Việt (espeak-ng 'vi')");
  }
  set_rate(rate_wpm);
}

Synthesizer::~Synthesizer() { engine_taken = false; }

void Synthesizer::set_language(const std::string& language) {
  const char* voice = language == "en" ? "en" : "vi";
  if (espeak_SetVoiceByName(voice) != EE_OK) throw SpeechError(std::string("espeak-ng has no voice '") + voice + "'");
}

void Synthesizer::set_rate(int wpm) { espeak_SetParameter(espeakRATE, std::clamp(wpm, 80, 450), 0); }

Audio Synthesizer::say(const std::string& spoken, const std::function<bool(const int16_t*, size_t)>& on_chunk) {
  Audio audio;
  audio.sample_rate = sample_rate_;
  Collect c{&audio, &on_chunk};
  const espeak_ERROR err = espeak_Synth(spoken.c_str(), spoken.size() + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8,
                                        nullptr, &c);
  // AUDIO_OUTPUT_SYNCHRONOUS: espeak_Synth returns when the text is done or the callback
  // stopped it (espeak_Synchronize would wait forever for a stopped one).
  if (err != EE_OK) throw SpeechError("espeak-ng could not synthesise the text (error " + std::to_string(err) + ")");
  return audio;
}

}  // namespace kiosk::speech

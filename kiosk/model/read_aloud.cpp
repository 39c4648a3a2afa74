#include "model/read_aloud.hpp"

#include <algorithm>

#include "common/text.hpp"
#include "model/strings.hpp"
#include "vntext/speech_text.hpp"

namespace kiosk::app {

namespace {

// Font Awesome's icons live in the private use area: a voice has nothing to say for them.
std::string without_icons(const std::string& s) {
  std::u32string out;
  for (char32_t c : text::to_u32(s))
    if (c < 0xE000 || c > 0xF8FF) out.push_back(c);
  return text::trim(text::to_utf8(out));
}

speech::Voice voice_for(const Session& s, const speech::Voice& configured) {
  const ReadingSlice& r = s.reading();
  speech::Voice v = configured;
  v.language = s.language() == Language::En ? "en" : "vi";
  if (r.slower) v.rate_wpm = std::max(80, v.rate_wpm * 7 / 10);
  v.volume = std::clamp(configured.volume * (1.0 + 0.2 * r.volume_step), 0.2, 1.6);
  return v;
}

// Reads the slice's sentences again from `from`, in the citizen's voice.
void read_from(Session& s, Services& svc, size_t from) {
  const auto& r = s.reading();
  if (svc.speaker && from < r.spoken.size()) svc.speaker->read(r.spoken, from, voice_for(s, svc.voice));
}

size_t current_or_first(const Services& svc) {
  const auto c = svc.speaker ? svc.speaker->current() : std::nullopt;
  return c.value_or(0);
}

}  // namespace

std::vector<Sentence> sentences_from(const std::vector<std::string>& shown, Language lang) {
  std::vector<Sentence> out;
  for (const auto& raw : shown) {
    const std::string plain = without_icons(raw);
    if (plain.empty()) continue;
    std::string spoken = lang == Language::Vi ? text::trim(vntext::speech_text(plain)) : plain;
    if (spoken.empty() || (!out.empty() && out.back().spoken == spoken)) continue;
    out.push_back({raw, std::move(spoken)});
  }
  return out;
}

void start_reading(Session& s, Services& svc, const std::vector<std::string>& shown) {
  if (!svc.speaker) return;
  auto& r = s.reading();
  r.shown.clear();
  r.spoken.clear();
  for (auto& sentence : sentences_from(shown, s.language())) {
    r.shown.push_back(std::move(sentence.shown));
    r.spoken.push_back(std::move(sentence.spoken));
  }
  r.screen = s.screen();
  r.used = true;
  read_from(s, svc, 0);
}

void stop_reading(Session& s, Services& svc) {
  if (svc.speaker) svc.speaker->stop();
  s.reading().screen.reset();
}

void toggle_pause(Services& svc) {
  if (svc.speaker) svc.speaker->pause(!svc.speaker->paused());
}

void repeat_sentence(Session& s, Services& svc) { read_from(s, svc, current_or_first(svc)); }

void toggle_slower(Session& s, Services& svc) {
  s.reading().slower = !s.reading().slower;
  if (reading(svc)) read_from(s, svc, current_or_first(svc));
}

void change_volume(Session& s, Services& svc, int steps) {
  auto& r = s.reading();
  r.volume_step = std::clamp(r.volume_step + steps, -4, 3);
  if (reading(svc)) read_from(s, svc, current_or_first(svc));
}

bool reading(const Services& svc) { return svc.speaker && svc.speaker->reading(); }

std::optional<std::string> reading_now(const Session& s, const Services& svc) {
  if (!svc.speaker) return std::nullopt;
  const auto c = svc.speaker->current();
  const auto& shown = s.reading().shown;
  if (!c || *c >= shown.size()) return std::nullopt;
  return shown[*c];
}

bool follow_reading(Session& s, Services& svc, Clock::time_point now) {
  if (!svc.speaker) return false;
  auto& r = s.reading();
  bool changed = false;
  if (r.prompt_spoken && !s.idle_prompt()) {
    // The citizen answered the prompt: stop telling them about it.
    r.prompt_spoken = false;
    if (reading(svc)) stop_reading(s, svc);
    changed = true;
  }
  if (s.idle_prompt() && r.used && !r.prompt_spoken) {
    r.prompt_spoken = true;
    const std::string ends = std::string(tr(s.language(), Text::EndsIn)) + " " + std::to_string(s.countdown_seconds(now)) +
                             " " + tr(s.language(), Text::Seconds) + ".";
    start_reading(s, svc, {tr(s.language(), Text::StillThere), ends, tr(s.language(), Text::IdleSpoken)});
    return true;
  }
  if (r.screen && *r.screen != s.screen() && !s.idle_prompt()) {
    stop_reading(s, svc);
    changed = true;
  }
  return changed;
}

}  // namespace kiosk::app

#include <cmath>
#include <numbers>

#include "speech/speaker.hpp"

namespace kiosk::speech {

std::vector<int16_t> chime_samples(int sample_rate) {
  // Two struck notes, each dying away, as a hall's gong: heard over talk without startling.
  struct Note {
    double hz, start_s, length_s;
  };
  constexpr Note kNotes[] = {{659.25, 0.0, 0.45}, {523.25, 0.4, 0.5}};
  constexpr double kPeak = 0.35 * 32767;
  const double rate = std::max(sample_rate, 8000);
  std::vector<double> mix(static_cast<size_t>(0.9 * rate), 0.0);
  for (const auto& n : kNotes)
    for (size_t k = 0; k < static_cast<size_t>(n.length_s * rate); ++k) {
      const size_t at = static_cast<size_t>(n.start_s * rate) + k;
      if (at >= mix.size()) break;
      const double t = static_cast<double>(k) / rate;
      const double attack = std::min(1.0, t / 0.005);  // no click at the start
      // The note and its octave, fading out: a bell rather than a beep.
      const double tone = std::sin(2 * std::numbers::pi * n.hz * t) + 0.3 * std::sin(4 * std::numbers::pi * n.hz * t);
      mix[at] += attack * std::exp(-t * 6.0) * tone / 1.3;
    }
  std::vector<int16_t> out(mix.size());
  for (size_t i = 0; i < mix.size(); ++i) out[i] = static_cast<int16_t>(std::clamp(mix[i] * kPeak, -32768.0, 32767.0));
  return out;
}

}  // namespace kiosk::speech

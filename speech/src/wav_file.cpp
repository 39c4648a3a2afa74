#include <sndfile.h>

#include <memory>

#include "speech/synthesizer.hpp"

namespace kiosk::speech {

namespace {

struct SndfileClose {
  void operator()(SNDFILE* f) const { sf_close(f); }
};
using Sndfile = std::unique_ptr<SNDFILE, SndfileClose>;

}  // namespace

void write_wav(const std::filesystem::path& path, const Audio& audio) {
  SF_INFO info{};
  info.samplerate = audio.sample_rate;
  info.channels = 1;
  info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
  const std::filesystem::path tmp = path.string() + ".part";
  {
    Sndfile f(sf_open(tmp.c_str(), SFM_WRITE, &info));
    if (!f) throw SpeechError("cannot write " + path.string() + ": " + sf_strerror(nullptr));
    const auto n = static_cast<sf_count_t>(audio.samples.size());
    if (sf_write_short(f.get(), audio.samples.data(), n) != n)
      throw SpeechError("cannot write " + path.string() + ": " + sf_strerror(f.get()));
  }
  std::filesystem::rename(tmp, path);
}

Audio read_wav(const std::filesystem::path& path) {
  SF_INFO info{};
  Sndfile f(sf_open(path.c_str(), SFM_READ, &info));
  if (!f) throw SpeechError("cannot read " + path.string() + ": " + sf_strerror(nullptr));
  if (info.channels != 1) throw SpeechError(path.string() + ": not mono");
  Audio a;
  a.sample_rate = info.samplerate;
  a.samples.resize(static_cast<size_t>(info.frames));
  a.samples.resize(static_cast<size_t>(sf_read_short(f.get(), a.samples.data(), info.frames)));
  return a;
}

}  // namespace kiosk::speech

#include <SDL.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "speech/speaker.hpp"
#include "speech/synthesizer.hpp"

namespace kiosk::speech {

namespace {

using Clock = std::chrono::steady_clock;

// SDL's audio subsystem, for as long as the speaker lives.
struct AudioSubsystem {
  AudioSubsystem() {
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0)
      throw SpeechError(std::string("Không có thiết bị âm thanh (SDL audio): ") + SDL_GetError());
  }
  ~AudioSubsystem() { SDL_QuitSubSystem(SDL_INIT_AUDIO); }
  AudioSubsystem(const AudioSubsystem&) = delete;
  AudioSubsystem& operator=(const AudioSubsystem&) = delete;
};

class AudioSpeaker final : public Speaker {
 public:
  explicit AudioSpeaker(std::function<void()> wake) : wake_(std::move(wake)) {
    worker_ = std::thread([this] { run(); });
  }

  ~AudioSpeaker() override {
    {
      std::lock_guard lock(m_);
      quit_ = true;
      ++job_id_;
    }
    cv_.notify_all();
    worker_.join();
    close_device();
  }

  void read(std::vector<std::string> sentences, size_t from, Voice voice) override {
    if (from >= sentences.size()) return stop();
    {
      std::lock_guard lock(m_);
      const uint64_t id = ++job_id_;
      next_ = Job{std::move(sentences), from, voice, id, Clock::now()};
      if (dev_) {
        SDL_ClearQueuedAudio(dev_);
        SDL_PauseAudioDevice(dev_, 0);  // a new reading is heard even if the last one was paused
      }
      reading_ = true;
      paused_ = false;
      current_ = from;
      problem_.clear();
      first_sound_.reset();
    }
    cv_.notify_all();
  }

  void stop() override {
    {
      std::lock_guard lock(m_);
      ++job_id_;
      next_.reset();
      if (dev_) {
        SDL_ClearQueuedAudio(dev_);
        SDL_PauseAudioDevice(dev_, 0);
      }
      reading_ = paused_ = false;
      current_.reset();
    }
    cv_.notify_all();
  }

  void pause(bool p) override {
    std::lock_guard lock(m_);
    if (!reading_) return;
    paused_ = p;
    if (dev_) SDL_PauseAudioDevice(dev_, p ? 1 : 0);
  }

  std::optional<size_t> current() const override {
    std::lock_guard lock(m_);
    return current_;
  }
  bool reading() const override {
    std::lock_guard lock(m_);
    return reading_;
  }
  bool paused() const override {
    std::lock_guard lock(m_);
    return paused_;
  }
  std::vector<std::string> spoken() const override {
    std::lock_guard lock(m_);
    return spoken_;
  }
  void forget() override {
    stop();
    std::lock_guard lock(m_);
    spoken_.clear();
  }
  std::string problem() const override {
    std::lock_guard lock(m_);
    return problem_;
  }
  std::optional<std::chrono::microseconds> first_sound() const override {
    std::lock_guard lock(m_);
    return first_sound_;
  }

 private:
  struct Job {
    std::vector<std::string> sentences;
    size_t from = 0;
    Voice voice;
    uint64_t id = 0;
    Clock::time_point asked;
  };

  void run() {
    for (;;) {
      Job job;
      {
        std::unique_lock lock(m_);
        cv_.wait(lock, [&] { return quit_ || next_.has_value(); });
        if (quit_) return;
        job = std::move(*next_);
        next_.reset();
      }
      play(job);
      bool more = false;
      {
        std::lock_guard lock(m_);
        more = next_.has_value() || quit_;
      }
      // No audio thread while nothing is read.
      if (!more) close_device();
    }
  }

  bool current_job(uint64_t id) const { return job_id_.load() == id; }

  SDL_AudioDeviceID open_device() {
    std::lock_guard lock(m_);
    if (dev_) return dev_;
    SDL_AudioSpec want{};
    want.freq = synth_.sample_rate();
    want.format = AUDIO_S16SYS;
    want.channels = 1;
    want.samples = 512;  // about 23 ms at espeak-ng's 22,050 Hz: the press is heard at once
    dev_ = SDL_OpenAudioDevice(nullptr, 0, &want, nullptr, 0);
    if (!dev_) problem_ = std::string("Không mở được loa (SDL audio): ") + SDL_GetError();
    else SDL_PauseAudioDevice(dev_, paused_ ? 1 : 0);
    return dev_;
  }

  void close_device() {
    std::lock_guard lock(m_);
    if (dev_) SDL_CloseAudioDevice(dev_);
    dev_ = 0;
  }

  // Which sentence is being heard: the samples played so far against where each one began.
  // A sentence goes into the spoken log when it starts to be heard (`logged`: the next to log).
  void follow(const Job& job, const std::vector<uint64_t>& starts, uint64_t queued, size_t& logged) {
    bool changed = false;
    {
      std::lock_guard lock(m_);
      if (!current_job(job.id) || !dev_) return;
      const uint64_t waiting = SDL_GetQueuedAudioSize(dev_) / sizeof(int16_t);
      const uint64_t played = queued > waiting ? queued - waiting : 0;
      const auto it = std::upper_bound(starts.begin(), starts.end(), played);
      const size_t index = job.from + static_cast<size_t>(std::max<ptrdiff_t>(0, (it - starts.begin()) - 1));
      changed = current_ != index;
      current_ = index;
      while (logged <= index && logged < job.sentences.size()) spoken_.push_back(job.sentences[logged++]);
    }
    if (changed && wake_) wake_();
  }

  void play(const Job& job) {
    const SDL_AudioDeviceID dev = open_device();
    if (!dev) {
      finish(job);
      return;
    }
    try {
      synth_.set_language(job.voice.language);
    } catch (const SpeechError& e) {
      {
        std::lock_guard lock(m_);
        problem_ = e.what();
      }
      finish(job);
      return;
    }
    synth_.set_rate(job.voice.rate_wpm);
    const double gain = std::clamp(job.voice.volume, 0.2, 1.6);
    std::vector<uint64_t> starts;
    uint64_t queued = 0;
    size_t logged = job.from;
    std::vector<int16_t> scaled;
    for (size_t i = job.from; i < job.sentences.size() && current_job(job.id); ++i) {
      starts.push_back(queued);
      auto play_chunk = [&](const int16_t* s, size_t n) {
        if (!current_job(job.id)) return false;
        scaled.resize(n);
        for (size_t k = 0; k < n; ++k)
          scaled[k] = static_cast<int16_t>(std::clamp(static_cast<double>(s[k]) * gain, -32768.0, 32767.0));
        {
          std::lock_guard lock(m_);
          if (!current_job(job.id)) return false;
          SDL_QueueAudio(dev, scaled.data(), static_cast<Uint32>(n * sizeof(int16_t)));
          if (!first_sound_)
            first_sound_ = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - job.asked);
        }
        queued += n;
        follow(job, starts, queued, logged);
        return true;
      };
      if (job.sentences[i] == kChime) {
        const auto chime = chime_samples(synth_.sample_rate());
        play_chunk(chime.data(), chime.size());
      } else {
        synth_.say(job.sentences[i], play_chunk);
      }
    }
    // Synthesis runs ahead of the speaker; follow what is heard until the queue runs dry.
    for (;;) {
      std::unique_lock lock(m_);
      if (!current_job(job.id)) return;
      if (!paused_ && SDL_GetQueuedAudioSize(dev) == 0) break;
      cv_.wait_for(lock, std::chrono::milliseconds(30));
      lock.unlock();
      follow(job, starts, queued, logged);
    }
    {
      std::lock_guard lock(m_);
      while (logged < job.sentences.size()) spoken_.push_back(job.sentences[logged++]);
    }
    finish(job);
  }

  void finish(const Job& job) {
    {
      std::lock_guard lock(m_);
      if (!current_job(job.id)) return;
      reading_ = paused_ = false;
      current_.reset();
    }
    if (wake_) wake_();
  }

  AudioSubsystem audio_;
  Synthesizer synth_;
  std::function<void()> wake_;
  mutable std::mutex m_;
  std::condition_variable cv_;
  std::atomic<uint64_t> job_id_{0};  // bumped by read and stop: older synthesis gives up
  std::optional<Job> next_;
  bool quit_ = false;
  SDL_AudioDeviceID dev_ = 0;
  std::optional<size_t> current_;
  bool reading_ = false, paused_ = false;
  std::vector<std::string> spoken_;
  std::string problem_;
  std::optional<std::chrono::microseconds> first_sound_;
  std::thread worker_;  // last: it starts once everything above is made
};

}  // namespace

std::unique_ptr<Speaker> make_audio_speaker(std::function<void()> wake) {
  return std::make_unique<AudioSpeaker>(std::move(wake));
}

}  // namespace kiosk::speech

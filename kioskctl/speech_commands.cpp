// `kioskctl say`: what the kiosk's voice says for a text, and the sound of it as a WAV file, for
// staff checking how a pack's wording is read aloud.
#include <SDL.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "commands.hpp"
#include "speech/speaker.hpp"
#include "speech/synthesizer.hpp"
#include "vntext/speech_text.hpp"

namespace kioskctl {

void register_speech_commands(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("say", "Read a text aloud in Vietnamese: its spoken form, and the sound as WAV");
  auto text = std::make_shared<std::string>();
  auto output = std::make_shared<std::string>();
  auto normalize_only = std::make_shared<bool>(false);
  auto rate = std::make_shared<int>(150);
  cmd->add_option("TEXT", *text, "Text as the screen shows it")->required();
  cmd->add_option("--output", *output, "Write the speech to this WAV file");
  cmd->add_flag("--normalize-only", *normalize_only, "Print the spoken form only, no sound");
  cmd->add_option("--rate", *rate, "Words per minute")->check(CLI::Range(80, 450));
  cmd->callback([&action, text, output, normalize_only, rate] {
    action = [=] {
      const std::string spoken = kiosk::vntext::speech_text(*text);
      nlohmann::json j{{"text", spoken}};
      if (*normalize_only) return Output{spoken + "\n", j};
      if (output->empty())
        throw std::runtime_error("give --output FILE.wav (kioskctl does not play sound) or --normalize-only");
      using Clock = std::chrono::steady_clock;
      const auto t0 = Clock::now();
      double first_ms = -1;
      kiosk::speech::Synthesizer synth(*rate);
      const auto audio = synth.say(spoken, [&](const int16_t*, size_t) {
        if (first_ms < 0) first_ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
        return true;
      });
      kiosk::speech::write_wav(*output, audio);
      j["wav"] = *output;
      j["seconds"] = audio.seconds();
      j["sample_rate"] = audio.sample_rate;
      j["first_sound_ms"] = first_ms;
      return Output{spoken + "\nwrote " + *output + " (" + std::to_string(audio.seconds()) + " s; first sound after " +
                        std::to_string(first_ms) + " ms)\n",
                    j};
    };
  });
}

namespace {

using Clock = std::chrono::steady_clock;

// What "Nghe đọc" reads first on a procedure screen, in spoken form.
std::vector<std::string> procedure_sentences() {
  std::vector<std::string> out;
  for (const char* shown : {"Thủ tục đăng ký kết hôn", "Mã thủ tục: 1.000894 · Hộ tịch", "Nơi nộp hồ sơ",
                            "Quầy 11–12 (Sở Tư pháp)", "Thời hạn: 5 ngày làm việc", "Phí, lệ phí: 1.250.000 ₫",
                            "Giấy tờ cần mang", "1. Tờ khai đăng ký kết hôn theo mẫu", "1 bản chính"})
    out.push_back(kiosk::vntext::speech_text(shown));
  return out;
}

double cpu_ms() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return (static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1000.0) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1000.0;
}

}  // namespace

void register_speech_bench(CLI::App& bench, Action& action) {
  auto* cmd = bench.add_subcommand("speech", "Time from 'Nghe đọc' to the first sound, and what an idle speaker costs");
  auto rounds = std::make_shared<int>(20);
  cmd->add_option("--rounds", *rounds, "Presses measured")->check(CLI::Range(3, 1000));
  cmd->callback([&action, rounds] {
    action = [=] {
      // The system's sound device; SDL's silent "dummy" one on a machine without sound (CI).
      std::unique_ptr<kiosk::speech::Speaker> speaker;
      std::string driver;
      for (const char* forced : {static_cast<const char*>(nullptr), "dummy"}) {
        if (forced) setenv("SDL_AUDIODRIVER", forced, 1);
        try {
          speaker = kiosk::speech::make_audio_speaker({});
          speaker->read({"một"}, 0, {});
          const auto until = Clock::now() + std::chrono::seconds(5);
          while (speaker->reading() && Clock::now() < until) std::this_thread::sleep_for(std::chrono::milliseconds(5));
          if (speaker->problem().empty()) {
            driver = SDL_GetCurrentAudioDriver() ? SDL_GetCurrentAudioDriver() : "?";
            break;
          }
        } catch (const kiosk::speech::SpeechError&) {
          if (forced) throw;
        }
        speaker.reset();
      }
      if (!speaker) throw std::runtime_error("no sound device, not even SDL's dummy one");
      const auto sentences = procedure_sentences();
      std::vector<double> first;
      for (int i = 0; i < *rounds; ++i) {
        speaker->read(sentences, 0, {});
        const auto until = Clock::now() + std::chrono::seconds(5);
        while (!speaker->first_sound() && Clock::now() < until) std::this_thread::sleep_for(std::chrono::microseconds(200));
        if (const auto fs = speaker->first_sound()) first.push_back(static_cast<double>(fs->count()) / 1000.0);
        speaker->stop();
      }
      if (first.empty()) throw std::runtime_error("the speaker never made a sound");
      std::sort(first.begin(), first.end());
      const double p50 = first[first.size() / 2], p95 = first[std::min(first.size() - 1, first.size() * 95 / 100)];
      // One whole reading, to its end, then the same time idle: the idle speaker's CPU.
      speaker->read(sentences, 0, {});
      const auto t0 = Clock::now();
      while (speaker->reading()) std::this_thread::sleep_for(std::chrono::milliseconds(10));
      const double read_s = std::chrono::duration<double>(Clock::now() - t0).count();
      const double idle_from = cpu_ms();
      std::this_thread::sleep_for(std::chrono::seconds(2));
      const double idle_cpu_percent = (cpu_ms() - idle_from) / 2000.0 * 100.0;
      speaker.reset();
      // Synthesis alone: how much faster than the voice speaks it.
      kiosk::speech::Synthesizer synth;
      std::string all;
      for (const auto& s : sentences) all += s + ". ";
      const auto s0 = Clock::now();
      const auto audio = synth.say(all);
      const double synth_s = std::chrono::duration<double>(Clock::now() - s0).count();
      nlohmann::json j{{"driver", driver},          {"rounds", first.size()},
                       {"first_sound_p50_ms", p50}, {"first_sound_p95_ms", p95},
                       {"first_sound_max_ms", first.back()}, {"device_buffer_ms", 512.0 * 1000.0 / 22050.0},
                       {"procedure_read_seconds", read_s},
                       {"idle_cpu_percent", idle_cpu_percent}, {"synthesis_realtime_factor", audio.seconds() / synth_s}};
      char buf[512];
      std::snprintf(buf, sizeof buf,
                    "speech (%s audio driver): press to first sound handed to the device p50 %.1f ms, p95 %.1f ms, max %.1f ms "
                    "over %zu presses (then the device's own buffer: 512 samples, 23 ms)\n"
                    "a procedure's first %zu sentences read in %.1f s; idle speaker afterwards %.2f%% CPU; synthesis %.0fx faster "
                    "than speech\n",
                    driver.c_str(), p50, p95, first.back(), first.size(), sentences.size(), read_s, idle_cpu_percent,
                    audio.seconds() / synth_s);
      return Output{buf, j};
    };
  });
}

}  // namespace kioskctl

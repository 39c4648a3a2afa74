// `kioskctl say`: what the kiosk's voice says for a text, and the sound of it as a WAV file, for
// staff checking how a pack's wording is read aloud.
#include <chrono>

#include "commands.hpp"
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

}  // namespace kioskctl

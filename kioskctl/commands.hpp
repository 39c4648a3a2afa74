// kioskctl's subcommand groups; each registers itself on the CLI app.
#pragma once
#include <CLI/CLI.hpp>
#include <array>
#include <vector>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

namespace kioskctl {

// What a command hands back: text for people, JSON for scripts (--json).
struct Output {
  std::string text;
  nlohmann::json json;
  int exit_code = 0;  // a report that found something wrong (health) still prints, then fails
};

using Action = std::function<Output()>;

// Each group fills `action` with the chosen subcommand's work.
void register_content_commands(CLI::App& app, Action& action);
void register_content_lint(CLI::App& content, Action& action);  // under `content`
void register_content_channel(CLI::App& content, Action& action);  // publish, update
// Public key files, or directories of *.pub (an empty one is refused with a message).
std::vector<std::array<unsigned char, 32>> load_trust(const std::vector<std::string>& paths);
void register_bench_commands(CLI::App& app, Action& action);
void register_search_commands(CLI::App& app, Action& action);
void register_search_bench(CLI::App& bench, Action& action);
void register_scan_bench(CLI::App& bench, Action& action);
void register_print_bench(CLI::App& bench, Action& action);
void register_slips_bench(CLI::App& bench, Action& action);
void register_staff_commands(CLI::App& app, Action& action);
void register_print_commands(CLI::App& app, Action& action);
void register_qr_commands(CLI::App& app, Action& action);
void register_dossier_commands(CLI::App& app, Action& action);
void register_payment_commands(CLI::App& app, Action& action);
void register_payment_bench(CLI::App& bench, Action& action);
void register_rating_commands(CLI::App& app, Action& action);
void register_queue_commands(CLI::App& app, Action& action);
void register_queue_bench(CLI::App& bench, Action& action);
void register_display_bench(CLI::App& bench, Action& action);
void register_speech_commands(CLI::App& app, Action& action);
void register_speech_bench(CLI::App& bench, Action& action);
void register_health_command(CLI::App& app, Action& action);
void register_fleet_commands(CLI::App& app, Action& action);
void register_fleet_bench(CLI::App& bench, Action& action);

// Where a production kiosk keeps its content store and its state database.
inline constexpr const char* kDefaultStore = "/var/lib/tthc-kiosk/content";
inline constexpr const char* kDefaultStateDb = "/var/lib/tthc-kiosk/state.db";

}  // namespace kioskctl

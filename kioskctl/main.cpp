// kioskctl: the staff and operations tool. Human-readable output by default, JSON with --json;
// exit 0 on success, non-zero with a one-line reason on failure.
#include <iostream>

#include "commands.hpp"
#include "common/hardening.hpp"
#include "common/text.hpp"
#include "common/network.hpp"

int main(int argc, char** argv) {
  if (!kiosk::use_utf8_locale()) std::cerr << "kioskctl: no UTF-8 locale: Vietnamese file names in packs may fail\n";
  const kiosk::http::NetworkLibrary network;
  CLI::App app{"kioskctl — công cụ quản trị kiosk thủ tục hành chính"};
  app.set_version_flag("--version", std::string("kioskctl ") + KIOSK_VERSION);
  app.require_subcommand(1);
  app.fallthrough();
  bool json = false;
  app.add_flag("--json", json, "Print JSON instead of text");
  kioskctl::Action action;
  kioskctl::register_content_commands(app, action);
  kioskctl::register_bench_commands(app, action);
  kioskctl::register_search_commands(app, action);
  kioskctl::register_staff_commands(app, action);
  kioskctl::register_print_commands(app, action);
  kioskctl::register_qr_commands(app, action);
  kioskctl::register_dossier_commands(app, action);
  kioskctl::register_payment_commands(app, action);
  kioskctl::register_rating_commands(app, action);
  kioskctl::register_queue_commands(app, action);
  kioskctl::register_speech_commands(app, action);
  kioskctl::register_health_command(app, action);
  kioskctl::register_fleet_commands(app, action);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  try {
    kioskctl::Output out = action();
    if (json)
      std::cout << out.json.dump(2) << '\n';
    else
      std::cout << out.text;
    return out.exit_code;
  } catch (const std::exception& e) {
    // One line, and nothing from a pack or a backend may drive the staff's terminal.
    std::cerr << "kioskctl: " << kiosk::text::printable(e.what()) << '\n';
    return 1;
  }
}

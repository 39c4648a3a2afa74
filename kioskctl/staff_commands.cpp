#include <iostream>

#include "commands.hpp"
#include "common/pin_hash.hpp"

namespace kioskctl {

void register_staff_commands(CLI::App& app, Action& action) {
  auto* staff = app.add_subcommand("staff", "Staff access to the kiosk");
  staff->require_subcommand(1);
  staff->fallthrough();
  auto* cmd = staff->add_subcommand("pin-hash", "Read a PIN (6 to 12 digits) on standard input, print its hash for kiosk.conf");
  cmd->callback([&action] {
    action = [] {
      // From standard input, never the command line: a PIN must not land in shell history.
      std::string pin;
      std::getline(std::cin, pin);
      const std::string hash = kiosk::pin::hash_pin(pin);
      return Output{"staff_pin_hash = " + hash + "\n", {{"staff_pin_hash", hash}}};
    };
  });
}

}  // namespace kioskctl

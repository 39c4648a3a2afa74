// `kioskctl health [--config FILE] [--json]`: the report the staff screen shows, for IT over SSH.
// Exit status 0 when nothing failed, 1 when something did (warnings do not fail it).
#include <stdexcept>

#include "commands.hpp"
#include "model/config.hpp"
#include "model/health.hpp"

namespace kioskctl {

void register_health_command(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand("health", "The kiosk's health: content, printer, backend, network, disk, clock, outbox, payments, last errors");
  auto config = std::make_shared<std::string>(kiosk::app::kDefaultConfigPath);
  cmd->add_option("--config", *config, "The kiosk's configuration");
  cmd->callback([&action, config] {
    action = [=] {
      const auto cfg = kiosk::app::load_config(*config);
      nlohmann::json checks = nlohmann::json::array();
      std::string text;
      bool failed = false;
      for (const auto& c : kiosk::app::check_health(cfg)) {
        const char* level = kiosk::app::level_name(c.level);
        checks.push_back({{"id", c.id}, {"label", c.label}, {"level", level}, {"detail", c.detail}, {"lines", c.lines}});
        text += std::string(c.level == kiosk::app::HealthCheck::Level::Ok     ? "  ok  "
                            : c.level == kiosk::app::HealthCheck::Level::Warn ? " WARN "
                            : c.level == kiosk::app::HealthCheck::Level::Fail ? " FAIL "
                                                                              : "  --  ") +
                c.label + ": " + c.detail + "\n";
        for (const auto& line : c.lines) text += "        " + line + "\n";
        failed = failed || c.level == kiosk::app::HealthCheck::Level::Fail;
      }
      Output out{text, {{"config", *config}, {"ok", !failed}, {"checks", checks}}};
      out.exit_code = failed ? 1 : 0;
      return out;
    };
  });
}

}  // namespace kioskctl

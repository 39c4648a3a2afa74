// kioskctl fleet status / command / config: IT's view of the fleet and its signed orders, over
// the fleet's MQTT broker (fleet/operator.hpp, docs/fleet.md).
#include <chrono>

#include "commands.hpp"
#include "common/text.hpp"
#include "content/signing.hpp"
#include "fleet/operator.hpp"
#include "fleet/topics.hpp"

namespace kioskctl {

using nlohmann::json;
namespace kf = kiosk::fleet;

namespace {

struct LinkOptions {
  std::string broker, center;
  std::string ca = "/etc/tthc-fleet/ca.pem";
  std::string cert = "/etc/tthc-fleet/fleet-operator.pem";
  std::string key = "/etc/tthc-fleet/fleet-operator.key";

  void add_to(CLI::App* cmd) {
    cmd->add_option("--broker", broker, "The fleet's broker, mqtts://host[:port]")->required();
    cmd->add_option("--center", center, "The center's id in the topics (tthc/<center>/...)")->required();
    cmd->add_option("--ca", ca, "The fleet CA's certificate");
    cmd->add_option("--cert", cert, "The operator's certificate (named fleet-operator)");
    cmd->add_option("--cert-key", key, "The operator certificate's key");
  }
  kf::OperatorLink link() const { return {kf::parse_broker_url(broker), {ca, cert, key}, center}; }
};

std::string check_field(const json& health, const char* id, const char* field) {
  if (!health.is_object() || !health.contains("checks") || !health["checks"].is_object()) return "";
  const auto& checks = health["checks"];
  if (!checks.contains(id) || !checks[id].is_object()) return "";
  return checks[id].value(field, "");
}

json row_json(const kf::KioskRow& r) {
  const json& h = r.health;
  const bool has = h.is_object();
  return {{"kiosk", r.kiosk},
          {"kind", has ? h.value("kind", "kiosk") : ""},
          {"status", r.status.empty() ? "unknown" : r.status},
          {"since", has ? h.value("at", "") : ""},
          {"content_version", has ? h.value("content_version", "") : ""},
          {"kiosk_version", has ? h.value("kiosk_version", "") : ""},
          {"printer", check_field(h, "printer", "level")},
          {"printer_detail", check_field(h, "printer", "detail")},
          {"backlog", check_field(h, "outbox", "detail")},
          {"last_error", has ? h.value("last_error", "") : ""},
          {"health", h}};
}

}  // namespace

void register_fleet_commands(CLI::App& app, Action& action) {
  auto* fleet = app.add_subcommand("fleet", "The fleet over its MQTT broker: status, signed commands and overrides");
  fleet->require_subcommand(1);
  {
    auto* cmd = fleet->add_subcommand("status", "One line per kiosk or hall display: its kind, online or offline and since when, content, printer, backlog, last error");
    auto opts = std::make_shared<LinkOptions>();
    opts->add_to(cmd);
    cmd->callback([&action, opts] {
      action = [=] {
        const auto rows = kf::read_fleet_status(opts->link());
        json list = json::array();
        std::string text;
        int online = 0;
        for (const auto& r : rows) {
          const json j = row_json(r);
          list.push_back(j);
          online += r.status == "online";
          const std::string since = j["since"];
          const std::string kind = j["kind"];
          text += r.kiosk + (kind.empty() ? "" : " [" + kind + "]") + "  " + j["status"].get<std::string>() +
                  (since.empty() ? "" : " (last report " + since + ")") +
                  "  content " + (j["content_version"].get<std::string>().empty() ? "?" : j["content_version"].get<std::string>()) +
                  "  printer " + (j["printer"].get<std::string>().empty() ? "?" : j["printer"].get<std::string>()) +
                  (j["backlog"].get<std::string>().empty() ? "" : "  backlog: " + j["backlog"].get<std::string>()) +
                  (j["last_error"].get<std::string>().empty() ? "" : "  last error: " + kiosk::text::printable(j["last_error"].get<std::string>())) +
                  "\n";
        }
        text += std::to_string(rows.size()) + " kiosks, " + std::to_string(online) + " online\n";
        return Output{text, {{"center", opts->center}, {"kiosks", list}, {"online", online}, {"count", rows.size()}}};
      };
    });
  }
  {
    auto* cmd = fleet->add_subcommand("command", "Send a signed command to a kiosk or to all, and show the acknowledgements");
    auto opts = std::make_shared<LinkOptions>();
    opts->add_to(cmd);
    auto target = std::make_shared<std::string>();
    auto what = std::make_shared<std::string>();
    auto key = std::make_shared<std::string>();
    auto wait = std::make_shared<int>(10);
    cmd->add_option("KIOSK", *target, "A kiosk id, or all")->required();
    cmd->add_option("ACTION", *what, "reload | test-page | restart | test-call (a hall display says a test call)")
        ->required()
        ->check(CLI::IsMember({"reload", "test-page", "restart", "test-call"}));
    cmd->add_option("--key", *key, "The fleet's secret key")->required()->check(CLI::ExistingFile);
    cmd->add_option("--wait", *wait, "Seconds to wait for acknowledgements")->check(CLI::Range(1, 600));
    cmd->callback([&action, opts, target, what, key, wait] {
      action = [=] {
        const kf::Command c{kf::random_id(), opts->center, *target, *kf::parse_action(*what), kf::now_ms()};
        const auto acks = kf::send_command(opts->link(), c, kiosk::content::read_secret_key(*key), std::chrono::seconds(*wait));
        json list = json::array();
        std::string text = "command " + *what + " (" + c.id + ") sent to " + *target + "\n";
        bool refused = false, done = false;
        for (const auto& a : acks) {
          list.push_back({{"kiosk", a.kiosk}, {"result", a.result}, {"detail", a.detail}});
          text += "  " + a.kiosk + ": " + a.result + (a.detail.empty() ? "" : " (" + kiosk::text::printable(a.detail) + ")") + "\n";
          refused = refused || a.result == "refused" || a.result == "failed";
          done = done || a.result == "done";
        }
        if (acks.empty()) text += "  no acknowledgement within " + std::to_string(*wait) + " s\n";
        Output out{text, {{"id", c.id}, {"target", *target}, {"action", *what}, {"acks", list}}};
        // One kiosk: it must have said it did it. All: any refusal fails the command.
        out.exit_code = refused || (*target != kf::kAllKiosks && !done && acks.empty()) ? 1 : 0;
        return out;
      };
    });
  }
  {
    auto* cmd = fleet->add_subcommand("config", "Set (or clear) a signed, retained override: an announcement, the idle time");
    auto opts = std::make_shared<LinkOptions>();
    opts->add_to(cmd);
    auto target = std::make_shared<std::string>(kf::kAllKiosks);
    auto key = std::make_shared<std::string>();
    auto announcement = std::make_shared<std::string>();
    auto idle = std::make_shared<int>(0);
    auto clear = std::make_shared<bool>(false);
    auto valid_hours = std::make_shared<int>(7 * 24);
    cmd->add_option("--kiosk", *target, "A kiosk id, or all (the default)");
    cmd->add_option("--valid-hours", *valid_hours, "Hours the override holds; kiosks drop it after (default a week, at most 31 days)")
        ->check(CLI::Range(1, 31 * 24));
    cmd->add_option("--key", *key, "The fleet's secret key")->required()->check(CLI::ExistingFile);
    cmd->add_option("--announcement", *announcement, "A notice shown on the kiosks' welcome screen");
    cmd->add_option("--idle-seconds", *idle, "Seconds without a touch before a session ends")->check(CLI::Range(30, 600));
    cmd->add_flag("--clear", *clear, "Remove the override");
    cmd->callback([&action, opts, target, key, announcement, idle, clear, valid_hours] {
      action = [=] {
        kf::ConfigOverride c{opts->center, *target, kf::now_ms(), *announcement, std::nullopt};
        c.expires_ms = c.issued_ms + int64_t{*valid_hours} * 3600 * 1000;
        if (*idle > 0) c.idle_seconds = *idle;
        kf::publish_config(opts->link(), c, kiosk::content::read_secret_key(*key), *clear);
        return Output{std::string(*clear ? "override cleared for " : "override set for ") + *target + "\n",
                      {{"target", *target}, {"cleared", *clear}, {"announcement", *announcement}, {"idle_seconds", *idle},
                       {"expires_ms", c.expires_ms}}};
      };
    });
  }
}

}  // namespace kioskctl

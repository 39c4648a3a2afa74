// The kiosk's side of the fleet: presence ("online", and "offline" as its last will), its health
// report, and the signed commands and overrides it takes from the broker (docs/fleet.md). The
// kiosk works fully without a broker: losing it is one warning, and the client reconnects.
// Commands are checked here (signature, center, target, age, never one older than the newest
// obeyed) and handed to the UI thread, which carries them out when nobody is at the screen.
#pragma once
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/log.hpp"
#include "fleet/messages.hpp"
#include "fleet/mqtt_client.hpp"

namespace kiosk::fleet {

struct AgentConfig {
  BrokerAddress broker;
  TlsFiles tls;
  std::string center, kiosk_id;
  std::vector<content::PublicKey> fleet_keys;  // commands and overrides must be signed by one
  // Where the newest obeyed command's time and the overrides taken are kept, so none is
  // replayed after a restart.
  std::filesystem::path state_file;
  std::chrono::seconds health_every{300};       // republished at least this often
  std::chrono::seconds health_check_every{60};  // the source is asked this often
  std::chrono::minutes command_lifetime{60};    // older commands are refused
  int keepalive_s = 60;
};

class FleetAgent {
 public:
  using HealthSource = std::function<nlohmann::json()>;  // called on the agent's own thread
  // `health` may be empty (then publish_health is called by the owner); `wake` is called when a
  // command or an override waits.
  FleetAgent(AgentConfig config, Logger& log, HealthSource health, std::function<void()> wake);
  ~FleetAgent();  // "offline", then a clean disconnect
  FleetAgent(const FleetAgent&) = delete;
  FleetAgent& operator=(const FleetAgent&) = delete;

  // Published (retained) when it differs from the last one, or when the last is health_every old.
  void publish_health(const nlohmann::json& report);
  std::vector<Command> take_commands();
  // The outcome of a command taken above, sent to tthc/<center>/<kiosk>/ack.
  void acknowledge(const Command& c, bool done, const std::string& detail);
  // This kiosk's own override, else the center's ("all"), while in force (not past its expiry);
  // the generation grows at each change, an expiry included. Both survive a restart (state_file).
  std::optional<ConfigOverride> config_override() const;
  uint64_t config_generation() const;
  bool connected() const;
  // As if the kiosk lost power (the bench, the tests): the broker publishes the will.
  void kill();

 private:
  struct State;
  std::unique_ptr<State> s_;
};

}  // namespace kiosk::fleet

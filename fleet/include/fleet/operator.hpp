// IT's side of the fleet (kioskctl fleet): the fleet's state from the broker's retained messages,
// and signed commands and overrides sent to it. Connects with the operator's own certificate.
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "fleet/messages.hpp"
#include "fleet/mqtt_client.hpp"

namespace kiosk::fleet {

struct OperatorLink {
  BrokerAddress broker;
  TlsFiles tls;
  std::string center;
  std::chrono::milliseconds connect_timeout{5000};
};

struct KioskRow {
  std::string kiosk;
  std::string status;   // "online", "offline", or "" when only its health is known
  nlohmann::json health;  // the last report (null when none)
};

// Every kiosk the broker knows of, in id order. Retained messages arrive just after subscribing;
// the reading ends once none came for `quiet`.
std::vector<KioskRow> read_fleet_status(const OperatorLink& link, std::chrono::milliseconds quiet = std::chrono::milliseconds(400));

struct Acknowledgement {
  std::string kiosk, id, result, detail;  // result: accepted | refused | done | failed
};

// Sends `c` (to its target, or to all) and gathers acknowledgements for `wait`; for one kiosk it
// returns as soon as that kiosk said "done" or "failed" or refused it.
std::vector<Acknowledgement> send_command(const OperatorLink& link, const Command& c, const content::SecretKey& key,
                                          std::chrono::milliseconds wait);

// Retained on tthc/<center>/<target>/config, signed, with its expiry; `clear` publishes a signed
// clear in its place (kiosks ignore an unsigned empty message).
void publish_config(const OperatorLink& link, const ConfigOverride& c, const content::SecretKey& key, bool clear);

}  // namespace kiosk::fleet

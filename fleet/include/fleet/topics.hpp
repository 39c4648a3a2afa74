// Where each message of the fleet lives on the broker. Every kiosk writes only under its own id
// (the broker's ACL enforces it, installer/fleet/acl); commands and overrides for the whole
// center go to "all".
//   tthc/<center>/<kiosk>/status   "online" | "offline" (retained; "offline" is the last will)
//   tthc/<center>/<kiosk>/health   the health report, JSON (retained)
//   tthc/<center>/<kiosk>/ack      what the kiosk did with a command, JSON
//   tthc/<center>/<kiosk|all>/command  a signed command (QoS 1, not retained)
//   tthc/<center>/<kiosk|all>/config   a signed configuration override (retained)
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace kiosk::fleet {

inline constexpr const char* kAllKiosks = "all";

// An id usable as one topic level: letters, digits, '-', '_', '.', 1 to 64 of them.
bool valid_id(std::string_view id);

std::string topic(std::string_view center, std::string_view kiosk, std::string_view leaf);

struct TopicParts {
  std::string center, kiosk, leaf;
};
std::optional<TopicParts> split_topic(std::string_view topic);

}  // namespace kiosk::fleet

// The fleet's commands and configuration overrides, sealed with the fleet key (Ed25519,
// content/signing.hpp's seal), so a broker alone can neither command a kiosk nor change what it
// shows. Each names its center and target, so one signed for a kiosk cannot be replayed onto
// another, and carries when it was issued, so an old one cannot be replayed later (the kiosk
// keeps the newest it obeyed, agent.hpp). Nothing personal and no payment data is ever in them.
#pragma once
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "content/signing.hpp"

namespace kiosk::fleet {

struct FleetError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// TestCall: a hall display says a test call aloud ("gọi thử"); a kiosk refuses it.
enum class Action { Reload, TestPage, Restart, TestCall };
const char* action_name(Action a);                   // "reload", "test-page", "restart", "test-call"
std::optional<Action> parse_action(std::string_view name);

struct Command {
  std::string id;  // random, answered in the acknowledgement
  std::string center, target;  // target: a kiosk id or "all"
  Action action = Action::Reload;
  int64_t issued_ms = 0;  // Unix time, milliseconds
};

// A retained override lives longer than a command, but not for ever: it carries its own signed
// expiry (at most kMaxOverrideLifetimeMs after issue), after which a kiosk refuses it and drops
// the one in force. Clearing one is an override too (`clear`), signed like any other: an empty
// retained message, which anyone who can write the topic can send, clears nothing.
struct ConfigOverride {
  std::string center, target;
  int64_t issued_ms = 0;
  std::string announcement;       // shown on the attract screen; empty: none
  std::optional<int> idle_seconds;  // the session's idle timeout, 30 to 600
  int64_t expires_ms = 0;         // 0 when made: issued_ms + kDefaultOverrideLifetimeMs
  bool clear = false;             // "no override from here on"
};
inline constexpr int64_t kDefaultOverrideLifetimeMs = 7LL * 24 * 3600 * 1000;
inline constexpr int64_t kMaxOverrideLifetimeMs = 31LL * 24 * 3600 * 1000;

int64_t now_ms();
std::string random_id();

std::string command_document(const Command& c, const content::SecretKey& key);
std::string config_document(const ConfigOverride& c, const content::SecretKey& key);
// Throw FleetError: not sealed by a trusted key, malformed, or fields out of bounds.
Command parse_command(std::string_view text, const std::vector<content::PublicKey>& trusted);
ConfigOverride parse_config(std::string_view text, const std::vector<content::PublicKey>& trusted);

}  // namespace kiosk::fleet

#include "fleet/messages.hpp"

#include <sodium.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "common/text.hpp"
#include "fleet/topics.hpp"

namespace kiosk::fleet {

using nlohmann::json;

namespace {

constexpr std::size_t kMaxAnnouncementBytes = 600;

json open(std::string_view text, const std::vector<content::PublicKey>& trusted, const char* kind) {
  std::string payload;
  try {
    payload = content::open_sealed(text, trusted, std::string("fleet ") + kind);
  } catch (const std::runtime_error& e) {
    throw FleetError(e.what());
  }
  json p = json::parse(payload, nullptr, false);
  if (p.is_discarded() || !p.is_object() || !p.contains("kind") || !p["kind"].is_string() || p["kind"].get<std::string>() != kind)
    throw FleetError(std::string("not a fleet ") + kind);
  return p;
}

void check_addressing(const std::string& center, const std::string& target, int64_t issued_ms, const char* kind) {
  if (!valid_id(center) || !valid_id(target)) throw FleetError(std::string("fleet ") + kind + " names a bad center or kiosk");
  if (issued_ms <= 0) throw FleetError(std::string("fleet ") + kind + " has no issue time");
}

}  // namespace

const char* action_name(Action a) {
  switch (a) {
    case Action::Reload: return "reload";
    case Action::TestPage: return "test-page";
    case Action::Restart: return "restart";
    case Action::TestCall: return "test-call";
  }
  return "?";
}

std::optional<Action> parse_action(std::string_view name) {
  for (Action a : {Action::Reload, Action::TestPage, Action::Restart, Action::TestCall})
    if (name == action_name(a)) return a;
  return std::nullopt;
}

int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

std::string random_id() {
  unsigned char raw[12];
  randombytes_buf(raw, sizeof raw);
  static constexpr char hex[] = "0123456789abcdef";
  std::string id;
  for (unsigned char b : raw) {
    id += hex[b >> 4];
    id += hex[b & 15];
  }
  return id;
}

std::string command_document(const Command& c, const content::SecretKey& key) {
  check_addressing(c.center, c.target, c.issued_ms, "command");
  return content::seal(json{{"kind", "command"},
                            {"id", c.id},
                            {"center", c.center},
                            {"target", c.target},
                            {"action", action_name(c.action)},
                            {"issued_ms", c.issued_ms}}
                           .dump(),
                       key);
}

std::string config_document(const ConfigOverride& c, const content::SecretKey& key) {
  check_addressing(c.center, c.target, c.issued_ms, "config");
  const int64_t expires = c.expires_ms ? c.expires_ms : c.issued_ms + kDefaultOverrideLifetimeMs;
  if (expires <= c.issued_ms || expires - c.issued_ms > kMaxOverrideLifetimeMs)
    throw FleetError("fleet config's lifetime is out of bounds (up to 31 days)");
  json p = {{"kind", "config"}, {"center", c.center}, {"target", c.target}, {"issued_ms", c.issued_ms}, {"expires_ms", expires}};
  if (c.clear) {
    p["clear"] = true;
  } else {
    p["announcement"] = c.announcement;
    if (c.idle_seconds) p["idle_seconds"] = *c.idle_seconds;
  }
  return content::seal(p.dump(), key);
}

Command parse_command(std::string_view text, const std::vector<content::PublicKey>& trusted) {
  const json p = open(text, trusted, "command");
  Command c;
  try {
    c.id = p.at("id").get<std::string>();
    c.center = p.at("center").get<std::string>();
    c.target = p.at("target").get<std::string>();
    c.issued_ms = p.at("issued_ms").get<int64_t>();
    const auto action = parse_action(p.at("action").get<std::string>());
    if (!action) throw FleetError("fleet command asks for an unknown action");
    c.action = *action;
  } catch (const json::exception&) {
    throw FleetError("fleet command lacks a field or has one of the wrong type");
  }
  if (!valid_id(c.id)) throw FleetError("fleet command has a bad id");
  check_addressing(c.center, c.target, c.issued_ms, "command");
  return c;
}

ConfigOverride parse_config(std::string_view text, const std::vector<content::PublicKey>& trusted) {
  const json p = open(text, trusted, "config");
  ConfigOverride c;
  try {
    c.center = p.at("center").get<std::string>();
    c.target = p.at("target").get<std::string>();
    c.issued_ms = p.at("issued_ms").get<int64_t>();
    // An override without an expiry (an older operator tool's) would hold for ever: refused.
    c.expires_ms = p.at("expires_ms").get<int64_t>();
    c.clear = p.value("clear", false);
    c.announcement = p.value("announcement", "");
    if (p.contains("idle_seconds")) c.idle_seconds = p.at("idle_seconds").get<int>();
  } catch (const json::exception&) {
    throw FleetError("fleet config lacks a field (issued_ms, expires_ms) or has one of the wrong type");
  }
  check_addressing(c.center, c.target, c.issued_ms, "config");
  if (c.expires_ms <= c.issued_ms || c.expires_ms - c.issued_ms > kMaxOverrideLifetimeMs)
    throw FleetError("fleet config's lifetime is out of bounds (up to 31 days)");
  if (c.clear && (!c.announcement.empty() || c.idle_seconds)) throw FleetError("fleet config both clears and sets");
  if (!text::is_valid_utf8(c.announcement) || text::printable(c.announcement) != c.announcement)
    throw FleetError("fleet config's announcement is not plain text");
  if (c.announcement.size() > kMaxAnnouncementBytes) throw FleetError("fleet config's announcement is too long");
  if (c.idle_seconds && (*c.idle_seconds < 30 || *c.idle_seconds > 600)) throw FleetError("fleet config's idle time is out of bounds (30-600 s)");
  return c;
}

}  // namespace kiosk::fleet

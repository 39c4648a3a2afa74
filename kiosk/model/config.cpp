#include "model/config.hpp"

#include <unistd.h>

#include <charconv>

#include "common/files.hpp"
#include "common/text.hpp"

namespace kiosk::app {

namespace {

int parse_int(const std::string& v, int lo, int hi, const std::string& where) {
  int out = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  if (ec != std::errc() || p != v.data() + v.size() || out < lo || out > hi)
    throw ConfigError(where + ": expected a whole number from " + std::to_string(lo) + " to " + std::to_string(hi) +
                      ", got '" + v + "'");
  return out;
}

bool parse_bool(const std::string& v, const std::string& where) {
  if (v == "true" || v == "yes" || v == "on" || v == "1") return true;
  if (v == "false" || v == "no" || v == "off" || v == "0") return false;
  throw ConfigError(where + ": expected on or off (true, false), got '" + v + "'");
}

}  // namespace

KioskConfig parse_config(const std::string& body) {
  KioskConfig c;
  int line_no = 0;
  for (const auto& raw : text::split(body, '\n')) {
    ++line_no;
    std::string line = text::trim(raw);
    if (line.empty() || line[0] == '#') continue;
    const std::string where = "line " + std::to_string(line_no);
    auto eq = line.find('=');
    if (eq == std::string::npos) throw ConfigError(where + ": expected 'key = value'");
    const std::string key = text::trim(line.substr(0, eq));
    const std::string value = text::trim(line.substr(eq + 1));
    if (key == "store") {
      c.store = value;
    } else if (key == "trust") {
      c.trusted_keys.emplace_back(value);
    } else if (key == "idle_seconds") {
      c.timeouts.idle = std::chrono::seconds(parse_int(value, 10, 3600, where));
    } else if (key == "countdown_seconds") {
      c.timeouts.countdown = std::chrono::seconds(parse_int(value, 3, 120, where));
    } else if (key == "attract_seconds") {
      c.timeouts.attract = std::chrono::seconds(parse_int(value, 10, 86400, where));
    } else if (key == "staff_pin_hash") {
      if (value.rfind("$argon2", 0) != 0)
        throw ConfigError(where + ": staff_pin_hash must be a hash from 'kioskctl staff pin-hash', not a PIN");
      c.staff_pin_hash = value;
    } else if (key == "log_file") {
      c.log_file = value;
    } else if (key == "fullscreen") {
      c.fullscreen = parse_bool(value, where);
    } else if (key == "renderer") {
      if (value != "software" && value != "accelerated")
        throw ConfigError(where + ": renderer is 'software' or 'accelerated', got '" + value + "'");
      c.accelerated = value == "accelerated";
    } else if (key == "width") {
      c.width = parse_int(value, 320, 7680, where);
    } else if (key == "height") {
      c.height = parse_int(value, 240, 4320, where);
    } else if (key == "state_db") {
      c.state_db = value;
    } else if (key == "printer") {
      c.printer = value == "none" ? "" : value;
      c.printing = value != "none";
    } else if (key == "speech") {
      c.speech = parse_bool(value, where);
    } else if (key == "speech_rate") {
      c.speech_rate = parse_int(value, 80, 300, where);
    } else if (key == "speech_volume") {
      c.speech_volume = parse_int(value, 20, 160, where);
    } else if (key == "cups_server") {
      c.cups_server = value;
    } else if (key == "backend_url") {
      c.backend_url = value;
    } else if (key == "backend_adapter") {
      if (value != "generic" && value != "igate")
        throw ConfigError(where + ": backend_adapter is 'generic' or 'igate', got '" + value + "'");
      c.backend_adapter = value;
    } else if (key == "backend_checks_owner") {
      c.backend_checks_owner = parse_bool(value, where);
    } else if (key == "backend_allow_http") {
      c.backend_allow_http = parse_bool(value, where);
    } else if (key == "backend_ca_bundle") {
      c.backend_ca_bundle = value;
    } else if (key == "backend_token_file") {
      c.backend_token_file = value;
    } else if (key == "owner_id_digits") {
      c.owner_id_digits = parse_int(value, 0, 12, where);
    } else if (key == "scanner_serial") {
      c.scanner_serial = value;
    } else if (key == "camera") {
      c.camera = value;
    } else if (key == "camera_frames") {
      c.camera_frames = value;
    } else if (key == "mode") {
      if (value != "kiosk" && value != "display") throw ConfigError(where + ": mode is 'kiosk' or 'display', got '" + value + "'");
      c.mode = value;
    } else if (key == "display_announcement") {
      c.display_announcement = value;
    } else if (key == "queue_url") {
      c.queue_url = value;
    } else if (key == "queue_adapter") {
      if (value != "generic" && value != "novosga") throw ConfigError(where + ": queue_adapter is 'generic' or 'novosga', got '" + value + "'");
      c.queue_adapter = value;
    } else if (key == "queue_allow_http") {
      c.queue_allow_http = parse_bool(value, where);
    } else if (key == "queue_unit") {
      c.queue_unit = value;
    } else if (key == "queue_credentials_dir") {
      c.queue_credentials_dir = value;
    } else if (key == "queue_ca_bundle") {
      c.queue_ca_bundle = value;
    } else if (key == "payment_gateway") {
      if (value != "backend" && value != "payos" && value != "none")
        throw ConfigError(where + ": payment_gateway is 'backend', 'payos' or 'none', got '" + value + "'");
      c.payment_gateway = value;
    } else if (key == "rating_survey") {
      c.rating_survey = parse_bool(value, where);
    } else if (key == "rating_burst") {
      c.rating_burst = parse_int(value, 1, 1000, where);
    } else if (key == "rating_burst_seconds") {
      c.rating_burst_seconds = parse_int(value, 1, 3600, where);
    } else if (key == "payment_ttl_minutes") {
      c.payment_ttl_minutes = parse_int(value, 2, 60, where);
    } else if (key == "payos_url") {
      c.payos_url = value;
    } else if (key == "payos_keys_dir") {
      c.payos_keys_dir = value;
    } else if (key == "kiosk_number") {
      c.kiosk_number = parse_int(value, 1, 9999, where);
    } else if (key == "kiosk_name") {
      c.kiosk_name = value;
    } else if (key == "content_channel") {
      c.content_channel = value;
    } else if (key == "content_channel_ca") {
      c.content_channel_ca = value;
    } else if (key == "content_poll_minutes") {
      c.content_poll_minutes = parse_int(value, 1, 24 * 60, where);
    } else if (key == "kiosk_id") {
      c.kiosk_id = value;
    } else if (key == "fleet_broker") {
      c.fleet_broker = value;
    } else if (key == "fleet_center") {
      c.fleet_center = value;
    } else if (key == "fleet_ca") {
      c.fleet_ca = value;
    } else if (key == "fleet_cert") {
      c.fleet_cert = value;
    } else if (key == "fleet_cert_key") {
      c.fleet_cert_key = value;
    } else if (key == "fleet_trust") {
      c.fleet_trust.emplace_back(value);
    } else if (key == "fleet_health_minutes") {
      c.fleet_health_minutes = parse_int(value, 1, 24 * 60, where);
    } else if (key == "payee_name") {
      c.payee_name = value;
    } else if (key == "payee_bin") {
      // NAPAS bank BINs are six digits: a typo here would let no code's bank be checked.
      if (value.size() != 6 || value.find_first_not_of("0123456789") != std::string::npos)
        throw ConfigError(where + ": payee_bin is the bank's 6-digit BIN, got '" + value + "'");
      c.payee_bin = value;
    } else if (key == "payee_account") {
      if (value.empty() || value.size() > 19 || value.find_first_not_of("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ") != std::string::npos)
        throw ConfigError(where + ": payee_account is an account number (digits, at most 19), got '" + value + "'");
      c.payee_account = value;
    } else if (key == "print_retention_hours") {
      c.print_retention_hours = parse_int(value, 1, 24 * 90, where);
    } else if (key == "paper") {
      if (value != "roll80" && value != "a4") throw ConfigError(where + ": paper is 'roll80' or 'a4', got '" + value + "'");
      c.paper = value;
    } else {
      throw ConfigError(where + ": unknown setting '" + key + "'");
    }
  }
  return c;
}

std::string kiosk_id_or_hostname(const std::string& configured) {
  if (!configured.empty()) return configured;
  char host[256] = {};
  gethostname(host, sizeof host - 1);
  return host;
}

KioskConfig load_config(const std::filesystem::path& path) {
  std::string body;
  try {
    body = files::read_file(path);
  } catch (const std::exception&) {
    throw ConfigError("cannot read the configuration file " + path.string());
  }
  try {
    return parse_config(body);
  } catch (const ConfigError& e) {
    throw ConfigError(path.string() + ", " + e.what());
  }
}

}  // namespace kiosk::app

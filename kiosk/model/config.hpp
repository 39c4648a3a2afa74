// The kiosk's configuration file: `key = value` lines, '#' comments.
#pragma once
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/session_timeouts.hpp"

namespace kiosk::app {

struct ConfigError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct KioskConfig {
  std::filesystem::path store = "/var/lib/tthc-kiosk/content";
  std::vector<std::filesystem::path> trusted_keys;
  SessionTimeouts timeouts;
  std::string staff_pin_hash;  // libsodium crypto_pwhash_str; empty: no staff screen
  std::filesystem::path log_file;  // empty: stderr
  bool fullscreen = true;
  // Low-end kiosk PCs have no usable GPU: the software renderer is the default and the theme is
  // designed for it. "accelerated" asks SDL for a GPU renderer.
  bool accelerated = false;
  int width = 1920;
  int height = 1080;
  // The kiosk's own state (print queue; later payment journal, rating outbox).
  std::filesystem::path state_db = "/var/lib/tthc-kiosk/state.db";
  // Reading aloud ("Nghe đọc"): off on a kiosk that must stay silent; the voice's pace (words a
  // minute) and volume (percent) each session starts from.
  bool speech = true;
  int speech_rate = 150;
  int speech_volume = 100;
  bool printing = true;     // "printer = none": a kiosk without a printer shows no print buttons
  std::string printer;      // CUPS destination; empty: the server's default
  std::string cups_server;  // empty: the CUPS client library's usual server
  std::string paper = "roll80";
  int print_retention_hours = 24;  // finished print jobs (their titles, never their documents) kept this long
  // Dossier lookup (#5): the one-stop backend, and how much of the owner's id is asked for when
  // a slip does not carry it (0: the whole number).
  std::string backend_url;  // empty: no dossier lookup tile
  std::string backend_adapter = "generic";
  std::optional<bool> backend_checks_owner;  // unset: the adapter's default (generic yes, igate no)
  bool backend_allow_http = false;            // plain http, and only to this machine
  std::string backend_ca_bundle;
  std::filesystem::path backend_token_file;  // a bearer token, read at start, never logged
  int owner_id_digits = 4;
  // Fee payment (#12): through the backend's payment API, payOS directly, or none. The payee for
  // backends that name none (iGate). This kiosk's number in the fleet (order codes, receipts)
  // and its name on receipts.
  // "kiosk" (the citizen's touch screen) or "display" (the hall's TV: docs/hall-display.md).
  std::string mode = "kiosk";
  std::string display_announcement;  // a line the hall's display shows under its header
  // Queue numbers (#28, docs/queue.md): the center's queue server; empty: no "Lấy số" anywhere.
  // Plain http only to this machine, as for the backend.
  std::string queue_url;
  std::string queue_adapter = "generic";
  bool queue_allow_http = false;
  std::string queue_ca_bundle;
  // novosga only: the unit (unidade) numbers are taken for, and the account's files (client-id,
  // client-secret, username, password; each 0600).
  std::string queue_unit;
  std::filesystem::path queue_credentials_dir;
  std::string payment_gateway = "backend";  // backend | payos | none
  int payment_ttl_minutes = 15;              // how long a payment code is valid
  // Officer rating (#13): the fuller survey after the three levels; a burst from this kiosk
  // (more than rating_burst ratings within rating_burst_seconds) is recorded but flagged.
  bool rating_survey = false;
  int rating_burst = 3;
  int rating_burst_seconds = 60;
  std::string payos_url = "https://api-merchant.payos.vn";
  std::filesystem::path payos_keys_dir;     // client-id, api-key, checksum-key (mode 0600)
  // Unique in the province's fleet; no default, so that two kiosks never number receipts alike:
  // fee payment stays off until it is set.
  std::optional<int> kiosk_number;
  std::string kiosk_name;
  std::string payee_name, payee_bin, payee_account;
  // Slip scanners besides keyboard-wedge ones (always on): a serial/USB-CDC tty, and camera
  // frames from a directory (a recorded sequence, for tests and demos).
  std::filesystem::path scanner_serial;
  std::filesystem::path camera;         // a V4L2 device, e.g. /dev/video0
  std::filesystem::path camera_frames;  // instead of a camera
  // The fleet's content channel (docs/fleet.md): polled every content_poll_minutes while nobody
  // uses the kiosk; packs checked against `trust` (default: /etc/tthc-kiosk/trusted-keys).
  std::string content_channel;  // https://…/stable.json; empty: updates by hand only
  std::string content_channel_ca;
  int content_poll_minutes = 15;
  std::string kiosk_id;  // chooses this kiosk in or out of a rollout; empty: the host name
  // The fleet's broker (docs/fleet.md): presence, health every fleet_health_minutes (and when it
  // changes), signed commands and overrides checked against fleet_trust. Empty: no fleet link.
  std::string fleet_broker;  // mqtts://host:port
  std::string fleet_center;  // the center's id in the topics
  std::filesystem::path fleet_ca, fleet_cert, fleet_cert_key;
  std::vector<std::filesystem::path> fleet_trust;
  int fleet_health_minutes = 5;
};

inline constexpr const char* kDefaultConfigPath = "/etc/tthc-kiosk/kiosk.conf";

// This kiosk's id in the fleet (rollouts, the broker): `configured` (kiosk_id), else the host name.
std::string kiosk_id_or_hostname(const std::string& configured);

// Throws ConfigError naming the line and the problem.
KioskConfig parse_config(const std::string& text);
KioskConfig load_config(const std::filesystem::path& path);

}  // namespace kiosk::app

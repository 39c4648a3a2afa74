#include "fleet/agent.hpp"

#include <condition_variable>
#include <ctime>
#include <mutex>
#include <thread>

#include "common/files.hpp"
#include "common/text.hpp"
#include "fleet/topics.hpp"

namespace kiosk::fleet {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int64_t kFutureSlackMs = 5 * 60 * 1000;  // kiosk clocks drift; more than this is suspect

std::string iso_now() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// What must survive a restart so that nothing old is obeyed again: the newest command's time,
// and per override slot (this kiosk's own, the center's) the newest override's time and the
// document itself (still signed: checked again when read back).
struct Kept {
  int64_t last_command_ms = 0;
  int64_t newest_ms[2] = {0, 0};  // [own, all]
  std::string doc[2];
};

Kept read_kept(const std::filesystem::path& file) {
  Kept k;
  if (file.empty() || !std::filesystem::exists(file)) return k;
  try {
    const std::string text = files::read_file(file);
    const json j = json::parse(text, nullptr, false);
    if (j.is_number_integer()) {  // a kiosk before overrides were kept: the command's time alone
      k.last_command_ms = j.get<int64_t>();
    } else if (j.is_object()) {
      k.last_command_ms = j.value("last_command_ms", int64_t{0});
      const char* names[2] = {"own", "all"};
      for (int i = 0; i < 2; ++i)
        if (const auto it = j.find(names[i]); it != j.end() && it->is_object()) {
          k.newest_ms[i] = it->value("newest_ms", int64_t{0});
          k.doc[i] = it->value("doc", "");
        }
    }
  } catch (const std::exception&) {
    // Unreadable: nothing is known, so the lifetimes alone bound what is obeyed.
  }
  return k;
}

}  // namespace

struct FleetAgent::State {
  AgentConfig cfg;
  Logger& log;
  HealthSource source;
  std::function<void()> wake;
  mutable std::mutex mu;
  std::condition_variable cv;
  bool stopping = false;
  bool warned_lost = false;
  bool killed = false;
  int64_t last_obeyed_ms = 0;
  std::vector<Command> commands;
  std::optional<ConfigOverride> own_config, all_config;
  int64_t newest_config_ms[2] = {0, 0};  // [own, all]: an older override is a replay
  std::string config_doc[2];             // the override in force, as signed
  uint64_t generation = 0;
  json last_health;  // as published, without its time stamp
  Clock::time_point last_health_at{};
  std::unique_ptr<MqttClient> client;
  std::thread health_thread;

  State(AgentConfig c, Logger& l, HealthSource h, std::function<void()> w)
      : cfg(std::move(c)), log(l), source(std::move(h)), wake(std::move(w)) {}

  std::string t(const char* leaf) const { return topic(cfg.center, cfg.kiosk_id, leaf); }

  void on_connected() {
    client->publish(t("status"), "online", 1, true);
    for (const char* leaf : {"command", "config"}) {
      client->subscribe(topic(cfg.center, cfg.kiosk_id, leaf), 1);
      client->subscribe(topic(cfg.center, kAllKiosks, leaf), 1);
    }
    json health;
    {
      std::lock_guard lock(mu);
      warned_lost = false;
      health = last_health;
    }
    if (!health.is_null()) send_health(health);
    log.info("fleet", "connected to the fleet broker " + cfg.broker.host + ":" + std::to_string(cfg.broker.port));
  }

  void on_disconnected(int reason) {
    if (reason == 0) return;
    std::lock_guard lock(mu);
    if (warned_lost || stopping) return;
    warned_lost = true;
    log.warn("fleet", "fleet broker lost (" + std::to_string(reason) + "): the kiosk carries on and reconnects");
  }

  void send_health(const json& report) {
    json doc = report;
    doc["kiosk"] = cfg.kiosk_id;
    doc["at"] = iso_now();
    client->publish(t("health"), doc.dump(), 1, true);
  }

  void ack(const std::string& id, const char* result, const std::string& detail) {
    client->publish(t("ack"), json{{"id", id}, {"kiosk", cfg.kiosk_id}, {"result", result}, {"detail", detail}}.dump(), 1, false);
  }

  void on_command(const TopicParts& where, std::string_view payload) {
    Command c;
    try {
      c = parse_command(payload, cfg.fleet_keys);
    } catch (const std::exception& e) {
      log.warn("fleet", std::string("command refused: ") + e.what());
      ack("", "refused", e.what());
      return;
    }
    const int64_t now = now_ms();
    std::string refused;
    bool accepted = false;
    {
      std::lock_guard lock(mu);
      if (c.center != cfg.center || c.target != where.kiosk)
        refused = "addressed to another kiosk or center";
      else if (c.issued_ms < now - std::chrono::duration_cast<std::chrono::milliseconds>(cfg.command_lifetime).count())
        refused = "expired";
      else if (c.issued_ms > now + kFutureSlackMs)
        refused = "issued in the future (check the clocks)";
      else if (c.issued_ms <= last_obeyed_ms)
        refused = "replayed or older than the last command obeyed";
      else {
        last_obeyed_ms = c.issued_ms;
        accepted = true;
      }
    }
    if (!accepted) {
      log.warn("fleet", "command " + std::string(action_name(c.action)) + " refused: " + refused);
      ack(c.id, "refused", refused);
      return;
    }
    {
      std::lock_guard lock(mu);
      keep();
    }
    log.info("fleet", std::string("command accepted: ") + action_name(c.action));
    // Acknowledged before it is handed over: the UI thread may carry it out and say "done" at
    // once, and "accepted" must not arrive after that (an operator waiting on one kiosk stops at
    // its first answer past "accepted").
    ack(c.id, "accepted", "");
    {
      std::lock_guard lock(mu);
      commands.push_back(c);
    }
    if (wake) wake();
  }

  // The state that must survive a restart, written whole. mu held.
  void keep() {
    if (cfg.state_file.empty()) return;
    json j = {{"last_command_ms", last_obeyed_ms}};
    const char* names[2] = {"own", "all"};
    for (int i = 0; i < 2; ++i) j[names[i]] = {{"newest_ms", newest_config_ms[i]}, {"doc", config_doc[i]}};
    try {
      files::write_file_durable(cfg.state_file, j.dump() + "\n", 0600);
    } catch (const std::exception& e) {
      log.warn("fleet", std::string("what was obeyed is not kept: ") + e.what());
    }
  }

  // Why an override for this slot is not taken now, or "" to take it. mu held.
  std::string config_refusal(const ConfigOverride& c, const std::string& kiosk, int slot, const std::string& doc) const {
    const int64_t now = now_ms();
    if (c.center != cfg.center || c.target != kiosk) return "addressed to another kiosk or center";
    if (c.expires_ms <= now) return "expired";
    if (c.issued_ms > now + kFutureSlackMs) return "issued in the future (check the clocks)";
    if (c.issued_ms < newest_config_ms[slot]) return "replayed or older than the newest override taken";
    if (c.issued_ms == newest_config_ms[slot] && doc != config_doc[slot]) return "another override with the same time as the one taken";
    return "";
  }

  // Takes an override (or a clear) into its slot. mu held. Returns whether anything changed.
  bool take_config(const ConfigOverride& c, int slot, const std::string& doc) {
    if (c.issued_ms == newest_config_ms[slot] && doc == config_doc[slot]) return false;  // the same, again (retained)
    newest_config_ms[slot] = c.issued_ms;
    config_doc[slot] = doc;
    auto& in_force = slot == 0 ? own_config : all_config;
    if (c.clear)
      in_force.reset();
    else
      in_force = c;
    ++generation;
    return true;
  }

  void on_config(const TopicParts& where, std::string_view payload) {
    const bool own = where.kiosk != kAllKiosks;
    const int slot = own ? 0 : 1;
    if (payload.empty()) {
      // What a retained message's deletion looks like, and anyone who may write the topic can
      // send it: clearing takes a signed override.
      log.warn("fleet", "an unsigned empty override ignored: clearing one takes a signed override (kioskctl fleet config --clear)");
      return;
    }
    ConfigOverride c;
    try {
      c = parse_config(payload, cfg.fleet_keys);
    } catch (const std::exception& e) {
      log.warn("fleet", std::string("configuration override refused: ") + e.what());
      return;
    }
    const std::string doc(payload);
    bool changed = false;
    {
      std::lock_guard lock(mu);
      if (const std::string why = config_refusal(c, where.kiosk, slot, doc); !why.empty()) {
        log.warn("fleet", "configuration override refused: " + why);
        return;
      }
      changed = take_config(c, slot, doc);
      if (changed) keep();
    }
    if (!changed) return;
    log.info("fleet", std::string("configuration override ") + (c.clear ? "cleared" : "received") + (own ? " for this kiosk" : " for all"));
    if (wake) wake();
  }

  // The overrides kept before a restart, if they are still signed and in force.
  void restore(const Kept& k) {
    last_obeyed_ms = k.last_command_ms;
    for (int slot = 0; slot < 2; ++slot) {
      newest_config_ms[slot] = k.newest_ms[slot];
      if (k.doc[slot].empty()) continue;
      try {
        const ConfigOverride c = parse_config(k.doc[slot], cfg.fleet_keys);
        const std::string kiosk = slot == 0 ? cfg.kiosk_id : std::string(kAllKiosks);
        if (c.issued_ms != k.newest_ms[slot] || c.center != cfg.center || c.target != kiosk || c.expires_ms <= now_ms()) continue;
        config_doc[slot] = k.doc[slot];
        if (!c.clear) (slot == 0 ? own_config : all_config) = c;
      } catch (const std::exception& e) {
        log.warn("fleet", std::string("a kept override is not used: ") + e.what());
      }
    }
  }

  void on_message(const std::string& topic_name, std::string_view payload) {
    const auto where = split_topic(topic_name);
    if (!where || where->center != cfg.center) return;
    if (where->leaf == "command")
      on_command(*where, payload);
    else if (where->leaf == "config")
      on_config(*where, payload);
  }

  void run_health() {
    std::unique_lock lock(mu);
    while (!stopping) {
      lock.unlock();
      json report;
      try {
        report = source();
      } catch (const std::exception& e) {
        report = json{{"error", std::string("health not read: ") + e.what()}};
      }
      publish(report);
      lock.lock();
      cv.wait_for(lock, cfg.health_check_every, [&] { return stopping; });
    }
  }

  void publish(const json& report) {
    {
      std::lock_guard lock(mu);
      const bool changed = report != last_health;
      if (!changed && Clock::now() - last_health_at < cfg.health_every) return;
      last_health = report;
      last_health_at = Clock::now();
    }
    send_health(report);
  }
};

FleetAgent::FleetAgent(AgentConfig config, Logger& log, HealthSource health, std::function<void()> wake)
    : s_(std::make_unique<State>(std::move(config), log, std::move(health), std::move(wake))) {
  if (!valid_id(s_->cfg.center) || !valid_id(s_->cfg.kiosk_id) || s_->cfg.kiosk_id == kAllKiosks)
    throw FleetError("fleet center or kiosk id is not a plain name (letters, digits, - _ .)");
  if (s_->cfg.fleet_keys.empty()) throw FleetError("no fleet key: commands could not be checked");
  // The broker knows a kiosk by its certificate, "<center>/<kiosk id>", and lets it write only
  // there: a certificate issued for another name would have every message dropped unseen.
  const std::string identity = s_->cfg.center + "/" + s_->cfg.kiosk_id;
  if (const std::string name = certificate_name(s_->cfg.tls.cert); name != identity)
    throw FleetError("the fleet certificate " + s_->cfg.tls.cert + " is issued to '" + text::printable(name) + "', not to '" + identity +
                     "' (fleet_center/kiosk_id): the broker would refuse what this kiosk sends");
  s_->restore(read_kept(s_->cfg.state_file));
  State* s = s_.get();
  MqttClient::Handlers h;
  h.connected = [s] { s->on_connected(); };
  h.disconnected = [s](int reason) { s->on_disconnected(reason); };
  h.message = [s](const std::string& topic_name, std::string_view payload, bool) { s->on_message(topic_name, payload); };
  s_->client = std::make_unique<MqttClient>(identity, false, s_->cfg.tls, Will{s_->t("status"), "offline", true}, std::move(h),
                                            s_->cfg.keepalive_s);
  s_->client->start(s_->cfg.broker);
  if (s_->source) s_->health_thread = std::thread([s] { s->run_health(); });
}

FleetAgent::~FleetAgent() {
  {
    std::lock_guard lock(s_->mu);
    s_->stopping = true;
  }
  s_->cv.notify_all();
  if (s_->health_thread.joinable()) s_->health_thread.join();
  if (!s_->killed && s_->client->connected()) {
    s_->client->publish(s_->t("status"), "offline", 1, true);
    s_->client->wait_published(std::chrono::seconds(2));
  }
  s_->client.reset();
}

void FleetAgent::publish_health(const json& report) { s_->publish(report); }

std::vector<Command> FleetAgent::take_commands() {
  std::lock_guard lock(s_->mu);
  return std::exchange(s_->commands, {});
}

void FleetAgent::acknowledge(const Command& c, bool done, const std::string& detail) {
  s_->ack(c.id, done ? "done" : "failed", detail);
}

std::optional<ConfigOverride> FleetAgent::config_override() const {
  std::lock_guard lock(s_->mu);
  // One past its expiry is no longer in force (the caller looks at least once a minute).
  const int64_t now = now_ms();
  if (s_->own_config && s_->own_config->expires_ms > now) return s_->own_config;
  if (s_->all_config && s_->all_config->expires_ms > now) return s_->all_config;
  return std::nullopt;
}

uint64_t FleetAgent::config_generation() const {
  std::lock_guard lock(s_->mu);
  // An override past its expiry leaves: that is a change the kiosk must see.
  const int64_t now = now_ms();
  for (auto* slot : {&s_->own_config, &s_->all_config})
    if (*slot && (*slot)->expires_ms <= now) {
      slot->reset();
      ++s_->generation;
    }
  return s_->generation;
}

bool FleetAgent::connected() const { return s_->client->connected(); }

void FleetAgent::kill() {
  {
    std::lock_guard lock(s_->mu);
    s_->stopping = true;
    s_->killed = true;
  }
  s_->cv.notify_all();
  if (s_->health_thread.joinable()) s_->health_thread.join();
  s_->client->kill();
}

}  // namespace kiosk::fleet

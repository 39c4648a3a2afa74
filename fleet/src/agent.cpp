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

int64_t read_last_obeyed(const std::filesystem::path& file) {
  if (file.empty() || !std::filesystem::exists(file)) return 0;
  try {
    return std::stoll(files::read_file(file));
  } catch (const std::exception&) {
    return 0;
  }
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
    if (!cfg.state_file.empty()) {
      try {
        files::write_file_durable(cfg.state_file, std::to_string(c.issued_ms), 0600);
      } catch (const std::exception& e) {
        log.warn("fleet", std::string("the last command's time not kept: ") + e.what());
      }
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

  void on_config(const TopicParts& where, std::string_view payload) {
    const bool own = where.kiosk != kAllKiosks;
    if (payload.empty()) {  // the retained override was cleared
      std::lock_guard lock(mu);
      (own ? own_config : all_config).reset();
      ++generation;
    } else {
      ConfigOverride c;
      try {
        c = parse_config(payload, cfg.fleet_keys);
      } catch (const std::exception& e) {
        log.warn("fleet", std::string("configuration override refused: ") + e.what());
        return;
      }
      std::lock_guard lock(mu);
      auto& slot = own ? own_config : all_config;
      if (c.center != cfg.center || c.target != where.kiosk) {
        log.warn("fleet", "configuration override refused: addressed to another kiosk or center");
        return;
      }
      if (slot && c.issued_ms < slot->issued_ms) {
        log.warn("fleet", "configuration override refused: older than the one in force");
        return;
      }
      slot = c;
      ++generation;
    }
    log.info("fleet", std::string("configuration override ") + (payload.empty() ? "cleared" : "received") + (own ? " for this kiosk" : " for all"));
    if (wake) wake();
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
  s_->last_obeyed_ms = read_last_obeyed(s_->cfg.state_file);
  State* s = s_.get();
  MqttClient::Handlers h;
  h.connected = [s] { s->on_connected(); };
  h.disconnected = [s](int reason) { s->on_disconnected(reason); };
  h.message = [s](const std::string& topic_name, std::string_view payload, bool) { s->on_message(topic_name, payload); };
  s_->client = std::make_unique<MqttClient>(s_->cfg.kiosk_id, false, s_->cfg.tls, Will{s_->t("status"), "offline", true}, std::move(h),
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
  return s_->own_config ? s_->own_config : s_->all_config;
}

uint64_t FleetAgent::config_generation() const {
  std::lock_guard lock(s_->mu);
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

#include "fleet/operator.hpp"

#include <algorithm>

#include <condition_variable>
#include <map>
#include <mutex>

#include "fleet/topics.hpp"

namespace kiosk::fleet {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

// One operator connection: messages gathered under a lock, the caller waits on them.
struct Session {
  std::mutex mu;
  std::condition_variable cv;
  bool up = false;
  Clock::time_point last_message = Clock::now();
  std::vector<std::pair<std::string, std::string>> messages;
  std::vector<std::string> subscriptions;
  std::unique_ptr<MqttClient> client;

  Session(const OperatorLink& link, std::vector<std::string> subs) : subscriptions(std::move(subs)) {
    MqttClient::Handlers h;
    h.connected = [this] {
      // QoS 0: the broker queues at most max_queued_messages QoS 1 messages for a client beyond
      // those in flight, and a fleet's retained states and acknowledgements run to thousands.
      for (const auto& s : subscriptions) client->subscribe(s, 0);
      std::lock_guard lock(mu);
      up = true;
      last_message = Clock::now();
      cv.notify_all();
    };
    h.message = [this](const std::string& topic_name, std::string_view payload, bool) {
      std::lock_guard lock(mu);
      messages.emplace_back(topic_name, std::string(payload));
      last_message = Clock::now();
      cv.notify_all();
    };
    client = std::make_unique<MqttClient>("fleet-operator-" + random_id(), true, link.tls, std::nullopt, std::move(h), 30);
    client->start(link.broker);
    std::unique_lock lock(mu);
    if (!cv.wait_for(lock, link.connect_timeout, [&] { return up; }))
      throw FleetError("the fleet broker " + link.broker.host + ":" + std::to_string(link.broker.port) +
                       " did not accept the connection (address, certificate, or broker down)");
    lock.unlock();
    // Retained messages and acknowledgements are only sure to come once the broker has the
    // subscriptions.
    if (!client->wait_subscribed(static_cast<int>(subscriptions.size()), link.connect_timeout))
      throw FleetError("the fleet broker did not accept the subscriptions (the certificate's name may lack the rights)");
  }
  ~Session() { client.reset(); }
};

void check_center(const OperatorLink& link) {
  if (!valid_id(link.center)) throw FleetError("the center id is not a plain name (letters, digits, - _ .)");
}

}  // namespace

std::vector<KioskRow> read_fleet_status(const OperatorLink& link, std::chrono::milliseconds quiet) {
  check_center(link);
  Session s(link, {topic(link.center, "+", "status"), topic(link.center, "+", "health")});
  std::map<std::string, KioskRow> rows;
  {
    std::unique_lock lock(s.mu);
    const auto deadline = Clock::now() + std::chrono::seconds(10);
    while (Clock::now() < deadline && Clock::now() - s.last_message < quiet)
      s.cv.wait_until(lock, std::min(deadline, s.last_message + quiet));
    for (const auto& [name, payload] : s.messages) {
      const auto where = split_topic(name);
      if (!where || where->kiosk == kAllKiosks) continue;
      auto& row = rows[where->kiosk];
      row.kiosk = where->kiosk;
      if (where->leaf == "status") {
        row.status = payload == "online" || payload == "offline" ? payload : "?";
      } else if (where->leaf == "health") {
        row.health = json::parse(payload, nullptr, false);
        if (row.health.is_discarded()) row.health = json{{"error", "unreadable health report"}};
      }
    }
  }
  std::vector<KioskRow> out;
  for (auto& [id, row] : rows) out.push_back(std::move(row));
  return out;
}

std::vector<Acknowledgement> send_command(const OperatorLink& link, const Command& c, const content::SecretKey& key,
                                          std::chrono::milliseconds wait) {
  check_center(link);
  const std::string doc = command_document(c, key);
  Session s(link, {topic(link.center, "+", "ack")});
  // The subscription is sent before the command on the same connection, so the broker has it
  // when the first acknowledgement comes back.
  if (!s.client->publish(topic(link.center, c.target, "command"), doc, 1, false) || !s.client->wait_published(std::chrono::seconds(5)))
    throw FleetError("the broker did not take the command");
  std::vector<Acknowledgement> acks;
  std::unique_lock lock(s.mu);
  const auto deadline = Clock::now() + wait;
  std::size_t seen = 0;
  bool finished = false;
  while (!finished && Clock::now() < deadline) {
    s.cv.wait_until(lock, deadline, [&] { return s.messages.size() > seen; });
    for (; seen < s.messages.size(); ++seen) {
      const json a = json::parse(s.messages[seen].second, nullptr, false);
      const auto where = split_topic(s.messages[seen].first);
      if (a.is_discarded() || !a.is_object() || !where) continue;
      const std::string id = a.value("id", "");
      if (!id.empty() && id != c.id) continue;  // another operator's command
      Acknowledgement ack{where->kiosk, id, a.value("result", ""), a.value("detail", "")};
      acks.push_back(ack);
      if (c.target != kAllKiosks && ack.result != "accepted") finished = true;
    }
  }
  return acks;
}

void publish_config(const OperatorLink& link, const ConfigOverride& c, const content::SecretKey& key, bool clear) {
  check_center(link);
  // Clearing is a signed override too, retained in the override's place: a kiosk ignores an
  // empty message, and one that restarts later must still see the clear.
  ConfigOverride sent = c;
  if (clear) {
    sent.clear = true;
    sent.issued_ms = std::max(c.issued_ms, now_ms());  // newer than the override it clears
    sent.expires_ms = 0;
    sent.announcement.clear();
    sent.idle_seconds.reset();
  }
  const std::string doc = config_document(sent, key);
  Session s(link, {});
  if (!s.client->publish(topic(link.center, c.target, "config"), doc, 1, true) || !s.client->wait_published(std::chrono::seconds(5)))
    throw FleetError("the broker did not take the configuration");
}

}  // namespace kiosk::fleet

// A client of the fleet's MQTT broker on libmosquitto: always TLS with a client certificate (the
// broker knows each kiosk by its certificate's name), MQTT 3.1.1, a network thread of its own that
// reconnects after any loss (1 s, doubling to 60 s). Handlers run on that thread.
#pragma once
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk::fleet {

struct BrokerAddress {
  std::string host;
  int port = 8883;
};
// "mqtts://host[:port]"; throws FleetError otherwise (the fleet never talks MQTT in the clear).
BrokerAddress parse_broker_url(std::string_view url);

struct TlsFiles {
  std::string ca;    // the fleet CA, which signed the broker's certificate
  std::string cert;  // this client's certificate and its key
  std::string key;
};

// The common name in a PEM certificate: the name the broker knows its client by. Throws
// FleetError when the file is not a certificate.
std::string certificate_name(const std::string& cert_file);

struct Will {
  std::string topic, payload;
  bool retain = true;
};

class MqttClient {
 public:
  struct Handlers {
    std::function<void()> connected;            // (again) connected: subscribe here
    std::function<void(int reason)> disconnected;  // 0: asked for
    std::function<void(const std::string& topic, std::string_view payload, bool retained)> message;
  };
  MqttClient(const std::string& client_id, bool clean_session, const TlsFiles& tls, const std::optional<Will>& will,
             Handlers handlers, int keepalive_s = 60);
  ~MqttClient();  // a clean disconnect: the broker does not send the will
  MqttClient(const MqttClient&) = delete;
  MqttClient& operator=(const MqttClient&) = delete;

  void start(const BrokerAddress& broker);  // returns at once; connects in the background
  // Queued for sending (false when the library refused it, e.g. too large).
  bool publish(const std::string& topic, std::string_view payload, int qos, bool retain);
  void subscribe(const std::string& pattern, int qos);
  // Until the broker has acknowledged `count` subscriptions since this client was made.
  bool wait_subscribed(int count, std::chrono::milliseconds timeout);
  bool connected() const;
  // Until every QoS 1 message published so far is acknowledged by the broker, or the timeout.
  bool wait_published(std::chrono::milliseconds timeout);
  void disconnect();
  // The connection cut with no goodbye, as when the kiosk loses power: the broker sends the will.
  // The client is of no use afterwards (the fleet bench and the tests).
  void kill();

 private:
  struct State;
  std::unique_ptr<State> s_;
};

}  // namespace kiosk::fleet

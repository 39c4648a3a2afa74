#include "fleet/mqtt_client.hpp"

#include <mosquitto.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <sys/socket.h>

#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <set>

#include "fleet/messages.hpp"

namespace kiosk::fleet {

namespace {
struct FileClose {
  void operator()(std::FILE* f) const { std::fclose(f); }
};
struct X509Free {
  void operator()(X509* x) const { X509_free(x); }
};
}  // namespace

std::string certificate_name(const std::string& cert_file) {
  std::unique_ptr<std::FILE, FileClose> f(std::fopen(cert_file.c_str(), "r"));
  if (!f) throw FleetError("cannot read the certificate " + cert_file);
  std::unique_ptr<X509, X509Free> cert(PEM_read_X509(f.get(), nullptr, nullptr, nullptr));
  if (!cert) throw FleetError(cert_file + " is not a PEM certificate");
  char name[256] = {};
  const int n = X509_NAME_get_text_by_NID(X509_get_subject_name(cert.get()), NID_commonName, name, sizeof name);
  if (n <= 0) throw FleetError(cert_file + " names no common name");
  return std::string(name, static_cast<size_t>(n));
}

namespace {

// mosquitto_lib_init is the library's one-time set-up; it holds no state of ours.
void init_library() {
  static const int once = mosquitto_lib_init();
  (void)once;
}

void must(int rc, const char* what) {
  if (rc != MOSQ_ERR_SUCCESS) throw FleetError(std::string(what) + ": " + mosquitto_strerror(rc));
}

}  // namespace

BrokerAddress parse_broker_url(std::string_view url) {
  constexpr std::string_view scheme = "mqtts://";
  if (url.substr(0, scheme.size()) != scheme) throw FleetError("broker address must be mqtts://host[:port]");
  url.remove_prefix(scheme.size());
  while (!url.empty() && url.back() == '/') url.remove_suffix(1);
  BrokerAddress b;
  const auto colon = url.rfind(':');
  b.host = std::string(url.substr(0, colon));
  if (colon != std::string_view::npos) {
    try {
      std::size_t used = 0;
      b.port = std::stoi(std::string(url.substr(colon + 1)), &used);
      if (used != url.size() - colon - 1) throw FleetError("");
    } catch (const std::exception&) {
      throw FleetError("broker address has a bad port");
    }
  }
  if (b.host.empty() || b.port <= 0 || b.port > 65535) throw FleetError("broker address lacks a host or has a bad port");
  return b;
}

struct MqttClient::State {
  struct Deleter {
    void operator()(mosquitto* client) const { mosquitto_destroy(client); }
  };
  std::unique_ptr<mosquitto, Deleter> m;
  Handlers handlers;
  bool started = false;
  mutable std::mutex mu;
  std::condition_variable cv;
  bool is_connected = false;
  std::set<int> unacked;
  std::set<int> acked_early;  // PUBACKs handled before publish() recorded their message
  int keepalive = 60;
  int subacks = 0;

  static State& of(void* obj) { return *static_cast<State*>(obj); }
};

MqttClient::MqttClient(const std::string& client_id, bool clean_session, const TlsFiles& tls, const std::optional<Will>& will,
                       Handlers handlers, int keepalive_s)
    : s_(std::make_unique<State>()) {
  init_library();
  s_->handlers = std::move(handlers);
  s_->m.reset(mosquitto_new(client_id.c_str(), clean_session, s_.get()));
  if (!s_->m) throw FleetError("MQTT client not created");
  mosquitto* m = s_->m.get();
  must(mosquitto_int_option(m, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V311), "MQTT protocol");
  must(mosquitto_tls_set(m, tls.ca.c_str(), nullptr, tls.cert.c_str(), tls.key.c_str(), nullptr), "MQTT TLS files");
  must(mosquitto_tls_opts_set(m, 1, "tlsv1.2", nullptr), "MQTT TLS options");
  if (will) must(mosquitto_will_set(m, will->topic.c_str(), static_cast<int>(will->payload.size()), will->payload.data(), 1, will->retain), "MQTT will");
  must(mosquitto_reconnect_delay_set(m, 1, 60, true), "MQTT reconnect delay");
  mosquitto_connect_callback_set(m, [](mosquitto*, void* obj, int rc) {
    State& s = State::of(obj);
    if (rc != 0) return;  // refused (e.g. not authorised): the library tries again later
    {
      std::lock_guard lock(s.mu);
      s.is_connected = true;
    }
    if (s.handlers.connected) s.handlers.connected();
  });
  mosquitto_disconnect_callback_set(m, [](mosquitto*, void* obj, int rc) {
    State& s = State::of(obj);
    {
      std::lock_guard lock(s.mu);
      s.is_connected = false;
    }
    s.cv.notify_all();
    if (s.handlers.disconnected) s.handlers.disconnected(rc);
  });
  mosquitto_publish_callback_set(m, [](mosquitto*, void* obj, int mid) {
    State& s = State::of(obj);
    {
      std::lock_guard lock(s.mu);
      if (s.unacked.erase(mid) == 0) s.acked_early.insert(mid);
    }
    s.cv.notify_all();
  });
  mosquitto_subscribe_callback_set(m, [](mosquitto*, void* obj, int, int, const int*) {
    State& s = State::of(obj);
    {
      std::lock_guard lock(s.mu);
      ++s.subacks;
    }
    s.cv.notify_all();
  });
  mosquitto_message_callback_set(m, [](mosquitto*, void* obj, const mosquitto_message* msg) {
    State& s = State::of(obj);
    if (!s.handlers.message || !msg->topic) return;
    s.handlers.message(msg->topic, std::string_view(static_cast<const char*>(msg->payload), static_cast<std::size_t>(msg->payloadlen)),
                       msg->retain);
  });
  s_->keepalive = keepalive_s;
}

MqttClient::~MqttClient() {
  if (!s_ || !s_->m) return;
  if (s_->started) disconnect();
}

void MqttClient::start(const BrokerAddress& broker) {
  // A broker that cannot be reached now is not an error: the network thread keeps trying.
  mosquitto_connect_async(s_->m.get(), broker.host.c_str(), broker.port, s_->keepalive);
  must(mosquitto_loop_start(s_->m.get()), "MQTT network thread");
  s_->started = true;
}

bool MqttClient::publish(const std::string& topic, std::string_view payload, int qos, bool retain) {
  int mid = 0;
  // Not under our lock: the network thread may hold the library's while it takes ours.
  const int rc = mosquitto_publish(s_->m.get(), &mid, topic.c_str(), static_cast<int>(payload.size()), payload.data(), qos, retain);
  if (rc != MOSQ_ERR_SUCCESS) return false;
  if (qos > 0) {
    std::lock_guard lock(s_->mu);
    if (s_->acked_early.erase(mid) == 0) s_->unacked.insert(mid);
  }
  return true;
}

void MqttClient::subscribe(const std::string& pattern, int qos) { mosquitto_subscribe(s_->m.get(), nullptr, pattern.c_str(), qos); }

bool MqttClient::wait_subscribed(int count, std::chrono::milliseconds timeout) {
  std::unique_lock lock(s_->mu);
  return s_->cv.wait_for(lock, timeout, [&] { return s_->subacks >= count; });
}

bool MqttClient::connected() const {
  std::lock_guard lock(s_->mu);
  return s_->is_connected;
}

bool MqttClient::wait_published(std::chrono::milliseconds timeout) {
  std::unique_lock lock(s_->mu);
  return s_->cv.wait_for(lock, timeout, [&] { return s_->unacked.empty() || !s_->is_connected; }) && s_->unacked.empty();
}

void MqttClient::disconnect() {
  if (!s_->started) return;
  const bool was_connected = connected();
  mosquitto_disconnect(s_->m.get());
  // A thread waiting out its reconnect delay would only notice the stop after it: cancel it.
  mosquitto_loop_stop(s_->m.get(), !was_connected);
  s_->started = false;
}

void MqttClient::kill() {
  if (!s_->started) return;
  mosquitto_loop_stop(s_->m.get(), true);
  const int fd = mosquitto_socket(s_->m.get());
  if (fd >= 0) shutdown(fd, SHUT_RDWR);
  s_->started = false;
}

}  // namespace kiosk::fleet

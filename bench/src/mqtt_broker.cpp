#include "rig/mqtt_broker.hpp"

#include <unistd.h>

#include <fstream>
#include <stdexcept>

#include "common/files.hpp"
#include "rig/local_process.hpp"

namespace kiosk::rig {

namespace {

std::filesystem::path make_dir() {
  char tmpl[] = "/tmp/kiosk-mqtt-XXXXXX";
  if (!mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
  return tmpl;
}

void replace_all(std::string& s, const std::string& from, const std::string& to) {
  for (auto at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
}

}  // namespace

MqttBroker::MqttBroker(std::filesystem::path config_dir) : dir_(make_dir()), ca_(dir_ / "pki") {
  if (config_dir.empty()) config_dir = KIOSK_FLEET_CONFIG_DIR;
  ca_.issue_server("broker");
  const std::string d = dir_.string();
  std::filesystem::create_directories(dir_ / "data");
  port_ = free_port();
  std::string conf = files::read_file(config_dir / "mosquitto.conf");
  replace_all(conf, "/etc/tthc-fleet/acl", d + "/acl");
  replace_all(conf, "/etc/tthc-fleet/", d + "/pki/");
  replace_all(conf, "/var/lib/mosquitto/", d + "/data/");
  replace_all(conf, "listener 8883", "listener " + std::to_string(port_) + " 127.0.0.1");
  // Run as root (the CI), mosquitto would drop to its own user, who cannot read these files.
  if (geteuid() == 0) conf += "user root\n";
  conf += "log_dest file " + d + "/mosquitto.log\nlog_type error\nlog_type warning\nlog_type notice\nlog_type information\n";
  files::write_file_durable(dir_ / "mosquitto.conf", conf);
  files::write_file_durable(dir_ / "acl", files::read_file(config_dir / "acl"));
  start();
}

MqttBroker::~MqttBroker() {
  stop();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

std::string MqttBroker::url() const { return "mqtts://127.0.0.1:" + std::to_string(port_); }

void MqttBroker::start() {
  if (pid_ > 0) return;
  pid_ = spawn("mosquitto", {"-c", (dir_ / "mosquitto.conf").string()}, (dir_ / "stdout.log").string());
  if (!wait_listening(port_, 5000)) {
    stop();
    throw std::runtime_error("mosquitto did not start: " + log());
  }
}

void MqttBroker::stop() {
  terminate(pid_);
  pid_ = -1;
}

std::string MqttBroker::log() const {
  std::string out;
  for (const char* f : {"stdout.log", "mosquitto.log"})
    if (std::filesystem::exists(dir_ / f)) out += files::read_file(dir_ / f);
  return out;
}

}  // namespace kiosk::rig

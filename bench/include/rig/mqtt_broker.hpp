// A real mosquitto on 127.0.0.1 running the fleet's shipped configuration (installer/fleet:
// TLS with client certificates, the ACL), its paths and port rewritten to a directory of its
// own, with a test CA for the broker and its clients. Stopped on destruction.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "rig/test_ca.hpp"

namespace kiosk::rig {

class MqttBroker {
 public:
  // `config_dir`: where mosquitto.conf and acl are (default: the source tree's installer/fleet).
  explicit MqttBroker(std::filesystem::path config_dir = {});
  ~MqttBroker();
  MqttBroker(const MqttBroker&) = delete;
  MqttBroker& operator=(const MqttBroker&) = delete;

  std::string url() const;  // mqtts://127.0.0.1:PORT
  int pid() const { return pid_; }
  CertFiles client(const std::string& name) { return ca_.issue_client(name); }
  std::vector<CertFiles> clients(const std::vector<std::string>& names) { return ca_.issue_clients(names); }
  void stop();
  void start();  // again, on the same port (retained messages kept on disk)
  std::string log() const;

 private:
  std::filesystem::path dir_;
  TestCa ca_;
  int port_ = 0;
  int pid_ = -1;
};

}  // namespace kiosk::rig

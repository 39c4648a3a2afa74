// A throwaway certificate authority made with openssl for the rig's servers and clients
// (EC P-256, valid two days). Files are written into `dir`: ca.pem, <name>.pem, <name>.key.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace kiosk::rig {

struct CertFiles {
  std::string ca, cert, key;
};

class TestCa {
 public:
  explicit TestCa(std::filesystem::path dir);
  const std::string& ca() const { return ca_; }
  // A server certificate for 127.0.0.1 (its name and IP address).
  CertFiles issue_server(const std::string& name);
  // A client certificate whose common name is `name` (the broker's user name).
  CertFiles issue_client(const std::string& name);
  // Many at once (the fleet bench): one shared key, `parallel` openssl processes at a time.
  std::vector<CertFiles> issue_clients(const std::vector<std::string>& names, int parallel = 4);

 private:
  std::filesystem::path dir_;
  std::string ca_, ca_key_;
};

}  // namespace kiosk::rig

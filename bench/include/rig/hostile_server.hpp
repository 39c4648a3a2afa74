// A real nginx on 127.0.0.1 that misbehaves the ways a network can, for the test that sends every
// HTTP client of the kiosk through the same cases (tests/common/test_hostile_server.cpp). Each
// case is a base address; a client appends its own paths to it, and every path, GET or POST,
// meets the same behaviour:
//   redirect()   302 to another host (https://evil.example/…)
//   oversize()   200 with a 2 MiB JSON body
//   drip()       200 with a JSON body sent at 20 bytes a second
//   bad_tls()    TLS with a certificate from a CA the clients do not trust
//   plain_http() plain http (clients refuse it unless allowed, and then only to this machine)
//   fine()       200 {} over TLS the clients trust (the control case)
#pragma once
#include <filesystem>
#include <string>

namespace kiosk::rig {

class HostileServer {
 public:
  HostileServer();
  ~HostileServer();
  HostileServer(const HostileServer&) = delete;
  HostileServer& operator=(const HostileServer&) = delete;

  std::string redirect() const { return tls_base("redirect"); }
  std::string oversize() const { return tls_base("huge"); }
  std::string drip() const { return tls_base("drip"); }
  std::string fine() const { return tls_base("fine"); }
  std::string bad_tls() const;
  std::string plain_http() const;
  std::string ca_bundle() const { return (dir_ / "ca.pem").string(); }  // the CA of every case but bad_tls
  // Requests nginx logged on one case's listener (the access log is per port).
  int requests_on_plain_http() const;
  int requests_on_bad_tls() const;

 private:
  std::string tls_base(const std::string& path) const;
  int count(const std::string& log) const;
  std::filesystem::path dir_;
  int tls_port_ = 0, bad_port_ = 0, plain_port_ = 0;
  int pid_ = -1;
};

}  // namespace kiosk::rig

// A real nginx serving a directory over TLS on 127.0.0.1, with a test CA made for it
// (openssl), for the fleet's content channel (tests, kioskctl bench fleet). Started per test, stopped on destruction.
#pragma once
#include <filesystem>
#include <string>

namespace kiosk::rig {

class HttpsServer {
 public:
  // /slow/… serves the same files, the first kilobyte at once, then 100 bytes a second.
  HttpsServer();
  int pid() const { return pid_; }
  ~HttpsServer();
  HttpsServer(const HttpsServer&) = delete;
  HttpsServer& operator=(const HttpsServer&) = delete;

  const std::filesystem::path& root() const { return www_; }  // what is served
  std::string url(const std::string& path) const;             // https://127.0.0.1:PORT/path
  std::string ca_bundle() const { return (dir_ / "ca.pem").string(); }
  // From the access log, which nginx writes just after answering: with `expect`, waits (up to
  // 3 s) for that many lines before counting.
  int requests_for(const std::string& path, int status, int expect = -1) const;
  void stop();

 private:
  std::filesystem::path dir_, www_;
  int port_ = 0;
  int pid_ = -1;
};

}  // namespace kiosk::rig

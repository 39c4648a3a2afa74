#include "rig/https_server.hpp"

#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "nginx_process.hpp"
#include "rig/local_process.hpp"
#include "rig/test_ca.hpp"

namespace kiosk::rig {

HttpsServer::HttpsServer() {
  char tmpl[] = "/tmp/kiosk-https-XXXXXX";
  if (!mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
  dir_ = tmpl;
  www_ = dir_ / "www";
  std::filesystem::create_directories(www_);
  const std::string d = dir_.string();
  TestCa ca(dir_);
  ca.issue_server("server");
  port_ = free_port();
  std::ostringstream conf;
  conf << nginx_config_head(dir_) << "  server {\n    listen 127.0.0.1:" << port_ << " ssl;\n"
       << "    ssl_certificate " << d << "/server.pem;\n    ssl_certificate_key " << d << "/server.key;\n"
       << "    root " << www_.string() << ";\n"
       << "    location /slow/ { alias " << www_.string() << "/; limit_rate_after 1k; limit_rate 100; }\n  }\n}\n";
  pid_ = start_nginx(dir_, conf.str(), {port_});
}

HttpsServer::~HttpsServer() {
  stop();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

void HttpsServer::stop() {
  if (pid_ <= 0) return;
  terminate(pid_);
  pid_ = -1;
}

std::string HttpsServer::url(const std::string& path) const { return "https://127.0.0.1:" + std::to_string(port_) + "/" + path; }

int HttpsServer::requests_for(const std::string& path, int status, int expect) const {
  const std::string want = "\"GET /" + path + " HTTP/1.1\" " + std::to_string(status) + " ";
  int n = 0;
  for (int attempt = 0; attempt < 150; ++attempt) {
    std::ifstream log(dir_ / "logs" / "access.log");
    std::string line;
    n = 0;
    while (std::getline(log, line))
      if (line.find(want) != std::string::npos) ++n;
    if (expect < 0 || n >= expect) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return n;
}

}  // namespace kiosk::rig

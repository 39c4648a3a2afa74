#include "rig/hostile_server.hpp"

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

HostileServer::HostileServer() {
  char tmpl[] = "/tmp/kiosk-hostile-XXXXXX";
  if (!mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
  dir_ = tmpl;
  const auto www = dir_ / "www";
  std::filesystem::create_directories(www);
  std::filesystem::create_directories(dir_ / "other-ca");
  TestCa(dir_).issue_server("server");
  TestCa(dir_ / "other-ca").issue_server("server");
  {
    // Valid JSON, far past any client's cap.
    std::ofstream huge(www / "huge.json");
    huge << "{\"pad\":\"" << std::string(2 << 20, 'x') << "\"}";
    std::ofstream(www / "drip.json") << "{\"status\":\"paid\",\"pad\":\"" << std::string(400, 'x') << "\"}";
    std::ofstream(www / "fine.json") << "{}";
  }
  tls_port_ = free_port();
  bad_port_ = free_port();
  plain_port_ = free_port();
  const std::string d = dir_.string(), w = www.string();
  std::ostringstream c;
  // A POST to a static file is 405 in nginx: turned into the same 200, so POSTs meet the case too.
  const std::string serve = "    root " + w + ";\n    default_type application/json;\n    error_page 405 =200 $uri;\n";
  c << nginx_config_head(dir_) << "  server {\n    listen 127.0.0.1:" << tls_port_ << " ssl;\n"
    << "    ssl_certificate " << d << "/server.pem;\n    ssl_certificate_key " << d << "/server.key;\n" << serve
    // Prefixes without a slash: the base address itself (a health ping) meets the case too.
    << "    location /redirect { return 302 https://evil.example/steal; }\n"
    << "    location /huge { rewrite ^ /huge.json break; }\n"
    << "    location /drip { rewrite ^ /drip.json break; limit_rate 20; }\n"
    << "    location /fine { rewrite ^ /fine.json break; }\n  }\n"
    << "  server {\n    listen 127.0.0.1:" << bad_port_ << " ssl;\n    access_log " << d << "/logs/bad-tls.log;\n"
    << "    ssl_certificate " << d << "/other-ca/server.pem;\n    ssl_certificate_key " << d << "/other-ca/server.key;\n"
    << serve << "    location / { rewrite ^ /fine.json break; }\n  }\n"
    << "  server {\n    listen 127.0.0.1:" << plain_port_ << ";\n    access_log " << d << "/logs/plain.log;\n" << serve
    << "    location / { rewrite ^ /fine.json break; }\n  }\n}\n";
  pid_ = start_nginx(dir_, c.str(), {tls_port_, bad_port_, plain_port_});
}

HostileServer::~HostileServer() {
  if (pid_ > 0) terminate(pid_);
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

std::string HostileServer::tls_base(const std::string& path) const {
  return "https://127.0.0.1:" + std::to_string(tls_port_) + "/" + path;
}
std::string HostileServer::bad_tls() const { return "https://127.0.0.1:" + std::to_string(bad_port_) + "/fine"; }
std::string HostileServer::plain_http() const { return "http://127.0.0.1:" + std::to_string(plain_port_) + "/fine"; }

int HostileServer::count(const std::string& log) const {
  // nginx writes its access log just after answering: a moment for the last line.
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  std::ifstream in(dir_ / "logs" / log);
  int n = 0;
  for (std::string line; std::getline(in, line);) ++n;
  return n;
}
int HostileServer::requests_on_plain_http() const { return count("plain.log"); }
int HostileServer::requests_on_bad_tls() const { return count("bad-tls.log"); }

}  // namespace kiosk::rig

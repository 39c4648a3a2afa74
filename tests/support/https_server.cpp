#include "https_server.hpp"

#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "process.hpp"

namespace kiosk::test {

namespace {

int free_port() {
  const int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof a;
  if (bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || getsockname(s, reinterpret_cast<sockaddr*>(&a), &len) != 0) {
    close(s);
    throw std::runtime_error("no free port");
  }
  close(s);
  return ntohs(a.sin_port);
}

bool listening(int port) {
  const int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  a.sin_port = htons(static_cast<uint16_t>(port));
  const bool ok = connect(s, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
  close(s);
  return ok;
}

void must(const RunResult& r, const char* what) {
  if (r.exit_code != 0) throw std::runtime_error(std::string(what) + " failed: " + r.err);
}

}  // namespace

HttpsServer::HttpsServer() {
  char tmpl[] = "/tmp/kiosk-https-XXXXXX";
  if (!mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
  dir_ = tmpl;
  www_ = dir_ / "www";
  std::filesystem::create_directories(www_);
  std::filesystem::create_directories(dir_ / "logs");
  const std::string d = dir_.string();
  must(run_program("openssl", {"req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
                               d + "/ca.key", "-out", d + "/ca.pem", "-days", "2", "-subj", "/CN=kiosk test CA"}),
       "openssl CA");
  must(run_program("openssl", {"req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
                               d + "/server.key", "-out", d + "/server.csr", "-subj", "/CN=127.0.0.1"}),
       "openssl request");
  std::ofstream(dir_ / "san.ext") << "subjectAltName=IP:127.0.0.1\n";
  must(run_program("openssl", {"x509", "-req", "-in", d + "/server.csr", "-CA", d + "/ca.pem", "-CAkey", d + "/ca.key",
                               "-CAcreateserial", "-out", d + "/server.pem", "-days", "2", "-extfile", d + "/san.ext"}),
       "openssl sign");
  port_ = free_port();
  std::ofstream(dir_ / "nginx.conf") << "daemon off;\nmaster_process off;\nuser root;\npid " << d << "/nginx.pid;\n"
                                     << "error_log " << d << "/logs/error.log warn;\nevents { worker_connections 256; }\n"
                                     << "http {\n  access_log " << d << "/logs/access.log;\n"
                                     << "  client_body_temp_path " << d << "/tmp-body;\n  proxy_temp_path " << d << "/tmp-proxy;\n"
                                     << "  fastcgi_temp_path " << d << "/tmp-fcgi;\n  uwsgi_temp_path " << d << "/tmp-uwsgi;\n"
                                     << "  scgi_temp_path " << d << "/tmp-scgi;\n"
                                     << "  server {\n    listen 127.0.0.1:" << port_ << " ssl;\n"
                                     << "    ssl_certificate " << d << "/server.pem;\n    ssl_certificate_key " << d << "/server.key;\n"
                                     << "    root " << www_.string() << ";\n"
                                     << "    location /slow/ { alias " << www_.string() << "/; limit_rate_after 1k; limit_rate 100; }\n  }\n}\n";
  const std::string conf = (dir_ / "nginx.conf").string();
  pid_ = fork();
  if (pid_ == 0) {
    execlp("nginx", "nginx", "-p", d.c_str(), "-c", conf.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  for (int i = 0; i < 200 && !listening(port_); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  if (!listening(port_)) {
    stop();
    throw std::runtime_error("nginx did not start (see " + d + "/logs/error.log)");
  }
}

HttpsServer::~HttpsServer() {
  stop();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

void HttpsServer::stop() {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  waitpid(pid_, nullptr, 0);
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

}  // namespace kiosk::test

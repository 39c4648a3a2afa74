#include "rig/test_ca.hpp"

#include <sys/wait.h>

#include <stdexcept>

#include "rig/local_process.hpp"

namespace kiosk::rig {

namespace {

std::vector<std::string> new_key(const std::string& key_path) {
  return {"-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key_path};
}

}  // namespace

TestCa::TestCa(std::filesystem::path dir) : dir_(std::move(dir)) {
  std::filesystem::create_directories(dir_);
  ca_ = (dir_ / "ca.pem").string();
  ca_key_ = (dir_ / "ca.key").string();
  std::vector<std::string> args = {"req", "-x509"};
  for (auto& a : new_key(ca_key_)) args.push_back(a);
  for (const char* a : {"-days", "2", "-subj", "/CN=kiosk test CA", "-out"}) args.emplace_back(a);
  args.push_back(ca_);
  run_checked("openssl", args);
}

CertFiles TestCa::issue_server(const std::string& name) {
  CertFiles f{ca_, (dir_ / (name + ".pem")).string(), (dir_ / (name + ".key")).string()};
  std::vector<std::string> args = {"req", "-x509"};
  for (auto& a : new_key(f.key)) args.push_back(a);
  for (const std::string& a : {std::string("-CA"), ca_, std::string("-CAkey"), ca_key_, std::string("-days"), std::string("2"),
                               std::string("-subj"), std::string("/CN=127.0.0.1"), std::string("-addext"),
                               std::string("subjectAltName=IP:127.0.0.1,DNS:localhost"), std::string("-out"), f.cert})
    args.push_back(a);
  run_checked("openssl", args);
  return f;
}

CertFiles TestCa::issue_client(const std::string& name) { return issue_clients({name}, 1).front(); }

std::vector<CertFiles> TestCa::issue_clients(const std::vector<std::string>& names, int parallel) {
  const std::string shared_key = (dir_ / "clients.key").string();
  if (!std::filesystem::exists(shared_key))
    run_checked("openssl", {"genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", shared_key});
  std::vector<CertFiles> out;
  std::vector<int> running;
  const std::string log = (dir_ / "openssl.log").string();
  auto reap_one = [&] {
    int status = 0;
    const int pid = waitpid(running.front(), &status, 0);
    running.erase(running.begin());
    if (pid < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) throw std::runtime_error("openssl failed to issue a client certificate (" + log + ")");
  };
  for (const auto& name : names) {
    std::string file = name;  // "<center>/<kiosk>" names a file, not a directory
    for (auto& ch : file)
      if (ch == '/') ch = '_';
    CertFiles f{ca_, (dir_ / (file + ".pem")).string(), shared_key};
    std::string subject = "/CN=";  // openssl's -subj separates fields with '/': a '/' in a name is escaped
    for (char ch : name) subject += ch == '/' ? std::string("\\/") : std::string(1, ch);
    running.push_back(spawn("openssl", {"req", "-x509", "-new", "-key", shared_key, "-CA", ca_, "-CAkey", ca_key_, "-days", "2", "-subj",
                                        subject, "-out", f.cert},
                            log));
    out.push_back(f);
    if (static_cast<int>(running.size()) >= parallel) reap_one();
  }
  while (!running.empty()) reap_one();
  return out;
}

}  // namespace kiosk::rig

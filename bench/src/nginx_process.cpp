#include "nginx_process.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "rig/local_process.hpp"

namespace kiosk::rig {

std::string nginx_config_head(const std::filesystem::path& dir) {
  const std::string d = dir.string();
  std::filesystem::create_directories(dir / "logs");
  std::ostringstream c;
  c << "daemon off;\nmaster_process off;\nuser root;\npid " << d << "/nginx.pid;\n"
    << "error_log " << d << "/logs/error.log warn;\nevents { worker_connections 2048; }\n"
    << "http {\n  access_log " << d << "/logs/access.log;\n"
    << "  client_body_temp_path " << d << "/tmp-body;\n  proxy_temp_path " << d << "/tmp-proxy;\n"
    << "  fastcgi_temp_path " << d << "/tmp-fcgi;\n  uwsgi_temp_path " << d << "/tmp-uwsgi;\n"
    << "  scgi_temp_path " << d << "/tmp-scgi;\n";
  return c.str();
}

int start_nginx(const std::filesystem::path& dir, const std::string& config, const std::vector<int>& ports) {
  const std::string d = dir.string();
  std::ofstream(dir / "nginx.conf") << config;
  const int pid = spawn("nginx", {"-p", d, "-c", (dir / "nginx.conf").string()}, d + "/logs/nginx.out");
  for (int port : ports) {
    if (!wait_listening(port, 4000)) {
      terminate(pid);
      throw std::runtime_error("nginx did not start (see " + d + "/logs/error.log)");
    }
  }
  return pid;
}

}  // namespace kiosk::rig

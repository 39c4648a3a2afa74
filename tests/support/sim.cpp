#include "sim.hpp"

#include <stdexcept>

namespace kiosk::test {

SimServer::SimServer() {
  const std::string fixtures = std::string(KIOSK_SOURCE_DIR) + "/tests/sim/dossiers.json";
  proc_ = std::make_unique<BackgroundTool>("dossier-sim", std::vector<std::string>{"--fixtures", fixtures, "--port", "0"},
                                           (tmp_.path() / "ready").string());
  url_ = "http://127.0.0.1:" + proc_->ready("http");
}

nlohmann::json SimServer::call(const std::string& path, const std::string& body) const {
  std::vector<std::string> args = {"-s", "-f"};
  if (!body.empty()) args.insert(args.end(), {"-H", "Content-Type: application/json", "-d", body});
  args.push_back(url_ + path);
  const auto r = run_program("curl", args);
  if (r.exit_code != 0) throw std::runtime_error("sim call " + path + " failed: " + r.err);
  return nlohmann::json::parse(r.out);
}

}  // namespace kiosk::test

// Test support: the one-stop backend stand-in (tests/sim/dossier-sim) on a free loopback port for
// the length of a test, and its control calls.
#pragma once
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "common/files.hpp"
#include "process.hpp"

namespace kiosk::test {

class SimServer {
 public:
  SimServer();
  const std::string& url() const { return url_; }
  // A control or data call with curl (POST when `body` is given); the answer as JSON.
  nlohmann::json call(const std::string& path, const std::string& body = {}) const;

 private:
  files::TempDir tmp_;
  std::unique_ptr<BackgroundTool> proc_;
  std::string url_;
};

}  // namespace kiosk::test

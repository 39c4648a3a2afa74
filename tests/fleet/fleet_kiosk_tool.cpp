// A kiosk's fleet agent alone, in a process of its own, for the tests that kill it (the broker
// must then publish its last will). Publishes one health report, writes "ready" to its ready
// file, and runs until killed.
#include <unistd.h>

#include <fstream>
#include <iostream>
#include <string>

#include "common/log.hpp"
#include "content/signing.hpp"
#include "fleet/agent.hpp"

int main(int argc, char** argv) {
  if (argc != 10) {
    std::cerr << "usage: fleet_kiosk_tool BROKER CA CERT KEY CENTER KIOSK FLEET_PUB CONTENT_VERSION READY_FILE\n";
    return 2;
  }
  kiosk::Logger log(std::cerr);
  kiosk::fleet::AgentConfig cfg;
  cfg.broker = kiosk::fleet::parse_broker_url(argv[1]);
  cfg.tls = {argv[2], argv[3], argv[4]};
  cfg.center = argv[5];
  cfg.kiosk_id = argv[6];
  cfg.fleet_keys = {kiosk::content::read_public_key(argv[7])};
  kiosk::fleet::FleetAgent agent(cfg, log, {}, {});
  agent.publish_health({{"content_version", argv[8]}, {"printer", "ok"}});
  for (int i = 0; i < 500 && !agent.connected(); ++i) usleep(10000);
  std::ofstream(argv[9]) << (agent.connected() ? "ready\n" : "not connected\n");
  for (;;) pause();
}

// The simulator's queue side (docs/queue.md, "The simulator"): a center's queue server speaking
// our generic protocol, with services and counters, tickets issued once per idempotency key,
// officers calling the next number, no-shows, and lies on request (a ticket of another service
// or center); and the same center as NovoSGA 2 answers under /api/. Its own code, not the kiosk's.
#pragma once
#include <httplib.h>

#include <memory>

#include "payment_sim.hpp"

namespace sim {

class QueueSim {
 public:
  // `demo`: two tickets issued before the kiosk came (docs/queue.md, "The simulator").
  QueueSim(Answer answer, bool demo = false);
  ~QueueSim();
  void routes(httplib::Server& srv);

 private:
  void novosga_routes(httplib::Server& srv);  // NovoSGA 2's REST API over the same tickets
  struct State;
  std::unique_ptr<State> s_;
};

}  // namespace sim

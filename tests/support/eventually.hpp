// Test support: waits for something another process or thread brings about.
#pragma once
#include <chrono>
#include <thread>

namespace kiosk::test {

// True as soon as pred() is, polling every 50 ms; pred()'s last answer after `limit`.
template <class Pred>
bool eventually(Pred pred, std::chrono::milliseconds limit = std::chrono::seconds(8)) {
  const auto end = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < end) {
    if (pred()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return pred();
}

}  // namespace kiosk::test

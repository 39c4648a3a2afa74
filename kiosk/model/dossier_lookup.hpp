// The dossier lookup a citizen is doing: what was scanned or typed, the owner's id digits when the
// slip lacks them, and what the backend said. Part of the Session, so the wipe removes it.
#pragma once
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "dossier/slip_payload.hpp"
#include "dossier/status_client.hpp"

namespace kiosk::app {

struct DossierLookup {
  enum class Stage { Scan, OwnerId, Looking, Shown, Failed };
  Stage stage = Stage::Scan;
  std::string typed;        // the code typed on the keypad
  std::string owner_typed;  // the id digits typed
  dossier::LookupQuery query;
  std::optional<dossier::DossierStatus> result;
  std::string message;  // why nothing is shown (Vietnamese)
  uint64_t request = 0;  // the lookup whose answer is awaited

  // A scanned or typed slip payload. Returns true when a lookup should start now (the slip
  // carries the owner's id, or none is required); otherwise the stage says what is next.
  bool accept_payload(const std::string& scanned, bool owner_required);
  // The owner's id typed: true when long enough to look up.
  bool accept_owner_id(size_t min_digits);
};

// Runs lookups off the UI thread, one at a time; a newer request replaces a waiting one.
class DossierWorker {
 public:
  DossierWorker(dossier::BackendConfig cfg, std::function<void()> notify);
  ~DossierWorker();
  DossierWorker(const DossierWorker&) = delete;
  DossierWorker& operator=(const DossierWorker&) = delete;

  uint64_t request(const dossier::LookupQuery& q);
  struct Answer {
    uint64_t request;
    dossier::LookupResult result;
  };
  std::optional<Answer> take();
  bool busy() const;

 private:
  void run();
  dossier::StatusClient client_;
  std::function<void()> notify_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  uint64_t next_ = 1;
  std::optional<std::pair<uint64_t, dossier::LookupQuery>> pending_;
  std::optional<Answer> done_;
  bool running_ = false;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace kiosk::app

// The dossier lookup a citizen is doing: what was scanned or typed, the owner's id digits when
// the slip lacks them, and what the backend said. A slice of the Session: the wipe removes it.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>

#include "dossier/slip_payload.hpp"
#include "dossier/status_client.hpp"
#include "model/latest_worker.hpp"

namespace kiosk::app {

struct DossierLookup {
  enum class Stage { Scan, OwnerId, Looking, Shown, Failed };
  Stage stage = Stage::Scan;
  std::string typed;        // the code typed on the keypad
  std::string owner_typed;  // the id digits typed
  dossier::LookupQuery query;
  std::optional<dossier::DossierStatus> result;
  // Why nothing is shown: a refused slip or a failed lookup (worded by the app).
  std::variant<std::monostate, dossier::SlipRefusal::Kind, dossier::LookupError::Kind> failure;
  uint64_t request = 0;  // the lookup whose answer is awaited

  // A scanned or typed slip payload. Returns true when a lookup should start now (the slip
  // carries the owner's id, or none is required); otherwise the stage says what is next.
  bool accept_payload(const std::string& scanned, bool owner_required);
  // The owner's id typed: true when long enough to look up.
  bool accept_owner_id(size_t min_digits);
  // The worker's answer to request `id`; an answer to an abandoned lookup is dropped.
  void accept_answer(uint64_t id, dossier::LookupResult result);

  bool empty() const;
  void scrub();  // zeroes the typed digits and what the answer held, before the wipe frees them
};

using DossierWorker = LatestWorker<dossier::LookupQuery, dossier::LookupResult>;
std::unique_ptr<DossierWorker> make_dossier_worker(dossier::BackendConfig cfg, std::function<void()> notify);

}  // namespace kiosk::app

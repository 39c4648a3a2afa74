#include "model/dossier_lookup.hpp"

#include "common/text.hpp"
#include "model/secure_zero.hpp"

namespace kiosk::app {

bool DossierLookup::accept_payload(const std::string& scanned, bool owner_required) {
  const auto parsed = dossier::parse_slip(scanned);
  result.reset();
  query = {};  // a refused payload must not leave an earlier slip to retry
  if (const auto* refusal = std::get_if<dossier::SlipRefusal>(&parsed)) {
    stage = Stage::Failed;
    failure = refusal->kind;
    return false;
  }
  const auto& slip = std::get<dossier::SlipPayload>(parsed);
  if (slip.code) query.code = slip.code->text();
  query.resolver_id = slip.resolver_id;
  query.owner_id = slip.owner_id;
  failure = {};
  secure_clear(owner_typed);
  if (owner_required && query.owner_id.empty()) {
    stage = Stage::OwnerId;
    return false;
  }
  stage = Stage::Looking;
  return true;
}

bool DossierLookup::accept_owner_id(size_t min_digits) {
  if (owner_typed.size() < min_digits) return false;
  query.owner_id = owner_typed;
  stage = Stage::Looking;
  return true;
}

void DossierLookup::accept_answer(uint64_t id, dossier::LookupResult answer) {
  if (id != request || stage != Stage::Looking) return;
  if (auto* st = std::get_if<dossier::DossierStatus>(&answer)) {
    result = std::move(*st);
    stage = Stage::Shown;
  } else {
    failure = std::get<dossier::LookupError>(answer).kind;
    stage = Stage::Failed;
  }
}

bool DossierLookup::empty() const {
  return stage == Stage::Scan && typed.empty() && owner_typed.empty() && query.code.empty() && query.owner_id.empty() &&
         query.resolver_id.empty() && !result && std::holds_alternative<std::monostate>(failure) && request == 0;
}

void DossierLookup::scrub() {
  secure_clear(typed);
  secure_clear(owner_typed);
  secure_clear(query.code);
  query.owner_id.clear();
  secure_clear(query.resolver_id);
  if (result) {
    secure_clear(result->owner_masked);
    secure_clear(result->code);
    secure_clear(result->procedure_name);
  }
}

std::unique_ptr<DossierWorker> make_dossier_worker(dossier::BackendConfig cfg, std::function<void()> notify) {
  auto setup = [cfg = std::move(cfg)](std::stop_token) -> DossierWorker::Job {
    auto client = std::make_shared<dossier::StatusClient>(cfg);
    return [client](const dossier::LookupQuery& q) { return client->lookup(q); };
  };
  return std::make_unique<DossierWorker>(std::move(setup), std::move(notify));
}

}  // namespace kiosk::app

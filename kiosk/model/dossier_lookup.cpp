#include "model/dossier_lookup.hpp"

#include "common/text.hpp"

namespace kiosk::app {

bool DossierLookup::accept_payload(const std::string& scanned, bool owner_required) {
  const auto parsed = dossier::parse_slip(scanned);
  result.reset();
  query = {};  // a refused payload must not leave an earlier slip to retry
  if (const auto* refusal = std::get_if<dossier::SlipRefusal>(&parsed)) {
    stage = Stage::Failed;
    message = refusal->message;
    return false;
  }
  const auto& slip = std::get<dossier::SlipPayload>(parsed);
  if (slip.code) query.code = slip.code->text();
  query.resolver_id = slip.resolver_id;
  query.owner_id = slip.owner_id;
  message.clear();
  owner_typed.clear();
  if (owner_required && query.owner_id.empty()) {
    stage = Stage::OwnerId;
    return false;
  }
  stage = Stage::Looking;
  return true;
}

bool DossierLookup::accept_owner_id(size_t min_digits) {
  const std::string id = text::trim(owner_typed);
  if (id.size() < min_digits) return false;
  query.owner_id = id;
  stage = Stage::Looking;
  return true;
}

DossierWorker::DossierWorker(dossier::BackendConfig cfg, std::function<void()> notify)
    : client_(std::move(cfg)), notify_(std::move(notify)), thread_([this] { run(); }) {}

DossierWorker::~DossierWorker() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

uint64_t DossierWorker::request(const dossier::LookupQuery& q) {
  uint64_t id;
  {
    std::lock_guard lock(mu_);
    id = next_++;
    pending_ = {id, q};
  }
  cv_.notify_all();
  return id;
}

std::optional<DossierWorker::Answer> DossierWorker::take() {
  std::lock_guard lock(mu_);
  auto out = std::move(done_);
  done_.reset();
  return out;
}

bool DossierWorker::busy() const {
  std::lock_guard lock(mu_);
  return running_ || pending_.has_value();
}

void DossierWorker::run() {
  for (;;) {
    std::pair<uint64_t, dossier::LookupQuery> job;
    {
      std::unique_lock lock(mu_);
      cv_.wait(lock, [this] { return stop_ || pending_; });
      if (stop_) return;
      job = std::move(*pending_);
      pending_.reset();
      running_ = true;
    }
    auto result = client_.lookup(job.second);
    {
      std::lock_guard lock(mu_);
      done_ = Answer{job.first, std::move(result)};
      running_ = false;
    }
    if (notify_) notify_();
  }
}

}  // namespace kiosk::app

// The simulator's payment side (docs/payment.md, "The simulator"): the one-stop backend's
// generic payment API and payOS's v2 API, one ledger behind both, and the citizen's transfer as
// a control call. Its own VietQR and HMAC code (not the kiosk's), so a bug on one side is not
// mirrored on the other.
#pragma once
#include <httplib.h>

#include <functional>
#include <nlohmann/json.hpp>

namespace sim {

using Answer = std::function<void(httplib::Response&, int, const nlohmann::json&)>;

// `dossiers`: the fixture's dossiers (with their fees_due); `answer`: sends a data answer
// through the fault switches.
class PaymentSim {
 public:
  PaymentSim(const nlohmann::json& dossiers, Answer answer);
  ~PaymentSim();
  void routes(httplib::Server& srv);
  // Whether a dossier's fees are paid in full, for its status answers.
  bool paid(const std::string& dossier_code) const;

 private:
  struct State;
  std::unique_ptr<State> s_;
};

}  // namespace sim

// Paying a dossier's fees, step by step, with the journal first: start (or resume) a payment,
// follow it, cancel it, reconcile every open one, report gateway-confirmed payments to the
// backend. Synchronous: the kiosk runs it on its payment worker, kioskctl directly. Whatever
// fails — the gateway, the network, the process killed at any point — the journal says where the
// payment is, and the next reconcile takes it from there: no payment lost, none made twice.
#pragma once
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "outbox/outbox.hpp"
#include "payment/gateway.hpp"
#include "payment/journal.hpp"

namespace kiosk::payment {

// Makes the gateway an entry names ("backend" | "payos") at the address it names.
using GatewayFactory = std::function<std::unique_ptr<Gateway>(const std::string& gateway, const std::string& backend)>;

struct PayRequest {
  std::string dossier;
  dossier::FeesDue fees;
  std::string procedure, payer_masked;
  std::string gateway = "backend";
  std::string backend;  // the one-stop backend's address (also where confirmations are reported)
  int64_t ttl_seconds = 15 * 60;
};

// Why a payment could not be shown to the citizen.
struct PayProblem {
  enum class Kind {
    AlreadyPaid,  // the backend or the journal says it is paid
    Unreachable,  // the gateway cannot be reached now (the entry waits for a reconcile)
    Refused,      // the gateway refused it
    QrMismatch,   // the gateway's QR would send the money elsewhere, or another amount
    NotPayable,   // no fees, or none that can be paid here
    Unconfirmed,  // the gateway's answers do not match this payment: staff check it, the citizen goes to the fee counter
  };
  Kind kind;
  std::string detail;
};
const char* kind_name(PayProblem::Kind k);

using StartResult = std::variant<Entry, PayProblem>;

class Engine {
 public:
  Engine(Journal& journal, GatewayFactory gateways);

  // The open payment of this fee if there is one (brought up to date), else a new one: the entry
  // is written (created) before the gateway is asked, and its QR checked before it is returned.
  StartResult start(const PayRequest& r, int64_t now);
  // Asks the gateway about one entry and records what it says.
  Entry refresh(const std::string& order_code, int64_t now);
  // Cancels at the gateway; money that arrived meanwhile makes it paid, not cancelled.
  Entry cancel(const std::string& order_code, int64_t now);
  // Every open entry, and those given up within `late_window` seconds (money may still come).
  std::vector<Entry> reconcile(int64_t now, int64_t late_window = 3 * 24 * 3600, const std::string& backend_override = {});
  // Gateway-confirmed payments the backend does not know yet go through the outbox.
  // `now_regardless`: also messages still pausing after a failure (a staff pass).
  outbox::Delivery report(const std::string& backend, const std::vector<std::string>& headers, const http::Options& o, int64_t now,
                          bool now_regardless = false);

 private:
  Entry reconcile_one(const Entry& e, int64_t now, const std::string& backend);
  void queue_report(const Entry& e, int64_t now);
  Journal& journal_;
  outbox::Outbox outbox_;
  GatewayFactory gateways_;
};

// The transfer note the bank app fills in: ASCII, at most 25 characters.
std::string transfer_note(const std::string& dossier_code);

}  // namespace kiosk::payment

namespace kiosk::payment {

// How the kiosk (and kioskctl) reach gateways: one factory for both kinds.
struct GatewaySettings {
  std::string auth_header;  // for the one-stop backend; never logged
  std::string ca_bundle;
  http::Policy policy;
  std::string payos_url = "https://api-merchant.payos.vn";
  std::string payos_keys_dir;  // client-id, api-key, checksum-key: files only the kiosk's user may read
};
// Throws std::runtime_error when payOS is asked for and its key files cannot be read safely.
GatewayFactory make_gateway_factory(const GatewaySettings& s);

}  // namespace kiosk::payment

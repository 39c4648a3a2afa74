#include "payment/engine.hpp"

#include <nlohmann/json.hpp>

#include "common/files.hpp"
#include "payment/vietqr.hpp"

namespace kiosk::payment {

const char* kind_name(PayProblem::Kind k) {
  switch (k) {
    case PayProblem::Kind::AlreadyPaid: return "already-paid";
    case PayProblem::Kind::Unreachable: return "unreachable";
    case PayProblem::Kind::Refused: return "refused";
    case PayProblem::Kind::QrMismatch: return "qr-mismatch";
    case PayProblem::Kind::NotPayable: return "not-payable";
    case PayProblem::Kind::Unconfirmed: return "unconfirmed";
  }
  return "refused";
}

std::string transfer_note(const std::string& dossier_code) {
  // "TT HS H04-261115-0006": the code's tail identifies it at the counter; 25 characters at most.
  std::string code = dossier_code;
  if (code.size() > 19) code = code.substr(code.size() - 19);
  return fold_ascii("TT HS " + code).substr(0, 25);
}

Engine::Engine(Journal& journal, GatewayFactory gateways)
    : journal_(journal), outbox_(journal.db()), gateways_(std::move(gateways)) {}

StartResult Engine::start(const PayRequest& r, int64_t now) {
  if (r.fees.items.empty() || r.fees.total <= 0) return PayProblem{PayProblem::Kind::NotPayable, "no fees to pay"};
  if (r.fees.paid) return PayProblem{PayProblem::Kind::AlreadyPaid, "the backend says the fees are paid"};
  const std::string key = Journal::fee_key(r.dossier, r.fees);
  if (auto paid = journal_.paid_for_fee(key)) return *paid;

  // One open payment per fee: resume it (the same QR) rather than start another.
  if (auto open = journal_.open_for_fee(key)) {
    Entry e = reconcile_one(*open, now, {});
    if (e.state == State::Paid || (is_open(e.state) && e.state != State::Created && e.expires_at > now)) return e;
    if (is_open(e.state)) {
      // Still "created" (the gateway unreachable), or expired unpaid: not shown again.
      if (e.state == State::Created) return PayProblem{PayProblem::Kind::Unreachable, "an earlier request is not confirmed yet"};
      e = cancel(e.order_code, now);
      if (e.state == State::Paid) return e;
      // Not closed: its gateway's answers were not believed (another order, another amount).
      if (is_open(e.state)) return PayProblem{PayProblem::Kind::Unconfirmed, e.anomaly.empty() ? e.last_error : e.anomaly};
    }
  }

  NewPayment p{r.dossier, r.fees, r.procedure, r.payer_masked, r.gateway, r.backend};
  Entry e = journal_.create(p, now);  // durable before the gateway hears of it
  auto gw = gateways_(r.gateway, r.backend);
  CreateRequest cr{e.order_code, r.dossier, r.fees.total, transfer_note(r.dossier), r.fees.items, now + r.ttl_seconds};
  auto res = gw->create(cr);
  if (auto* err = std::get_if<GatewayError>(&res)) {
    switch (err->kind) {
      case GatewayError::Kind::Unreachable:
      case GatewayError::Kind::Busy:
        // Maybe the gateway has it, maybe not: the entry stays "created" and a reconcile asks.
        return PayProblem{PayProblem::Kind::Unreachable, err->detail};
      case GatewayError::Kind::Duplicate:
        e = refresh(e.order_code, now);  // it did reach the gateway earlier: follow it
        if (!e.anomaly.empty() && e.state != State::Paid) {
          // The code is taken at the gateway by an order that is not this one (another amount):
          // nothing of it is adopted; the entry is closed for staff, and a retry makes a new code.
          journal_.close(e.order_code, State::Failed, e.anomaly, now);
          return PayProblem{PayProblem::Kind::Unreachable, "the order code exists at the gateway for another payment: " + e.anomaly};
        }
        if (!e.qr.empty() || e.state == State::Paid) return e;
        return PayProblem{PayProblem::Kind::Unreachable, "the payment exists at the gateway without a QR yet"};
      default:
        journal_.close(e.order_code, State::Failed, std::string(kind_name(err->kind)) + ": " + err->detail, now);
        return PayProblem{PayProblem::Kind::Refused, err->detail};
    }
  }
  const Offer& o = std::get<Offer>(res);
  // The QR must pay what is owed, to whom the backend named: a wrong or tampered answer must not
  // send a citizen's money elsewhere.
  std::string mismatch;
  const auto q = decode_vietqr(o.qr);
  if (const auto* bad = std::get_if<VietQrError>(&q)) {
    mismatch = "not a valid VietQR code: " + bad->reason;
  } else {
    const auto& v = std::get<VietQr>(q);
    if (!v.amount || *v.amount != r.fees.total)
      mismatch = "its amount is " + (v.amount ? std::to_string(*v.amount) : std::string("none")) + ", not " + std::to_string(r.fees.total);
    else if (r.fees.payee.bin.empty() || r.fees.payee.account.empty())
      // Nothing to check the code's bank against: never shown (kiosk.conf's payee_bin, for a
      // backend that names no payee).
      mismatch = "the payee has no bank BIN or account to check the code against";
    else if (v.account != r.fees.payee.account || v.bin != r.fees.payee.bin)
      mismatch = "it pays account " + v.bin + "/" + v.account + ", not the payee " + r.fees.payee.bin + "/" + r.fees.payee.account;
  }
  if (o.amount != r.fees.total && mismatch.empty()) mismatch = "the gateway's amount is not the fees' total";
  if (!mismatch.empty()) {
    gw->cancel(e.order_code);
    journal_.close(e.order_code, State::Failed, "QR refused: " + mismatch, now);
    return PayProblem{PayProblem::Kind::QrMismatch, mismatch};
  }
  // The gateway may give less time than asked, never more: a code valid for days would hold the
  // payment screen (and the citizen's data) up past the kiosk's own limit.
  Offer shown = o;
  if (shown.expires_at <= now || shown.expires_at > cr.expires_at) shown.expires_at = cr.expires_at;
  journal_.requested(e.order_code, shown, now);
  return *journal_.get(e.order_code);
}

Entry Engine::reconcile_one(const Entry& e, int64_t now, const std::string& backend) {
  auto gw = gateways_(e.gateway, backend.empty() ? e.backend : backend);
  auto res = gw->status(e.order_code);
  if (auto* err = std::get_if<GatewayError>(&res)) {
    // Never created at the gateway (the create was lost): nothing to follow. Anything else:
    // ask again next time.
    if (err->kind == GatewayError::Kind::NotFound && e.state == State::Created)
      return journal_.close(e.order_code, State::Failed, "the gateway never received it", now);
    return e;
  }
  Entry after = journal_.apply(e.order_code, std::get<GatewayStatus>(res), now);
  if (after.state == State::Paid && !after.reported) queue_report(after, now);
  // Past its expiry and still pending: the kiosk gives up on it (money arriving later still
  // counts, see reconcile).
  if ((after.state == State::Requested) && after.expires_at && now > after.expires_at + 60) after = cancel(after.order_code, now);
  return after;
}

Entry Engine::refresh(const std::string& order_code, int64_t now) {
  auto e = journal_.get(order_code);
  if (!e) throw db::Error("no payment " + order_code);
  return reconcile_one(*e, now, {});
}

Entry Engine::cancel(const std::string& order_code, int64_t now) {
  auto e = journal_.get(order_code);
  if (!e) throw db::Error("no payment " + order_code);
  if (!is_open(e->state)) return *e;
  auto res = gateways_(e->gateway, e->backend)->cancel(order_code);
  if (auto* st = std::get_if<GatewayStatus>(&res)) {
    // Money that came while cancelling wins: it is paid (if the answer is about this order).
    if (st->state == GatewayStatus::State::Paid || st->state == GatewayStatus::State::Underpaid) return journal_.apply(order_code, *st, now);
    return journal_.close(order_code, State::Cancelled, "", now);
  }
  // The gateway did not answer: the kiosk gives up anyway; reconcile keeps asking for a while.
  return journal_.close(order_code, State::Cancelled, "cancelled at the kiosk; the gateway did not confirm", now);
}

std::vector<Entry> Engine::reconcile(int64_t now, int64_t late_window, const std::string& backend_override) {
  std::vector<Entry> out;
  for (const auto& e : journal_.open_entries()) out.push_back(reconcile_one(e, now, backend_override));
  for (const auto& e : journal_.recently_closed(now - late_window)) out.push_back(reconcile_one(e, now, backend_override));
  return out;
}

void Engine::queue_report(const Entry& e, int64_t now) {
  if (e.gateway == "backend") return;  // the backend's own gateway: it knows already
  const nlohmann::json body{{"order_code", e.order_code}, {"dossier", e.dossier},     {"amount", e.amount},
                            {"amount_paid", e.amount_paid}, {"bank_ref", e.bank_ref}, {"paid_at", e.paid_at},
                            {"gateway", e.gateway},        {"receipt_no", e.receipt_no.value_or("")}};
  outbox_.add("payment-confirmed", "payment:" + e.order_code, "/payments/" + e.order_code + "/confirmation", body.dump(), now);
}

outbox::Delivery Engine::report(const std::string& backend, const std::vector<std::string>& headers, const http::Options& o,
                                int64_t now, bool now_regardless) {
  // A crash between "paid" and the outbox: the report is queued again here (adding is
  // idempotent). A crash between the delivery and its note in the journal: noted here.
  for (const auto& e : journal_.exceptions()) {
    if (e.reported || e.gateway == "backend") continue;
    if (outbox_.delivered("payment:" + e.order_code))
      journal_.mark_reported(e.order_code, now);
    else
      queue_report(e, now);
  }
  auto d = outbox_.deliver(backend, headers, o, now, 100, now_regardless, "payment-confirmed");
  for (const auto& key : d.delivered)
    if (key.rfind("payment:", 0) == 0) journal_.mark_reported(key.substr(8), now);
  return d;
}

}  // namespace kiosk::payment

namespace kiosk::payment {

GatewayFactory make_gateway_factory(const GatewaySettings& s) {
  http::Options o;
  o.ca_bundle = s.ca_bundle;
  o.policy = s.policy;
  PayOsConfig payos;
  payos.base_url = s.payos_url;
  payos.http = o;
  const bool have_payos = !s.payos_keys_dir.empty();
  if (have_payos) {
    payos.client_id = files::read_secret_file(s.payos_keys_dir + "/client-id");
    payos.api_key = files::read_secret_file(s.payos_keys_dir + "/api-key");
    payos.checksum_key = files::read_secret_file(s.payos_keys_dir + "/checksum-key");
  }
  return [s, o, payos, have_payos](const std::string& gateway, const std::string& backend) -> std::unique_ptr<Gateway> {
    if (gateway == "payos") {
      if (!have_payos) throw std::runtime_error("payOS is not configured on this kiosk (payos_keys_dir)");
      return make_payos_gateway(payos);
    }
    return make_backend_gateway({backend, s.auth_header, o});
  };
}

}  // namespace kiosk::payment

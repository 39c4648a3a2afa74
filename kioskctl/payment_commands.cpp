// kioskctl payment …: VietQR codes, and the kiosk's payment journal for staff (start, reconcile,
// journal, exceptions, reprint).
#include <ctime>
#include <iostream>
#include <set>
#include <sstream>

#include "commands.hpp"
#include "common/files.hpp"
#include "common/text.hpp"
#include "content/catalog.hpp"
#include "content/procedure.hpp"
#include "content/store.hpp"
#include "dossier/slip_payload.hpp"
#include "dossier/status_client.hpp"
#include "model/config.hpp"
#include "model/kind_texts.hpp"
#include "model/payment_receipt.hpp"
#include "payment/engine.hpp"
#include "payment/vietqr.hpp"
#include "printing/documents.hpp"
#include "printing/pdf_layout.hpp"
#include "printing/print_queue.hpp"

namespace kioskctl {

using nlohmann::json;
namespace pay = kiosk::payment;
namespace dz = kiosk::dossier;

namespace {


json entry_json(const pay::Entry& e) {
  json items = json::array();
  for (const auto& i : e.items) items.push_back({{"kind", dz::fee_kind_name(i.kind)}, {"name", i.name}, {"amount", i.amount}});
  return {{"order_code", e.order_code},   {"dossier", e.dossier},       {"amount", e.amount},
          {"state", pay::state_name(e.state)}, {"receipt_no", e.receipt_no ? json(*e.receipt_no) : json()},
          {"amount_paid", e.amount_paid}, {"bank_ref", e.bank_ref},     {"gateway", e.gateway},
          {"backend", e.backend},         {"expires_at", e.expires_at}, {"paid_at", e.paid_at},
          {"reported", e.reported},       {"late", e.late},             {"items", items},
          {"last_error", e.last_error},   {"anomaly", e.anomaly},       {"kiosk_number", e.kiosk_number ? json(*e.kiosk_number) : json()}};
}

std::string entry_line(const pay::Entry& e) {
  std::ostringstream t;
  t << e.order_code << "  " << e.dossier << "  " << kiosk::content::format_vnd(e.amount) << "  " << pay::state_name(e.state);
  if (e.receipt_no) t << "  " << *e.receipt_no;
  if (e.amount_paid && e.amount_paid != e.amount) t << "  paid " << kiosk::content::format_vnd(e.amount_paid);
  if (e.late) t << "  LATE";
  if (e.state == pay::State::Paid && !e.reported) t << "  not reported";
  if (!e.anomaly.empty()) t << "  NOT BELIEVED: " << kiosk::text::printable(e.anomaly);
  else if (!e.last_error.empty()) t << "  (" << kiosk::text::printable(e.last_error) << ")";
  return t.str() + "\n";
}

struct GatewayOptions {
  std::string gateway = "backend", payos_url = "https://api-merchant.payos.vn", payos_keys, token_file, ca;
  bool allow_http = false;
  int kiosk_number = 0;  // 0: the one in kiosk.conf
  std::string config = kiosk::app::kDefaultConfigPath;
};

// The kiosk's own number, as the kiosk numbers its receipts: --kiosk-number, else kiosk.conf's.
// None is assumed: a staff tool defaulting to 1 gave every kiosk the same receipt numbers.
std::optional<int> kiosk_number_of(const GatewayOptions& g) {
  if (g.kiosk_number > 0) return g.kiosk_number;
  if (!std::filesystem::exists(g.config)) return std::nullopt;
  return kiosk::app::load_config(g.config).kiosk_number;
}

void add_gateway_options(CLI::App* cmd, const std::shared_ptr<GatewayOptions>& g) {
  cmd->add_option("--gateway", g->gateway, "backend (the one-stop backend's payment API) or payos")
      ->check(CLI::IsMember({"backend", "payos"}));
  cmd->add_option("--payos-url", g->payos_url, "payOS API address");
  cmd->add_option("--payos-keys", g->payos_keys, "Directory of payOS's client-id, api-key, checksum-key (mode 0600)");
  cmd->add_option("--token-file", g->token_file, "The backend's bearer token (kept off the command line)");
  cmd->add_option("--ca-bundle", g->ca, "CA certificates (PEM) to verify the backend with");
  cmd->add_flag("--allow-http", g->allow_http, "Allow plain http to a backend on this machine (a stand-in)");
  cmd->add_option("--kiosk-number", g->kiosk_number, "This kiosk's number in the fleet (order codes, receipts); default: kiosk.conf's")
      ->check(CLI::Range(1, 9999));
  cmd->add_option("--config", g->config, "The kiosk's configuration, for its kiosk_number");
}

pay::GatewayFactory factory(const GatewayOptions& g) {
  pay::GatewaySettings s;
  s.ca_bundle = g.ca;
  s.policy.allow_http_loopback = g.allow_http;
  s.payos_url = g.payos_url;
  s.payos_keys_dir = g.payos_keys;
  if (!g.token_file.empty()) s.auth_header = "Authorization: Bearer " + kiosk::files::read_secret_file(g.token_file);
  return pay::make_gateway_factory(s);
}

int64_t now() { return static_cast<int64_t>(std::time(nullptr)); }

}  // namespace

void register_payment_commands(CLI::App& app, Action& action) {
  auto* payment = app.add_subcommand("payment", "Fee payment: VietQR codes, the payment journal");
  payment->require_subcommand(1);
  payment->fallthrough();
  {
    auto* cmd = payment->add_subcommand("vietqr", "Print a VietQR payload");
    auto r = std::make_shared<pay::VietQrRequest>();
    auto amount = std::make_shared<int64_t>(-1);
    cmd->add_option("--bin", r->bin, "The bank's BIN (6 digits)")->required();
    cmd->add_option("--account", r->account, "Account number")->required();
    cmd->add_option("--amount", *amount, "Amount in đồng (a one-payment code); none: a static code");
    cmd->add_option("--purpose", r->purpose, "Transfer note (folded to ASCII, 25 characters at most)");
    cmd->callback([&action, r, amount] {
      action = [=] {
        pay::VietQrRequest q = *r;
        if (*amount >= 0) q.amount = *amount;
        const std::string payload = pay::build_vietqr(q);
        return Output{payload + "\n", {{"payload", payload}}};
      };
    });
  }
  {
    auto* cmd = payment->add_subcommand("decode", "Check and read a VietQR payload (strict)");
    auto payload = std::make_shared<std::string>();
    cmd->add_option("PAYLOAD", *payload)->required();
    cmd->callback([&action, payload] {
      action = [=] {
        const auto r = pay::decode_vietqr(*payload);
        if (const auto* e = std::get_if<pay::VietQrError>(&r)) throw std::runtime_error("not a valid VietQR code: " + e->reason);
        const auto& q = std::get<pay::VietQr>(r);
        json tags = q.tags;
        json j{{"valid", true}, {"tags", tags}, {"dynamic", q.dynamic}, {"bin", q.bin}, {"account", q.account},
               {"service", q.service}, {"amount", q.amount ? json(*q.amount) : json()}, {"purpose", q.purpose}};
        std::ostringstream t;
        t << "valid VietQR (" << (q.dynamic ? "one payment" : "static") << ")\nbank BIN:  " << q.bin << "\naccount:   " << q.account
          << " (" << q.service << ")\namount:    " << (q.amount ? kiosk::content::format_vnd(*q.amount) : "—") << "\npurpose:   "
          << q.purpose << "\n";
        return Output{t.str(), j};
      };
    });
  }
  {
    auto* cmd = payment->add_subcommand("start", "Look a dossier up and start paying its fees, as the kiosk does");
    auto code = std::make_shared<std::string>();
    auto owner = std::make_shared<std::string>();
    auto db = std::make_shared<std::string>(kDefaultStateDb);
    auto backend = std::make_shared<std::string>();
    auto adapter = std::make_shared<std::string>("generic");
    auto ttl = std::make_shared<int>(900);
    auto g = std::make_shared<GatewayOptions>();
    cmd->add_option("CODE", *code, "Dossier code, or what a slip's QR code holds")->required();
    cmd->add_option("--ttl", *ttl, "Seconds the QR stays payable (the gateway may give less)")->check(CLI::Range(1, 86400));
    cmd->add_option("--owner-id", *owner, "The owner's id number or its last digits");
    cmd->add_option("--state", *db, "The kiosk's state database");
    cmd->add_option("--backend", *backend, "The one-stop backend's address")->required();
    cmd->add_option("--adapter", *adapter, "generic or igate")->check(CLI::IsMember({"generic", "igate"}));
    add_gateway_options(cmd, g);
    cmd->callback([&action, code, owner, db, backend, adapter, ttl, g] {
      action = [=] {
        const auto number = kiosk_number_of(*g);
        if (!number)
          throw std::runtime_error("this kiosk's number is unknown (kiosk_number in " + g->config +
                                   ", or --kiosk-number): a payment started here could not be numbered");
        const auto parsed = dz::parse_slip(*code);
        if (const auto* refusal = std::get_if<dz::SlipRefusal>(&parsed))
          throw std::runtime_error(std::string(dz::refusal_name(refusal->kind)) + ": " +
                                   kiosk::app::slip_refusal_words(refusal->kind, kiosk::app::Language::Vi));
        const auto& slip = std::get<dz::SlipPayload>(parsed);
        dz::LookupQuery q;
        if (slip.code) q.code = slip.code->text();
        q.owner_id = owner->empty() ? slip.owner_id : kiosk::SecretString(*owner);
        dz::BackendConfig cfg;
        cfg.base_url = *backend;
        cfg.adapter = dz::adapter_from_name(*adapter);
        cfg.backend_checks_owner = dz::checks_owner_by_default(cfg.adapter);
        cfg.policy.allow_http_loopback = g->allow_http;
        cfg.ca_bundle = g->ca;
        const auto r = dz::StatusClient(cfg).lookup(q);
        if (const auto* e = std::get_if<dz::LookupError>(&r))
          throw std::runtime_error(std::string(dz::kind_name(e->kind)) + ": " + e->detail);
        const auto& d = std::get<dz::DossierStatus>(r);
        if (!d.fees_due) throw std::runtime_error("the backend says no fees are due on " + d.code);
        pay::Journal journal(*db, number);
        pay::Engine engine(journal, factory(*g));
        pay::PayRequest pr{d.code, *d.fees_due, d.procedure_name, d.owner_masked, g->gateway, *backend, *ttl};
        const auto started = engine.start(pr, now());
        if (const auto* p = std::get_if<pay::PayProblem>(&started))
          throw std::runtime_error(std::string(pay::kind_name(p->kind)) + ": " + p->detail);
        const auto& e = std::get<pay::Entry>(started);
        json j = entry_json(e);
        j["qr"] = e.qr;
        std::ostringstream t;
        t << "order code: " << e.order_code << "\namount:     " << kiosk::content::format_vnd(e.amount) << "\nstate:      "
          << pay::state_name(e.state) << "\nexpires:    " << e.expires_at << "\nQR:         " << e.qr << "\n";
        return Output{t.str(), j};
      };
    });
  }
  {
    auto* cmd = payment->add_subcommand("reconcile", "Ask the gateway about every open payment once, and report confirmed ones");
    auto db = std::make_shared<std::string>(kDefaultStateDb);
    auto backend = std::make_shared<std::string>();
    auto g = std::make_shared<GatewayOptions>();
    cmd->add_option("--state", *db, "The kiosk's state database");
    cmd->add_option("--backend", *backend, "Ask this address instead of the one each payment remembers");
    add_gateway_options(cmd, g);
    cmd->callback([&action, db, backend, g] {
      action = [=] {
        // Receipts are numbered by the kiosk each payment names, whatever this tool is told.
        pay::Journal journal(*db, std::nullopt);
        pay::Engine engine(journal, factory(*g));
        const auto done = engine.reconcile(now(), 3 * 24 * 3600, *backend);
        // Confirmations go to each payment's backend (or the one given).
        std::set<std::string> backends;
        for (const auto& e : journal.exceptions()) backends.insert(backend->empty() ? e.backend : *backend);
        kiosk::http::Options o;
        o.policy.allow_http_loopback = g->allow_http;
        o.ca_bundle = g->ca;
        std::vector<std::string> headers;
        if (!g->token_file.empty())
          headers.push_back("Authorization: Bearer " + kiosk::files::read_secret_file(g->token_file));
        int reported = 0;
        // A staff pass: confirmations still pausing after a failure are tried now too.
        for (const auto& b : backends) reported += static_cast<int>(engine.report(b, headers, o, now(), true).delivered.size());
        json arr = json::array();
        std::string text;
        for (const auto& e : done) {
          arr.push_back(entry_json(e));
          text += entry_line(e);
        }
        text += std::to_string(done.size()) + " followed, " + std::to_string(reported) + " confirmations delivered\n";
        return Output{text, {{"followed", arr}, {"reported", reported}}};
      };
    });
  }
  for (const char* which : {"journal", "exceptions"}) {
    const bool all = std::string(which) == "journal";
    auto* cmd = payment->add_subcommand(which, all ? "Every payment this kiosk took, oldest first"
                                                   : "Payments staff must look at: paid late, paid more or less, not reported");
    auto db = std::make_shared<std::string>(kDefaultStateDb);
    cmd->add_option("--state", *db, "The kiosk's state database");
    cmd->callback([&action, db, all] {
      action = [=] {
        pay::Journal journal(*db, std::nullopt);
        json arr = json::array();
        std::string text;
        for (const auto& e : all ? journal.all() : journal.exceptions()) {
          arr.push_back(entry_json(e));
          text += entry_line(e);
        }
        if (text.empty()) text = all ? "no payments\n" : "no exceptions\n";
        return Output{text, arr};
      };
    });
  }
  {
    auto* cmd = payment->add_subcommand("reprint", "Print a receipt again (marked as a reprint)");
    auto no = std::make_shared<std::string>();
    auto db = std::make_shared<std::string>(kDefaultStateDb);
    auto out = std::make_shared<std::string>();
    auto paper = std::make_shared<std::string>("roll80");
    auto store = std::make_shared<std::string>(kDefaultStore);
    cmd->add_option("RECEIPT-NO", *no, "The receipt number")->required();
    cmd->add_option("--store", *store, "Content store: the center's name and logo on the receipt come from its pack");
    cmd->add_option("--state", *db, "The kiosk's state database");
    cmd->add_option("--output", *out, "Write the PDF here (otherwise: queued for the kiosk's printer)");
    cmd->add_option("--paper", *paper, "roll80 or a4");
    cmd->callback([&action, no, db, out, paper, store] {
      action = [=] {
        pay::Journal journal(*db, std::nullopt);
        std::optional<pay::Entry> found;
        for (const auto& e : journal.all())
          if (e.receipt_no && *e.receipt_no == *no) found = e;
        if (!found) throw std::runtime_error("no receipt " + *no + " in " + *db);
        const auto data = kiosk::app::receipt_data(*found, true, "");
        // The same header as the kiosk prints: the center of the installed pack (none: no header).
        json center = json::object();
        try {
          if (const auto catalog = kiosk::content::ContentStore(*store).current_catalog(); !catalog.empty())
            center = kiosk::content::Catalog(catalog).center();
        } catch (const std::exception&) {
          // No pack installed, or its catalog unreadable: the receipt still prints, without the header.
        }
        const std::string pdf = kiosk::printing::render_pdf_bytes(kiosk::printing::receipt(data, center, std::time(nullptr)),
                                                                  kiosk::printing::paper_from_name(*paper));
        if (!out->empty()) {
          kiosk::files::write_file_durable(*out, pdf);
          return Output{"wrote " + *out + "\n", {{"output", *out}}};
        }
        // Queued as a staff job: the running kiosk's print worker prints it.
        const json source = {{"receipt_no", data.receipt_no}};
        const int64_t id = kiosk::printing::PrintQueue(*db).enqueue("receipt", "Biên nhận " + *no + " (in lại)", pdf, source.dump());
        return Output{"queued job " + std::to_string(id) + "\n", {{"id", id}}};
      };
    });
  }
}

}  // namespace kioskctl

// kioskctl dossier status: what the kiosk would show for a dossier, from the real backend.
#include <sstream>

#include "commands.hpp"
#include "common/files.hpp"
#include "common/text.hpp"
#include "dossier/slip_payload.hpp"
#include "dossier/status_client.hpp"
#include "model/kind_texts.hpp"

namespace kioskctl {

using nlohmann::json;
namespace dz = kiosk::dossier;

void register_dossier_commands(CLI::App& app, Action& action) {
  auto* dossier = app.add_subcommand("dossier", "Dossier status from the one-stop backend");
  dossier->require_subcommand(1);
  dossier->fallthrough();
  auto* cmd = dossier->add_subcommand("status", "Look a dossier up as the kiosk does (owner data masked)");
  auto code = std::make_shared<std::string>();
  auto owner = std::make_shared<std::string>();
  auto backend = std::make_shared<std::string>();
  auto adapter = std::make_shared<std::string>("generic");
  auto ca = std::make_shared<std::string>();
  auto token_file = std::make_shared<std::string>();
  auto timeout_ms = std::make_shared<int>(8000);
  auto checks_owner = std::make_shared<std::string>();
  auto allow_http = std::make_shared<bool>(false);
  cmd->add_option("CODE", *code, "Dossier code, or what a slip's QR code holds")->required();
  cmd->add_option("--owner-id", *owner, "The owner's id number or its last digits");
  cmd->add_option("--backend", *backend, "Backend base URL")->required();
  cmd->add_option("--adapter", *adapter, "generic or igate")->check(CLI::IsMember({"generic", "igate"}));
  cmd->add_option("--ca-bundle", *ca, "CA certificates (PEM) to verify the backend with");
  cmd->add_option("--token-file", *token_file, "File holding the bearer token (kept off the command line)");
  cmd->add_option("--timeout-ms", *timeout_ms, "Whole lookup, retries included")->check(CLI::Range(100, 60000));
  cmd->add_option("--backend-checks-owner", *checks_owner,
                  "yes: trust the backend's own owner check (default for generic); no: the kiosk checks (default for igate)")
      ->check(CLI::IsMember({"yes", "no"}));
  cmd->add_flag("--allow-http", *allow_http, "Allow plain http to a backend on this machine (a stand-in)");
  cmd->callback([&action, code, owner, backend, adapter, ca, token_file, timeout_ms, checks_owner, allow_http] {
    action = [=] {
      const auto parsed = dz::parse_slip(*code);
      if (const auto* refusal = std::get_if<dz::SlipRefusal>(&parsed))
        throw std::runtime_error(std::string(dz::refusal_name(refusal->kind)) + ": " +
                                 kiosk::app::slip_refusal_words(refusal->kind, kiosk::app::Language::Vi));
      const auto& slip = std::get<dz::SlipPayload>(parsed);
      dz::LookupQuery q;
      if (slip.code) q.code = slip.code->text();
      q.resolver_id = slip.resolver_id;
      q.owner_id = owner->empty() ? slip.owner_id : kiosk::SecretString(*owner);
      dz::BackendConfig cfg;
      cfg.base_url = *backend;
      cfg.adapter = dz::adapter_from_name(*adapter);
      cfg.backend_checks_owner = checks_owner->empty() ? dz::checks_owner_by_default(cfg.adapter) : *checks_owner == "yes";
      cfg.policy.allow_http_loopback = *allow_http;
      cfg.ca_bundle = *ca;
      cfg.total_timeout = std::chrono::milliseconds(*timeout_ms);
      if (!token_file->empty()) cfg.auth_header = "Authorization: Bearer " + kiosk::files::read_secret_file(*token_file);
      const auto r = dz::StatusClient(cfg).lookup(q);
      if (const auto* e = std::get_if<dz::LookupError>(&r))
        throw std::runtime_error(std::string(dz::kind_name(e->kind)) + ": " +
                                 kiosk::app::lookup_error_words(e->kind, kiosk::app::Language::Vi) + " (" + e->detail + ")");
      const auto& d = std::get<dz::DossierStatus>(r);
      const auto today = dz::today_local();
      const bool late = dz::is_late(d, today);
      const auto next = dz::next_step(d, today);
      const std::string words = kiosk::app::status_words(d.status, kiosk::app::Language::Vi);
      const std::string next_words = kiosk::app::next_step_words(next, kiosk::app::Language::Vi);
      json steps = json::array();
      for (const auto& s : d.steps) steps.push_back({{"unit", s.unit}, {"at", s.when}, {"action", s.action}});
      json j{{"code", d.code},
             {"procedure", {{"code", d.procedure_code}, {"name", d.procedure_name}}},
             {"owner", d.owner_masked},
             {"owner_checked_by", cfg.backend_checks_owner ? "backend or kiosk" : "kiosk"},
             {"status", {{"id", static_cast<int>(d.status)}, {"name", dz::status_name(d.status)}, {"words", words}, {"backend_text", d.status_text}}},
             {"received", d.received ? json(d.received->text()) : json()},
             {"appointment", d.appointment ? json(d.appointment->text()) : json()},
             {"late", late},
             {"current_unit", d.current_unit},
             {"next_step", {{"kind", dz::next_step_name(next.kind)}, {"words", next_words}}},
             {"steps", steps}};
      std::ostringstream t;
      t << "Mã hồ sơ:   " << d.code << '\n'
        << "Thủ tục:    " << d.procedure_name << '\n'
        << "Người nộp:  " << d.owner_masked << '\n'
        << "Tình trạng: " << words << (late ? " (trễ hạn)" : "") << '\n'
        << "Ngày hẹn:   " << (d.appointment ? d.appointment->text() : "—") << '\n'
        << "Tiếp theo:  " << next_words << '\n';
      for (const auto& s : d.steps) t << "  " << s.when << "  " << s.unit << ": " << s.action << '\n';
      return Output{t.str(), j};
    };
  });
}

}  // namespace kioskctl

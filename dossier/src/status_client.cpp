#include "dossier/status_client.hpp"

#include <memory>
#include <stdexcept>

#include "common/text.hpp"
#include "dossier/adapters.hpp"

namespace kiosk::dossier {

namespace {

using http::escape;

LookupError error(LookupError::Kind k, std::string detail) { return {k, std::move(detail)}; }

bool same_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

LookupError::Kind lookup_kind(http::Error::Kind k) {
  switch (k) {
    case http::Error::Kind::Offline: return LookupError::Kind::Offline;
    case http::Error::Kind::Timeout: return LookupError::Kind::Timeout;
    case http::Error::Kind::Tls: return LookupError::Kind::Tls;
    case http::Error::Kind::TooBig: return LookupError::Kind::BadAnswer;
    case http::Error::Kind::Refused: return LookupError::Kind::Refused;
  }
  return LookupError::Kind::Offline;
}

}  // namespace

Adapter adapter_from_name(const std::string& name) {
  if (name == "generic") return Adapter::Generic;
  if (name == "igate") return Adapter::IGate;
  throw std::invalid_argument("unknown backend adapter '" + name + "' (generic or igate)");
}

bool checks_owner_by_default(Adapter a) { return a == Adapter::Generic; }

const char* kind_name(LookupError::Kind k) {
  switch (k) {
    case LookupError::Kind::Offline: return "offline";
    case LookupError::Kind::Timeout: return "timeout";
    case LookupError::Kind::NotShown: return "not-shown";
    case LookupError::Kind::Server: return "server-error";
    case LookupError::Kind::BadAnswer: return "bad-answer";
    case LookupError::Kind::Tls: return "tls";
    case LookupError::Kind::Unsupported: return "unsupported";
    case LookupError::Kind::Refused: return "refused";
  }
  return "unknown";
}

StatusClient::StatusClient(BackendConfig cfg) : cfg_(std::move(cfg)) {
  while (!cfg_.base_url.empty() && cfg_.base_url.back() == '/') cfg_.base_url.pop_back();
  // Refused here, at start, rather than at every lookup (the HTTP client refuses it there too).
  if (auto why = http::refusal(cfg_.base_url, cfg_.policy)) throw std::invalid_argument("backend address: " + *why);
}

http::Options http_options(const BackendConfig& cfg) {
  http::Options o;
  o.policy = cfg.policy;
  o.ca_bundle = cfg.ca_bundle;
  o.connect_timeout = cfg.connect_timeout;
  o.total_timeout = cfg.total_timeout;
  o.max_attempts = cfg.max_attempts;
  o.max_bytes = cfg.max_bytes;
  return o;
}

http::Options StatusClient::options() const { return http_options(cfg_); }

LookupResult StatusClient::lookup(const LookupQuery& q) const {
  http::Request r;
  if (cfg_.adapter == Adapter::IGate) {
    if (q.code.empty()) return error(LookupError::Kind::Unsupported, "iGate cannot resolve slip ids");
    r.url = cfg_.base_url + "/pa/dossier/search?code=" + escape(q.code);
  } else if (!q.code.empty()) {
    r.url = cfg_.base_url + "/dossiers/" + escape(q.code);
  } else {
    r.url = cfg_.base_url + "/slips/" + escape(q.resolver_id);
  }
  const std::string shown = text::printable(r.url.substr(0, r.url.find('?')));
  r.headers = {"Accept: application/json"};
  if (!cfg_.auth_header.empty()) r.headers.push_back(cfg_.auth_header);
  // The owner's id goes in a header, never in the address (which proxies and servers log); the
  // request wipes its headers when done.
  if (cfg_.adapter == Adapter::Generic && !q.owner_id.empty()) r.headers.push_back("X-Owner-Id: " + std::string(q.owner_id.view()));

  const auto res = http::perform(r, options());
  if (const auto* e = std::get_if<http::Error>(&res)) return error(lookup_kind(e->kind), std::string(http::kind_name(e->kind)) + ": " + e->detail);
  const auto& resp = std::get<http::Response>(res);
  // Unknown code and refused id answer alike: the citizen is told the same either way.
  if (resp.status == 404) return error(LookupError::Kind::NotShown, shown + ": HTTP 404 (unknown code or id refused by the backend)");
  if (resp.status == 403) return error(LookupError::Kind::NotShown, shown + ": HTTP 403 (id refused by the backend)");
  if (resp.status >= 500) return error(LookupError::Kind::Server, shown + ": HTTP " + std::to_string(resp.status));
  if (resp.status != 200) return error(LookupError::Kind::BadAnswer, shown + ": HTTP " + std::to_string(resp.status));
  if (resp.content_type.rfind("application/json", 0) != 0)
    return error(LookupError::Kind::BadAnswer, shown + ": content type '" + text::printable(resp.content_type) + "', not JSON");

  BackendAnswer a;
  try {
    a = cfg_.adapter == Adapter::IGate ? parse_igate(resp.body) : parse_generic(resp.body);
  } catch (const AdapterError& e) {
    const std::string what = e.what();
    if (what.find("found no dossier") != std::string::npos) return error(LookupError::Kind::NotShown, shown + ": " + what);
    return error(LookupError::Kind::BadAnswer, shown + ": " + what);
  }
  // The raw answer is wiped when `res` goes (http::Response); what was parsed is checked below.
  return check(std::move(a), q, shown);
}

LookupResult StatusClient::check(BackendAnswer a, const LookupQuery& q, const std::string& shown) const {
  // The answer must be about the dossier asked for (a lying or confused backend must not put
  // someone else's dossier on the screen). A resolver slip asks by GUID: any code will do.
  if (!q.code.empty()) {
    const std::string asked = normalize_code(q.code);
    if (normalize_code(a.status.code) != asked && (a.nation_code.empty() || normalize_code(a.nation_code) != asked))
      return error(LookupError::Kind::BadAnswer,
                   shown + ": the answer is about " + text::printable(a.status.code) + ", not the code asked");
  }
  // Fail closed on the owner: shown only when someone checked the id the citizen typed.
  if (q.owner_id.empty()) return error(LookupError::Kind::NotShown, shown + ": no owner id was given to check");
  bool match = cfg_.backend_checks_owner && a.owner_checked;
  for (const auto& id : a.owner_ids) match = match || owner_matches(id.view(), q.owner_id.view(), 4);
  if (!a.secret_code.empty()) match = match || same_ignoring_case(a.secret_code.view(), q.owner_id.view());
  if (match) {
    if (cfg_.adapter == Adapter::IGate && a.status.status == Status::NeedsPayment) add_igate_fees(a.status);
    return std::move(a.status);
  }
  if (a.owner_ids.empty() && a.secret_code.empty())
    return error(LookupError::Kind::NotShown, shown + ": the answer holds no owner id to check it against, and the backend "
                                              "did not say it checked one");
  return error(LookupError::Kind::NotShown, shown + ": owner id does not match");
}

// iGate keeps fees apart: a second request, once the owner is checked. A failure leaves the
// dossier shown without fees to pay (the counter can take them).
void StatusClient::add_igate_fees(DossierStatus& d) const {
  if (d.backend_id.empty()) return;
  http::Request r;
  r.url = cfg_.base_url + "/pa/dossier-fee/--by-dossiers?dossier-ids=" + escape(d.backend_id);
  r.headers = {"Accept: application/json"};
  if (!cfg_.auth_header.empty()) r.headers.push_back(cfg_.auth_header);
  const auto res = http::perform(r, options());
  const auto* ok = std::get_if<http::Response>(&res);
  if (!ok || ok->status != 200) return;
  try {
    d.fees_due = parse_igate_fees(ok->body, cfg_.payee);
    if (d.fees_due->items.empty()) d.fees_due.reset();
  } catch (const AdapterError&) {
    d.fees_due.reset();  // a fraction of a đồng or a strange shape: not payable here
  }
}

}  // namespace kiosk::dossier

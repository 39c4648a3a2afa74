#include "dossier/status_client.hpp"

#include <curl/curl.h>

#include <memory>
#include <stdexcept>
#include <thread>

#include "common/http.hpp"
#include "common/text.hpp"
#include "dossier/adapters.hpp"

namespace kiosk::dossier {

namespace {

using Clock = std::chrono::steady_clock;

struct CurlFree {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct SlistFree {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
struct CurlStrFree {
  void operator()(char* s) const { curl_free(s); }
};
struct UrlFree {
  void operator()(CURLU* u) const { curl_url_cleanup(u); }
};

std::string url_part(CURLU* u, CURLUPart part) {
  char* out = nullptr;
  if (curl_url_get(u, part, &out, 0) != CURLUE_OK) return {};
  std::unique_ptr<char, CurlStrFree> owned(out);
  std::string s = out;
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The answer's bytes; overwritten when done with, whatever the outcome.
struct Body {
  std::string data;
  size_t cap = 0;
  bool too_big = false;
  ~Body() { wipe_string(data); }
};

size_t on_data(char* ptr, size_t size, size_t n, void* user) {
  auto* b = static_cast<Body*>(user);
  const size_t len = size * n;
  if (b->data.size() + len > b->cap) {
    b->too_big = true;
    return 0;  // aborts the transfer: a lying server cannot make the kiosk hold megabytes
  }
  b->data.append(ptr, len);
  return len;
}

std::string escape(CURL* c, const std::string& s) {
  std::unique_ptr<char, CurlStrFree> e(curl_easy_escape(c, s.c_str(), static_cast<int>(s.size())));
  return e ? e.get() : "";
}

LookupError error(LookupError::Kind k, std::string detail) { return {k, std::move(detail)}; }

bool same_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

bool retryable(CURLcode rc, long http) {
  switch (rc) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_GOT_NOTHING:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_PARTIAL_FILE: return true;
    case CURLE_OK: return http == 500 || http == 502 || http == 503 || http == 504;
    default: return false;
  }
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
  }
  return "unknown";
}

StatusClient::StatusClient(BackendConfig cfg) : cfg_(std::move(cfg)) {
  while (!cfg_.base_url.empty() && cfg_.base_url.back() == '/') cfg_.base_url.pop_back();
  std::unique_ptr<CURLU, UrlFree> u(curl_url());
  if (!u || curl_url_set(u.get(), CURLUPART_URL, cfg_.base_url.c_str(), 0) != CURLUE_OK)
    throw std::invalid_argument("backend address is not a URL: " + text::printable(cfg_.base_url));
  const std::string scheme = url_part(u.get(), CURLUPART_SCHEME), host = url_part(u.get(), CURLUPART_HOST);
  if (scheme == "http") {
    const bool loopback = host == "127.0.0.1" || host == "localhost" || host == "[::1]" || host == "::1";
    if (!cfg_.allow_http_loopback || !loopback)
      throw std::invalid_argument("plain http to the backend would send the token and the owner's id in clear: use https" +
                                  std::string(loopback ? " (or allow http to this machine in the configuration)" : ""));
  } else if (scheme != "https") {
    throw std::invalid_argument("backend address must be https: " + text::printable(cfg_.base_url));
  }
}

LookupResult StatusClient::lookup(const LookupQuery& q) const {
  std::unique_ptr<CURL, CurlFree> curl(curl_easy_init());
  if (!curl) return error(LookupError::Kind::Offline, "curl_easy_init failed");
  CURL* c = curl.get();

  std::string url;
  if (cfg_.adapter == Adapter::IGate) {
    if (q.code.empty()) return error(LookupError::Kind::Unsupported, "iGate cannot resolve slip ids");
    url = cfg_.base_url + "/pa/dossier/search?code=" + escape(c, q.code);
  } else if (!q.code.empty()) {
    url = cfg_.base_url + "/dossiers/" + escape(c, q.code);
  } else {
    url = cfg_.base_url + "/slips/" + escape(c, q.resolver_id);
  }
  // The owner's id goes in a header, never in the address (which proxies and servers log).
  const std::string shown = url;
  std::unique_ptr<curl_slist, SlistFree> headers(curl_slist_append(nullptr, "Accept: application/json"));
  if (!cfg_.auth_header.empty()) headers.reset(curl_slist_append(headers.release(), cfg_.auth_header.c_str()));
  if (cfg_.adapter == Adapter::Generic && !q.owner_id.empty()) {
    SecretString header(std::string("X-Owner-Id: ") + std::string(q.owner_id.view()));
    headers.reset(curl_slist_append(headers.release(), header.c_str()));
  }

  const auto deadline = Clock::now() + cfg_.total_timeout;
  Body body;
  body.cap = cfg_.max_bytes;
  CURLcode rc = CURLE_OK;
  long http = 0;
  char errbuf[CURL_ERROR_SIZE] = {};
  for (int attempt = 1;; ++attempt) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) break;
    body.data.clear();
    body.too_big = false;
    errbuf[0] = 0;
    curl_easy_reset(c);
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(std::min(cfg_.connect_timeout, left).count()));
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(left.count()));
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!cfg_.ca_bundle.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, cfg_.ca_bundle.c_str());
    curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(cfg_.max_bytes));
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "tthc-kiosk/" KIOSK_VERSION);
    rc = curl_easy_perform(c);
    http = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &http);
    if (!retryable(rc, http) || attempt >= cfg_.max_attempts) break;
    // Backoff: 250 ms, 500 ms, ... within what the deadline leaves.
    const auto pause = std::chrono::milliseconds(250 << (attempt - 1));
    if (Clock::now() + pause >= deadline) break;
    std::this_thread::sleep_for(pause);
  }

  const std::string why = shown + ": " + (errbuf[0] ? errbuf : curl_easy_strerror(rc));
  if (rc == CURLE_OPERATION_TIMEDOUT || (rc == CURLE_OK && http == 0 && Clock::now() >= deadline))
    return error(LookupError::Kind::Timeout, why);
  if (body.too_big || rc == CURLE_FILESIZE_EXCEEDED)
    return error(LookupError::Kind::BadAnswer, shown + ": answer larger than " + std::to_string(cfg_.max_bytes) + " bytes");
  if (rc == CURLE_PEER_FAILED_VERIFICATION || rc == CURLE_SSL_CONNECT_ERROR || rc == CURLE_SSL_CACERT_BADFILE ||
      rc == CURLE_SSL_CERTPROBLEM)
    return error(LookupError::Kind::Tls, why);
  if (rc != CURLE_OK) return error(LookupError::Kind::Offline, why);
  // Unknown code and refused id answer alike: the citizen is told the same either way.
  if (http == 404) return error(LookupError::Kind::NotShown, shown + ": HTTP 404 (unknown code or id refused by the backend)");
  if (http == 403) return error(LookupError::Kind::NotShown, shown + ": HTTP 403 (id refused by the backend)");
  if (http >= 500) return error(LookupError::Kind::Server, shown + ": HTTP " + std::to_string(http));
  if (http != 200) return error(LookupError::Kind::BadAnswer, shown + ": HTTP " + std::to_string(http));
  const char* ctype = nullptr;
  curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &ctype);
  const std::string type = ctype ? ctype : "";
  if (type.rfind("application/json", 0) != 0)
    return error(LookupError::Kind::BadAnswer, shown + ": content type '" + text::printable(type) + "', not JSON");

  BackendAnswer a;
  try {
    a = cfg_.adapter == Adapter::IGate ? parse_igate(body.data) : parse_generic(body.data);
  } catch (const AdapterError& e) {
    const std::string what = e.what();
    if (what.find("found no dossier") != std::string::npos) return error(LookupError::Kind::NotShown, shown + ": " + what);
    return error(LookupError::Kind::BadAnswer, shown + ": " + what);
  }
  wipe_string(body.data);  // checked below against what was parsed; the raw answer is not kept
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
  std::unique_ptr<CURL, CurlFree> curl(curl_easy_init());
  if (!curl) return;
  http::Request r;
  r.url = cfg_.base_url + "/pa/dossier-fee/--by-dossiers?dossier-ids=" + escape(curl.get(), d.backend_id);
  r.headers = {"Accept: application/json"};
  if (!cfg_.auth_header.empty()) r.headers.push_back(cfg_.auth_header);
  http::Options o;
  o.ca_bundle = cfg_.ca_bundle;
  o.allow_http_loopback = cfg_.allow_http_loopback;
  o.total_timeout = cfg_.total_timeout;
  o.max_attempts = cfg_.max_attempts;
  const auto res = http::perform(r, o);
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

#include "common/http.hpp"

#include <curl/curl.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <thread>

#include "common/secret.hpp"
#include "common/text.hpp"

namespace kiosk::http {

namespace {

using Clock = std::chrono::steady_clock;

struct UrlFree {
  void operator()(CURLU* u) const { curl_url_cleanup(u); }
};
struct CurlStrFree {
  void operator()(char* s) const { curl_free(s); }
};

// The request's headers as libcurl takes them, overwritten before they are freed (a bearer
// token, an owner's id).
struct SlistFree {
  void operator()(curl_slist* l) const {
    for (curl_slist* n = l; n; n = n->next)
      if (n->data) explicit_bzero(n->data, std::strlen(n->data));
    curl_slist_free_all(l);
  }
};
using Headers = std::unique_ptr<curl_slist, SlistFree>;

Headers header_list(const std::vector<std::string>& headers) {
  Headers list;
  for (const auto& h : headers) {
    curl_slist* next = curl_slist_append(list.get(), h.c_str());
    if (!next) throw std::bad_alloc();
    list.release();
    list.reset(next);
  }
  return list;
}

// The one libcurl handle type of the project: an easy handle set up as the policy says.
class Handle {
 public:
  Handle() : c_(curl_easy_init()) {}
  explicit operator bool() const { return c_ != nullptr; }
  CURL* get() const { return c_.get(); }

  // Everything a request of the kiosk's sets, whatever it is: the address, no redirects, TLS
  // verified, the timeouts left, who we are.
  void prepare(const std::string& url, curl_slist* headers, const Options& o, std::chrono::milliseconds left, char* errbuf) {
    CURL* c = c_.get();
    curl_easy_reset(c);
    curl_easy_setopt(c, CURLOPT_URL, url.c_str());
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(std::min(o.connect_timeout, left).count()));
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(left.count()));
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!o.ca_bundle.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, o.ca_bundle.c_str());
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "tthc-kiosk/" KIOSK_VERSION);
  }

  long status() const {
    long s = 0;
    curl_easy_getinfo(c_.get(), CURLINFO_RESPONSE_CODE, &s);
    return s;
  }
  std::string header(const char* name) const {
    curl_header* h = nullptr;
    if (curl_easy_header(c_.get(), name, 0, CURLH_HEADER, -1, &h) != CURLHE_OK || !h || !h->value) return {};
    return h->value;
  }

 private:
  struct Free {
    void operator()(CURL* c) const { curl_easy_cleanup(c); }
  };
  std::unique_ptr<CURL, Free> c_;
};

// An answer's bytes, grown by hand so that no reallocation leaves a copy behind unwiped.
struct Body {
  std::string data;
  size_t cap = 0;
  bool too_big = false;
  ~Body() { wipe_string(data); }
  void clear() {
    wipe_string(data);
    too_big = false;
  }
};

size_t on_data(char* ptr, size_t size, size_t n, void* user) {
  auto* b = static_cast<Body*>(user);
  const size_t len = size * n;
  if (b->data.size() + len > b->cap) {
    b->too_big = true;
    return 0;  // aborts the transfer: a lying server cannot make the kiosk hold megabytes
  }
  if (b->data.size() + len > b->data.capacity()) {
    std::string bigger;
    bigger.reserve(std::min(b->cap, std::max<size_t>(2 * b->data.capacity(), b->data.size() + len)));
    bigger = b->data;
    wipe_string(b->data);
    b->data.swap(bigger);
  }
  b->data.append(ptr, len);
  return len;
}

std::string url_part(CURLU* u, CURLUPart part) {
  char* out = nullptr;
  if (curl_url_get(u, part, &out, 0) != CURLUE_OK) return {};
  std::unique_ptr<char, CurlStrFree> owned(out);
  std::string s = out;
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool retryable(CURLcode rc, long status) {
  switch (rc) {
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_GOT_NOTHING:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_PARTIAL_FILE: return true;
    case CURLE_OK: return status == 500 || status == 502 || status == 503 || status == 504;
    default: return false;
  }
}

bool tls_failure(CURLcode rc) {
  return rc == CURLE_PEER_FAILED_VERIFICATION || rc == CURLE_SSL_CONNECT_ERROR || rc == CURLE_SSL_CACERT_BADFILE ||
         rc == CURLE_SSL_CERTPROBLEM;
}

// A redirect is an answer the kiosk never follows: to another host it would carry the token, and
// a backend that moved must be configured anew. 304 (not modified) is an answer, not a redirect.
std::optional<Error> redirect(const Handle& h, long status, const std::string& shown) {
  if (status < 300 || status >= 400 || status == 304) return std::nullopt;
  std::string to = text::printable(h.header("Location"));
  to = to.substr(0, to.find('?'));
  return Error{Error::Kind::Refused, shown + ": HTTP " + std::to_string(status) + " redirect to '" + to.substr(0, 200) + "' not followed"};
}

std::string shown_url(const std::string& url) { return text::printable(url.substr(0, url.find('?'))); }

}  // namespace

Request::~Request() {
  for (auto& h : headers) wipe_string(h);
  wipe_string(body);
}

Response::~Response() { wipe_string(body); }

const char* kind_name(Error::Kind k) {
  switch (k) {
    case Error::Kind::Offline: return "offline";
    case Error::Kind::Timeout: return "timeout";
    case Error::Kind::Tls: return "tls";
    case Error::Kind::TooBig: return "too-big";
    case Error::Kind::Refused: return "refused";
  }
  return "offline";
}

std::optional<std::string> refusal(const std::string& url, const Policy& p) {
  std::unique_ptr<CURLU, UrlFree> u(curl_url());
  const std::string refused = "refused by the network policy: ";
  if (!u || curl_url_set(u.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK) return refused + "not a URL: " + shown_url(url);
  const std::string scheme = url_part(u.get(), CURLUPART_SCHEME), host = url_part(u.get(), CURLUPART_HOST);
  if (scheme == "https") return std::nullopt;
  if (scheme != "http") return refused + "the address must be https: " + shown_url(url);
  const bool loopback = host == "127.0.0.1" || host == "localhost" || host == "[::1]" || host == "::1";
  if (p.allow_http_loopback && loopback) return std::nullopt;
  return refused + "plain http would send tokens and citizens' data in clear: use https" +
         std::string(loopback ? " (or allow http to this machine in the configuration)" : " (" + shown_url(url) + ")");
}

std::string escape(std::string_view s) {
  std::unique_ptr<char, CurlStrFree> e(curl_easy_escape(nullptr, s.data(), static_cast<int>(s.size())));
  if (!e) throw std::bad_alloc();
  return e.get();
}

void check_url(const std::string& url, const Policy& p) {
  if (auto why = refusal(url, p)) throw std::invalid_argument(*why);
}

Result perform(const Request& r, const Options& o) {
  const std::string shown = shown_url(r.url);
  if (auto why = refusal(r.url, o.policy)) return Error{Error::Kind::Refused, *why};
  Handle h;
  if (!h) return Error{Error::Kind::Offline, "curl_easy_init failed"};
  CURL* c = h.get();
  const Headers headers = header_list(r.headers);

  const auto deadline = Clock::now() + o.total_timeout;
  Body body;
  body.cap = o.max_bytes;
  CURLcode rc = CURLE_OK;
  long status = 0;
  char errbuf[CURL_ERROR_SIZE] = {};
  for (int attempt = 1;; ++attempt) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) break;
    body.clear();
    errbuf[0] = 0;
    h.prepare(r.url, headers.get(), o, left, errbuf);
    curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(o.max_bytes));
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
    if (r.method == "POST") {
      curl_easy_setopt(c, CURLOPT_POST, 1L);
      curl_easy_setopt(c, CURLOPT_POSTFIELDS, r.body.c_str());
      curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(r.body.size()));
    } else if (r.method != "GET") {
      curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, r.method.c_str());
    }
    rc = curl_easy_perform(c);
    status = h.status();
    if (!retryable(rc, status) || attempt >= o.max_attempts) break;
    const auto pause = std::chrono::milliseconds(250 << std::min(attempt - 1, 4));
    if (Clock::now() + pause >= deadline) break;
    std::this_thread::sleep_for(pause);
  }
  const std::string why = shown + ": " + (errbuf[0] ? errbuf : curl_easy_strerror(rc));
  if (rc == CURLE_OPERATION_TIMEDOUT || (rc == CURLE_OK && status == 0 && Clock::now() >= deadline))
    return Error{Error::Kind::Timeout, why};
  if (body.too_big || rc == CURLE_FILESIZE_EXCEEDED)
    return Error{Error::Kind::TooBig, shown + ": answer larger than " + std::to_string(o.max_bytes) + " bytes"};
  if (tls_failure(rc)) return Error{Error::Kind::Tls, why};
  if (rc != CURLE_OK) return Error{Error::Kind::Offline, why};
  if (auto e = redirect(h, status, shown)) return *e;
  const char* ctype = nullptr;
  curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &ctype);
  Response resp(status, {}, ctype ? ctype : "", h.header("ETag"));
  resp.body.swap(body.data);
  return resp;
}

namespace {

struct FileClose {
  void operator()(std::FILE* f) const { std::fclose(f); }
};

struct Sink {
  CURL* curl = nullptr;
  std::FILE* file = nullptr;
  uint64_t have = 0, cap = 0;
  bool resuming = false, checked = false, keep = false, too_big = false, failed = false;
};

size_t on_file_data(char* ptr, size_t size, size_t n, void* user) {
  auto* s = static_cast<Sink*>(user);
  const size_t len = size * n;
  if (!s->checked) {
    s->checked = true;
    long code = 0;
    curl_easy_getinfo(s->curl, CURLINFO_RESPONSE_CODE, &code);
    // Asked for the rest and given the whole: the partial file is worth nothing.
    if (s->resuming && code == 200) {
      if (std::fflush(s->file) != 0 || ftruncate(fileno(s->file), 0) != 0 || std::fseek(s->file, 0, SEEK_SET) != 0) {
        s->failed = true;
        return 0;
      }
      s->have = 0;
    }
    s->keep = code == 200 || code == 206;
  }
  if (!s->keep) return len;  // an error page: read, never written into the file
  if (s->have + len > s->cap) {
    s->too_big = true;
    return 0;
  }
  if (std::fwrite(ptr, 1, len, s->file) != len) {
    s->failed = true;
    return 0;
  }
  s->have += len;
  return len;
}

int on_progress(void* cancel, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  return cancel && static_cast<const std::atomic<bool>*>(cancel)->load() ? 1 : 0;
}

}  // namespace

Result download(const Request& r, const std::filesystem::path& file, uint64_t max_bytes, const Options& o) {
  const std::string shown = shown_url(r.url);
  if (auto why = refusal(r.url, o.policy)) return Error{Error::Kind::Refused, *why};
  Handle h;
  if (!h) return Error{Error::Kind::Offline, "curl_easy_init failed"};
  CURL* c = h.get();
  std::unique_ptr<std::FILE, FileClose> out(std::fopen(file.c_str(), "ab"));
  if (!out) return Error{Error::Kind::Offline, shown + ": cannot write " + file.string()};
  std::error_code ec;
  const uint64_t have = std::filesystem::file_size(file, ec);
  if (have >= max_bytes) return Error{Error::Kind::TooBig, shown + ": larger than " + std::to_string(max_bytes) + " bytes"};
  Sink sink{c, out.get(), ec ? 0 : have, max_bytes, !ec && have > 0};
  const Headers headers = header_list(r.headers);
  char errbuf[CURL_ERROR_SIZE] = {};
  h.prepare(r.url, headers.get(), o, o.total_timeout, errbuf);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(o.connect_timeout.count()));
  // A stalled server is given up on; a slow one that keeps sending is let finish.
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 512L);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, 15L);
  if (sink.resuming) curl_easy_setopt(c, CURLOPT_RESUME_FROM_LARGE, static_cast<curl_off_t>(sink.have));
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_file_data);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);
  if (o.cancel) {
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, const_cast<std::atomic<bool>*>(o.cancel));
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
  }
  const CURLcode rc = curl_easy_perform(c);
  const long status = h.status();
  if (std::fflush(out.get()) != 0) sink.failed = true;
  if (rc == CURLE_ABORTED_BY_CALLBACK) return Error{Error::Kind::Offline, shown + ": stopped (the kiosk is quitting); resumed next time"};
  const std::string why = shown + ": " + (errbuf[0] ? errbuf : curl_easy_strerror(rc));
  if (sink.too_big) return Error{Error::Kind::TooBig, shown + ": larger than " + std::to_string(max_bytes) + " bytes"};
  if (sink.failed) return Error{Error::Kind::Offline, shown + ": cannot write " + file.string()};
  if (rc == CURLE_OPERATION_TIMEDOUT) return Error{Error::Kind::Timeout, why};
  if (tls_failure(rc)) return Error{Error::Kind::Tls, why};
  // The server would not resume (no ranges, or the part is longer than its file): the part is
  // dropped, and the next attempt starts afresh.
  if (sink.resuming && (rc == CURLE_RANGE_ERROR || status == 416)) {
    out.reset();
    std::filesystem::remove(file, ec);
    return Error{Error::Kind::Offline, shown + ": the server would not resume; starting afresh next time"};
  }
  if (rc != CURLE_OK) return Error{Error::Kind::Offline, why};
  if (auto e = redirect(h, status, shown)) return *e;
  return Response(status, {}, {}, h.header("ETag"));
}

}  // namespace kiosk::http

#include "common/http.hpp"

#include <curl/curl.h>
#include <unistd.h>

#include <cstdio>
#include <memory>
#include <stdexcept>
#include <thread>

#include "common/text.hpp"

namespace kiosk::http {

namespace {

using Clock = std::chrono::steady_clock;

struct CurlFree {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct SlistFree {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
struct UrlFree {
  void operator()(CURLU* u) const { curl_url_cleanup(u); }
};
struct CurlStrFree {
  void operator()(char* s) const { curl_free(s); }
};

struct Body {
  std::string data;
  size_t cap = 0;
  bool too_big = false;
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

std::string url_part(CURLU* u, CURLUPart part) {
  char* out = nullptr;
  if (curl_url_get(u, part, &out, 0) != CURLUE_OK) return {};
  std::unique_ptr<char, CurlStrFree> owned(out);
  std::string s = out;
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string header(CURL* c, const char* name) {
  curl_header* h = nullptr;
  if (curl_easy_header(c, name, 0, CURLH_HEADER, -1, &h) != CURLHE_OK || !h || !h->value) return {};
  return h->value;
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

}  // namespace

const char* kind_name(Error::Kind k) {
  switch (k) {
    case Error::Kind::Offline: return "offline";
    case Error::Kind::Timeout: return "timeout";
    case Error::Kind::Tls: return "tls";
    case Error::Kind::TooBig: return "too-big";
  }
  return "offline";
}

void check_url(const std::string& url, bool allow_http_loopback) {
  std::unique_ptr<CURLU, UrlFree> u(curl_url());
  if (!u || curl_url_set(u.get(), CURLUPART_URL, url.c_str(), 0) != CURLUE_OK)
    throw std::invalid_argument("not a URL: " + text::printable(url));
  const std::string scheme = url_part(u.get(), CURLUPART_SCHEME), host = url_part(u.get(), CURLUPART_HOST);
  if (scheme == "https") return;
  if (scheme != "http") throw std::invalid_argument("address must be https: " + text::printable(url));
  const bool loopback = host == "127.0.0.1" || host == "localhost" || host == "[::1]" || host == "::1";
  if (!allow_http_loopback || !loopback)
    throw std::invalid_argument("plain http would send tokens and citizens' data in clear: use https" +
                                std::string(loopback ? " (or allow http to this machine in the configuration)" : ""));
}

Result perform(const Request& r, const Options& o) {
  std::unique_ptr<CURL, CurlFree> curl(curl_easy_init());
  if (!curl) return Error{Error::Kind::Offline, "curl_easy_init failed"};
  CURL* c = curl.get();
  const std::string shown = text::printable(r.url.substr(0, r.url.find('?')));
  std::unique_ptr<curl_slist, SlistFree> headers;
  for (const auto& h : r.headers) headers.reset(curl_slist_append(headers.release(), h.c_str()));

  const auto deadline = Clock::now() + o.total_timeout;
  Body body;
  body.cap = o.max_bytes;
  CURLcode rc = CURLE_OK;
  long status = 0;
  char errbuf[CURL_ERROR_SIZE] = {};
  for (int attempt = 1;; ++attempt) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) break;
    body.data.clear();
    body.too_big = false;
    errbuf[0] = 0;
    curl_easy_reset(c);
    curl_easy_setopt(c, CURLOPT_URL, r.url.c_str());
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(std::min(o.connect_timeout, left).count()));
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(left.count()));
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!o.ca_bundle.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, o.ca_bundle.c_str());
    curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(o.max_bytes));
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &body);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "tthc-kiosk/" KIOSK_VERSION);
    if (r.method == "POST") {
      curl_easy_setopt(c, CURLOPT_POST, 1L);
      curl_easy_setopt(c, CURLOPT_POSTFIELDS, r.body.c_str());
      curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(r.body.size()));
    } else if (r.method != "GET") {
      curl_easy_setopt(c, CURLOPT_CUSTOMREQUEST, r.method.c_str());
    }
    rc = curl_easy_perform(c);
    status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
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
  if (rc == CURLE_PEER_FAILED_VERIFICATION || rc == CURLE_SSL_CONNECT_ERROR || rc == CURLE_SSL_CACERT_BADFILE ||
      rc == CURLE_SSL_CERTPROBLEM)
    return Error{Error::Kind::Tls, why};
  if (rc != CURLE_OK) return Error{Error::Kind::Offline, why};
  Response resp;
  resp.status = status;
  resp.body = std::move(body.data);
  const char* ctype = nullptr;
  curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &ctype);
  resp.content_type = ctype ? ctype : "";
  resp.etag = header(c, "ETag");
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
  std::unique_ptr<CURL, CurlFree> curl(curl_easy_init());
  if (!curl) return Error{Error::Kind::Offline, "curl_easy_init failed"};
  CURL* c = curl.get();
  const std::string shown = text::printable(r.url.substr(0, r.url.find('?')));
  std::unique_ptr<std::FILE, FileClose> out(std::fopen(file.c_str(), "ab"));
  if (!out) return Error{Error::Kind::Offline, shown + ": cannot write " + file.string()};
  std::error_code ec;
  const uint64_t have = std::filesystem::file_size(file, ec);
  if (have >= max_bytes) return Error{Error::Kind::TooBig, shown + ": larger than " + std::to_string(max_bytes) + " bytes"};
  Sink sink{c, out.get(), ec ? 0 : have, max_bytes, !ec && have > 0};
  std::unique_ptr<curl_slist, SlistFree> headers;
  for (const auto& h : r.headers) headers.reset(curl_slist_append(headers.release(), h.c_str()));
  char errbuf[CURL_ERROR_SIZE] = {};
  curl_easy_setopt(c, CURLOPT_URL, r.url.c_str());
  curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(o.connect_timeout.count()));
  curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(o.total_timeout.count()));
  // A stalled server is given up on; a slow one that keeps sending is let finish.
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 512L);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, 15L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
  if (!o.ca_bundle.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, o.ca_bundle.c_str());
  if (sink.resuming) curl_easy_setopt(c, CURLOPT_RESUME_FROM_LARGE, static_cast<curl_off_t>(sink.have));
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_file_data);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
  curl_easy_setopt(c, CURLOPT_USERAGENT, "tthc-kiosk/" KIOSK_VERSION);
  if (o.cancel) {
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, const_cast<std::atomic<bool>*>(o.cancel));
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
  }
  const CURLcode rc = curl_easy_perform(c);
  long status = 0;
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
  if (std::fflush(out.get()) != 0) sink.failed = true;
  if (rc == CURLE_ABORTED_BY_CALLBACK) return Error{Error::Kind::Offline, shown + ": stopped (the kiosk is quitting); resumed next time"};
  const std::string why = shown + ": " + (errbuf[0] ? errbuf : curl_easy_strerror(rc));
  if (sink.too_big) return Error{Error::Kind::TooBig, shown + ": larger than " + std::to_string(max_bytes) + " bytes"};
  if (sink.failed) return Error{Error::Kind::Offline, shown + ": cannot write " + file.string()};
  if (rc == CURLE_OPERATION_TIMEDOUT) return Error{Error::Kind::Timeout, why};
  if (rc == CURLE_PEER_FAILED_VERIFICATION || rc == CURLE_SSL_CONNECT_ERROR || rc == CURLE_SSL_CACERT_BADFILE ||
      rc == CURLE_SSL_CERTPROBLEM)
    return Error{Error::Kind::Tls, why};
  // The server would not resume (no ranges, or the part is longer than its file): the part is
  // dropped, and the next attempt starts afresh.
  if (sink.resuming && (rc == CURLE_RANGE_ERROR || status == 416)) {
    out.reset();
    std::filesystem::remove(file, ec);
    return Error{Error::Kind::Offline, shown + ": the server would not resume; starting afresh next time"};
  }
  if (rc != CURLE_OK) return Error{Error::Kind::Offline, why};
  return Response{status, {}, {}, header(c, "ETag")};
}

}  // namespace kiosk::http

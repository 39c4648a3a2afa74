#include "dossier/slip_payload.hpp"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <memory>

#include "common/text.hpp"

namespace kiosk::dossier {

namespace {

constexpr SlipRefusal::Kind kNotASlip = SlipRefusal::Kind::NotASlip;
constexpr SlipRefusal::Kind kBadCode = SlipRefusal::Kind::BadCode;

struct UrlFree {
  void operator()(CURLU* u) const { curl_url_cleanup(u); }
};
struct CurlStr {
  void operator()(char* s) const { curl_free(s); }
};

std::string clean(std::string_view s) {
  std::string out;
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7F) out += c;
  return text::trim(out);
}

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string upper(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string url_decode(std::string_view s) {
  int n = 0;
  std::unique_ptr<char, CurlStr> d(curl_easy_unescape(nullptr, s.data(), static_cast<int>(s.size()), &n));
  if (!d) return {};
  std::string out(d.get(), static_cast<size_t>(n));
  std::replace(out.begin(), out.end(), '+', ' ');
  return out;
}

std::optional<std::string> url_part(CURLU* u, CURLUPart part) {
  char* raw = nullptr;
  if (curl_url_get(u, part, &raw, 0) != CURLUE_OK || !raw) return std::nullopt;
  std::unique_ptr<char, CurlStr> owned(raw);
  return std::string(raw);
}

bool is_guid(std::string_view s) {
  if (s.size() != 36) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? s[i] != '-' : !std::isxdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}

// Owner id numbers are digits (CCCD 12, CMND 9) or a passport number: letters and digits.
bool plausible_owner_id(std::string_view s) {
  if (s.size() < 6 || s.size() > 20) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); });
}

std::variant<SlipPayload, SlipRefusal> parse_url(const std::string& s) {
  std::unique_ptr<CURLU, UrlFree> u(curl_url());
  if (!u || curl_url_set(u.get(), CURLUPART_URL, s.c_str(), 0) != CURLUE_OK)
    return SlipRefusal{kNotASlip, "not a URL"};
  const auto scheme = url_part(u.get(), CURLUPART_SCHEME);
  const auto host = url_part(u.get(), CURLUPART_HOST);
  if (!scheme || !host || (lower(*scheme) != "https" && lower(*scheme) != "http"))
    return SlipRefusal{kNotASlip, "URL without http(s) host"};
  std::string path = lower(url_part(u.get(), CURLUPART_PATH).value_or("/"));
  while (path.size() > 1 && path.back() == '/') path.pop_back();
  std::string query = url_part(u.get(), CURLUPART_QUERY).value_or("");
  SlipPayload p{SlipPayload::Kind::LookupUrl, std::nullopt, {}, {}, lower(*scheme) + "://" + lower(*host)};
  std::string mhs, id;
  SecretString sgt;
  auto pairs = text::split(query, '&');
  for (auto& pair : pairs) {
    const auto eq = pair.find('=');
    if (eq == std::string::npos) continue;
    const std::string key = lower(url_decode(pair.substr(0, eq)));
    std::string value = clean(url_decode(pair.substr(eq + 1)));
    if (key == "mhs" || key == "mahoso") mhs = value;
    else if (key == "sgt") sgt = value;
    else if (key == "id") id = value;
    wipe_string(value);
  }
  // The owner's id number passed through these: none is left behind in freed memory.
  for (auto& pair : pairs) wipe_string(pair);
  wipe_string(query);
  if (path.size() >= 9 && path.compare(path.size() - 9, 9, "/apiqr/qr") == 0) {
    if (!is_guid(id)) return SlipRefusal{kNotASlip, "apiqr URL without a GUID id"};
    p.kind = SlipPayload::Kind::ResolverUrl;
    p.resolver_id = lower(id);
    return p;
  }
  if (mhs.empty()) return SlipRefusal{kNotASlip, "URL without MHS/MaHoSo"};
  p.code = parse_dossier_code(upper(mhs));
  if (!p.code) return SlipRefusal{kBadCode, "MHS is not a dossier code"};
  if (!sgt.empty() && plausible_owner_id(sgt.view())) p.owner_id = std::move(sgt);
  return p;
}

}  // namespace

const char* refusal_name(SlipRefusal::Kind k) { return k == SlipRefusal::Kind::BadCode ? "bad-code" : "not-a-slip"; }

std::variant<SlipPayload, SlipRefusal> parse_slip(std::string_view scanned) {
  if (scanned.size() > kMaxPayloadBytes) return SlipRefusal{kNotASlip, "payload too long"};
  if (!text::is_valid_utf8(scanned)) return SlipRefusal{kNotASlip, "payload is not UTF-8 text"};
  const std::string s = clean(scanned);
  if (s.empty()) return SlipRefusal{kNotASlip, "empty payload"};
  const std::string head = lower(s.substr(0, 8));
  if (head.rfind("http://", 0) == 0 || head.rfind("https://", 0) == 0) return parse_url(s);
  if (auto code = parse_dossier_code(upper(s)))
    return SlipPayload{SlipPayload::Kind::BareCode, code, {}, {}, {}};
  // Something with dashes and digits was probably meant as a code: say so rather than "not a slip".
  const bool looks_like_code = s.size() <= 40 && std::count(s.begin(), s.end(), '-') >= 2;
  return SlipRefusal{looks_like_code ? kBadCode : kNotASlip, "not a dossier code or slip URL"};
}

}  // namespace kiosk::dossier

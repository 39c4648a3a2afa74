// Written Vietnamese to spoken Vietnamese, a token at a time. Numbers use "linh" (never "lẻ"),
// as the receipt's amount in words does; days 1-10 are "mồng", the fourth month "tháng tư".
#include "vntext/speech_text.hpp"

#include <array>
#include <cctype>
#include <optional>
#include <utility>
#include <vector>

#include "common/text.hpp"
#include "vntext/number_words.hpp"

namespace kiosk::vntext {

namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!is_digit(c)) return false;
  return true;
}
bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}
uint64_t value_of(std::string_view digits) {
  uint64_t v = 0;
  for (char c : digits) v = v * 10 + static_cast<uint64_t>(c - '0');
  return v;
}

constexpr std::array<const char*, 10> kDigitWords = {"không", "một", "hai", "ba", "bốn",
                                                     "năm",   "sáu", "bảy", "tám", "chín"};

// The GUIDE's abbreviations and a few the screens print.
const std::vector<std::pair<std::string_view, std::string_view>>& abbreviations() {
  static const std::vector<std::pair<std::string_view, std::string_view>> list = {
      {"CCCD", "căn cước công dân"},        {"CMND", "chứng minh nhân dân"},
      {"GPLX", "giấy phép lái xe"},         {"ĐKKD", "đăng ký kinh doanh"},
      {"HKD", "hộ kinh doanh"},             {"DN", "doanh nghiệp"},
      {"TNHH", "trách nhiệm hữu hạn"},      {"CTCP", "công ty cổ phần"},
      {"HTX", "hợp tác xã"},                {"BHXH", "bảo hiểm xã hội"},
      {"BHYT", "bảo hiểm y tế"},            {"BHTN", "bảo hiểm thất nghiệp"},
      {"TNCN", "thu nhập cá nhân"},         {"TNDN", "thu nhập doanh nghiệp"},
      {"GTGT", "giá trị gia tăng"},         {"MST", "mã số thuế"},
      {"QSDĐ", "quyền sử dụng đất"},        {"GCN", "giấy chứng nhận"},
      {"UBND", "Ủy ban nhân dân"},          {"HĐND", "Hội đồng nhân dân"},
      {"TTHC", "thủ tục hành chính"},       {"KBNN", "Kho bạc Nhà nước"},
      {"CSDL", "cơ sở dữ liệu"},            {"ĐT", "điện thoại"},
      {"TP", "thành phố"},                  {"TTHCC", "Trung tâm Phục vụ hành chính công"},
      {"VNĐ", "đồng"},                      {"VND", "đồng"},
      {"₫", "đồng"},                        {"QR", "mã quy a"},
  };
  return list;
}

std::optional<std::string_view> expansion(std::string_view word) {
  for (const auto& [abbr, full] : abbreviations())
    if (word == abbr) return full;
  return std::nullopt;
}

// "1.250.000" or "100,000": thousands in groups of three after a first group of one to three.
std::optional<uint64_t> grouped_number(std::string_view s) {
  if (s.empty() || !is_digit(s.front())) return std::nullopt;
  char sep = 0;
  size_t first = 0;
  while (first < s.size() && is_digit(s[first])) ++first;
  if (first == s.size() || first > 3) return std::nullopt;
  sep = s[first];
  if (sep != '.' && sep != ',') return std::nullopt;
  std::string digits(s.substr(0, first));
  for (size_t i = first; i < s.size(); i += 4) {
    if (s[i] != sep || i + 4 > s.size() || !all_digits(s.substr(i + 1, 3))) return std::nullopt;
    digits += s.substr(i + 1, 3);
  }
  if (digits.size() > 18) return std::nullopt;
  return value_of(digits);
}

// Digits as a number ("03" -> ba), or one by one when they are a phone number or too long.
std::string integer_words(std::string_view digits) {
  if ((digits.size() >= 3 && digits.front() == '0') || digits.size() > 15) {
    std::string out;
    for (char c : digits) out += (out.empty() ? "" : " ") + std::string(kDigitWords[c - '0']);
    return out;
  }
  return number_words(value_of(digits));
}

std::string day_words(uint64_t d) { return (d <= 10 ? "mồng " : "") + number_words(d); }
std::string month_words(uint64_t m) { return m == 4 ? "tư" : number_words(m); }

// "29/11/2026", "29/11", "11/2026".
std::optional<std::string> date_words(std::string_view s) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i)
    if (i == s.size() || s[i] == '/') {
      parts.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  for (auto p : parts)
    if (!all_digits(p)) return std::nullopt;
  if (parts.size() == 3 && parts[0].size() <= 2 && parts[1].size() <= 2 && parts[2].size() == 4) {
    const uint64_t d = value_of(parts[0]), m = value_of(parts[1]), y = value_of(parts[2]);
    if (d < 1 || d > 31 || m < 1 || m > 12) return std::nullopt;
    return "ngày " + day_words(d) + " tháng " + month_words(m) + " năm " + number_words(y);
  }
  if (parts.size() == 2 && parts[0].size() <= 2 && parts[1].size() == 4) {
    const uint64_t m = value_of(parts[0]);
    if (m < 1 || m > 12) return std::nullopt;
    return "tháng " + month_words(m) + " năm " + number_words(value_of(parts[1]));
  }
  if (parts.size() == 2 && parts[0].size() <= 2 && parts[1].size() <= 2) {
    const uint64_t d = value_of(parts[0]), m = value_of(parts[1]);
    if (d < 1 || d > 31 || m < 1 || m > 12) return std::nullopt;
    return "ngày " + day_words(d) + " tháng " + month_words(m);
  }
  return std::nullopt;
}

// "7:30", "17:00", "7h30", "7h".
std::optional<std::string> time_words(std::string_view s) {
  size_t sep = s.find(':');
  if (sep == std::string_view::npos) sep = s.find('h');
  if (sep == std::string_view::npos || sep == 0 || sep > 2 || !all_digits(s.substr(0, sep))) return std::nullopt;
  const std::string_view minutes = s.substr(sep + 1);
  if (!minutes.empty() && (minutes.size() != 2 || !all_digits(minutes))) return std::nullopt;
  if (minutes.empty() && s[sep] == ':') return std::nullopt;
  const uint64_t h = value_of(s.substr(0, sep)), m = minutes.empty() ? 0 : value_of(minutes);
  if (h > 24 || m > 59) return std::nullopt;
  return number_words(h) + " giờ" + (m ? " " + number_words(m) + " phút" : "");
}

// A number as written: grouped thousands, a decimal with a comma, plain digits, a percentage.
std::optional<std::string> number_token(std::string_view s) {
  if (ends_with(s, "%")) {
    auto n = number_token(s.substr(0, s.size() - 1));
    return n ? std::optional<std::string>(*n + " phần trăm") : std::nullopt;
  }
  if (all_digits(s)) return integer_words(s);
  if (auto v = grouped_number(s)) return number_words(*v);
  const size_t comma = s.find(',');
  if (comma != std::string_view::npos && all_digits(s.substr(0, comma)) && all_digits(s.substr(comma + 1))) {
    // "1,5" một phẩy năm; "0,05" không phẩy không năm (a leading zero is said).
    const std::string_view frac = s.substr(comma + 1);
    std::string f;
    if (frac.front() == '0' || frac.size() > 3)
      for (char c : frac) f += (f.empty() ? "" : " ") + std::string(kDigitWords[c - '0']);
    else
      f = number_words(value_of(frac));
    return integer_words(s.substr(0, comma)) + " phẩy " + f;
  }
  return std::nullopt;
}

// A number or an amount glued to its currency: "50.000₫", "50.000đ", "50.000VNĐ".
std::optional<std::string> amount_token(std::string_view s) {
  for (std::string_view unit : {"₫", "VNĐ", "VND", "đồng", "đ"})
    if (ends_with(s, unit) && s.size() > unit.size())
      if (auto n = number_token(s.substr(0, s.size() - unit.size()))) return *n + " đồng";
  return std::nullopt;
}

bool looks_like_code(std::string_view s) {
  bool digit = false, other = false;
  for (char c : s) {
    if (is_digit(c)) digit = true;
    else if (c == '.' || c == '-' || (static_cast<unsigned char>(c) < 0x80 && std::isalpha(static_cast<unsigned char>(c))) ||
             static_cast<unsigned char>(c) >= 0x80)
      other = true;
  }
  return digit && other;
}

std::string core_words(std::string_view core) {
  if (core.empty()) return {};
  if (auto e = expansion(core)) return std::string(*e);
  if (auto d = date_words(core)) return *d;
  if (auto t = time_words(core)) return *t;
  if (auto n = number_token(core)) return *n;
  if (auto a = amount_token(core)) return *a;
  // "CMND/CCCD", "Hộ chiếu/Thẻ": a slash between words reads "hoặc".
  if (const size_t slash = core.find('/'); slash != std::string_view::npos && !looks_like_code(core)) {
    std::string out;
    size_t start = 0;
    for (size_t i = 0; i <= core.size(); ++i)
      if (i == core.size() || core[i] == '/') {
        const std::string part = core_words(core.substr(start, i - start));
        if (!part.empty()) out += (out.empty() ? "" : " hoặc ") + part;
        start = i + 1;
      }
    return out;
  }
  if (looks_like_code(core)) return spell_code(core);
  return std::string(core);
}

// "7:30–11:30", "11–12", "1-4": a range reads "đến".
std::string word_or_range(std::string_view core) {
  for (std::string_view dash : {"–", "-"}) {
    const size_t at = core.find(dash);
    if (at == std::string_view::npos || at == 0 || at + dash.size() >= core.size()) continue;
    const std::string_view a = core.substr(0, at), b = core.substr(at + dash.size());
    const bool numeric = (all_digits(a) && all_digits(b) && a.size() <= 4 && b.size() <= 4) ||
                         (time_words(a) && time_words(b));
    if (dash == "–" || numeric) return core_words(a) + " đến " + core_words(b);
  }
  return core_words(core);
}

bool is_url(std::string_view s) {
  return starts_with(s, "http://") || starts_with(s, "https://") || starts_with(s, "www.");
}

bool capitalised(std::string_view w) {
  const std::u32string u = text::to_u32(w.substr(0, 4));
  return !u.empty() && text::is_upper(u.front());
}

}  // namespace

std::string spell_code(std::string_view code) {
  static const std::array<const char*, 26> kLetters = {
      "a", "bê", "xê", "dê", "e",  "ép", "giê", "hát",   "i",      "giây", "ca",    "e lờ",  "em mờ",
      "en nờ", "o", "pê", "quy", "e rờ", "ét xì", "tê", "u", "vê", "vê kép", "ích xì", "i dài", "dét"};
  std::vector<std::string> words;
  for (size_t i = 0; i < code.size(); ++i) {
    const char c = code[i];
    if (is_digit(c)) {
      words.emplace_back(kDigitWords[c - '0']);
    } else if (c >= 'A' && c <= 'Z') {
      words.emplace_back(kLetters[c - 'A']);
    } else if (c >= 'a' && c <= 'z') {
      words.emplace_back(kLetters[c - 'a']);
    } else if (c == '.') {
      words.emplace_back("chấm");
    } else if (c == '-') {
      words.emplace_back("gạch");
    } else if (c == '/') {
      words.emplace_back("gạch chéo");
    } else if (starts_with(code.substr(i), "Đ") || starts_with(code.substr(i), "đ")) {
      words.emplace_back("đê");
      ++i;
    }
  }
  std::string out;
  for (const auto& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

std::string speech_text(std::string_view text) {
  // Tokens between spaces; a line break is a pause, as a full stop.
  std::vector<std::string> tokens;
  std::string current;
  for (char c : text::sanitize_utf8(text)) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (!current.empty()) tokens.push_back(std::move(current));
      current.clear();
      if (c == '\n' && !tokens.empty() && tokens.back() != ".") tokens.emplace_back(".");
    } else {
      current += c;
    }
  }
  if (!current.empty()) tokens.push_back(std::move(current));

  std::vector<std::string> out;
  auto pause = [&](char p) {
    if (!out.empty() && out.back().size() && (out.back().back() == '.' || out.back().back() == ','))
      return;  // one pause is enough
    if (!out.empty()) out.back() += p;
  };
  for (size_t i = 0; i < tokens.size(); ++i) {
    std::string_view tok = tokens[i];
    if (tok == ".") {
      pause('.');
      continue;
    }
    if (tok == "–" || tok == "-") {  // "Thứ Hai – Thứ Sáu"
      if (!out.empty() && i + 1 < tokens.size()) out.emplace_back("đến");
      continue;
    }
    if (is_url(tok)) continue;
    // A masked name ("Nguyễn V*** A***"): the whole name is left out, the family name with it.
    if (tok.find('*') != std::string_view::npos) {
      if (!out.empty() && capitalised(out.back()) && i > 0 && tokens[i - 1].find('*') == std::string::npos &&
          out.back().find_first_of(".,:;") == std::string::npos)
        out.pop_back();
      const char last = tok.back();
      if (last == ',' || last == '.' || last == ';') pause(last == ';' ? ',' : last);
      continue;
    }
    // Brackets and quotes are not read; the punctuation that makes a pause is kept.
    while (!tok.empty() && (tok.front() == '(' || tok.front() == '"' || tok.front() == '[' || starts_with(tok, "“") ||
                            tok.front() == '\'' || tok.front() == '-' || tok.front() == '+' || starts_with(tok, "•")))
      tok.remove_prefix(starts_with(tok, "“") || starts_with(tok, "•") ? 3 : 1);
    std::string trail;
    while (!tok.empty()) {
      const char c = tok.back();
      if (c == ',' || c == '.' || c == ';' || c == ':' || c == '!' || c == '?') {
        if (trail.empty()) trail = (c == ';' || c == ':') ? "," : std::string(1, c);
        tok.remove_suffix(1);
      } else if (c == ')' || c == '"' || c == ']' || c == '\'') {
        tok.remove_suffix(1);
      } else if (ends_with(tok, "”")) {
        tok.remove_suffix(3);
      } else {
        break;
      }
    }
    std::string w = word_or_range(tok);
    if (w.empty()) {
      if (!trail.empty()) pause(trail.front());
      continue;
    }
    // "Ngày 05/01/2027", "tháng 11/2026": the word the text already says is not said again by
    // the date ("ngày ngày mồng năm…").
    if (!out.empty())
      for (std::string_view lead : {"ngày", "tháng"})
        if (text::lower(out.back()) == lead && starts_with(w, std::string(lead) + " ") && date_words(tok)) w.erase(0, lead.size() + 1);
    out.push_back(w + trail);
  }
  std::string result;
  for (const auto& w : out) result += (result.empty() ? "" : " ") + w;
  return result;
}

}  // namespace kiosk::vntext

// Parsers for the national portal's tables, which the crawl flattened to text without separators.
// Each parser returns nothing rather than guess: callers keep the published text when it fails.
#include <algorithm>
#include <cctype>

#include "common/text.hpp"
#include "content/national_import.hpp"

namespace kiosk::content::national {

namespace {

constexpr std::string_view kNoInfo = "Không có thông tin";
const std::vector<std::string_view> kChannelNames = {"Trực tiếp", "Trực tuyến", "Dịch vụ bưu chính"};
// Longest first, so "Ngày làm việc" wins over "Ngày".
const std::vector<std::string_view> kTimeUnits = {"Ngày làm việc", "ngày làm việc", "Ngày", "ngày",
                                                  "Tháng",         "tháng",         "Giờ",  "giờ",
                                                  "Năm",           "năm"};
const std::vector<std::string_view> kVndUnits = {"Việt Nam Đồng", "VNĐ", "VND", "Đồng", "đồng"};

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string_view skip_spaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\n' || s.front() == '\t')) s.remove_prefix(1);
  return s;
}

// A number as published: "10,000" / "100.000" (thousands) or "1.5" (decimal days).
std::string_view take_number(std::string_view& s) {
  size_t n = 0;
  while (n < s.size() && (is_digit(s[n]) || ((s[n] == ',' || s[n] == '.') && n + 1 < s.size() && is_digit(s[n + 1]))))
    ++n;
  auto num = s.substr(0, n);
  s.remove_prefix(n);
  return num;
}

std::optional<int64_t> digits_value(std::string_view num) {
  int64_t v = 0;
  int digits = 0;
  for (char c : num) {
    if (!is_digit(c)) continue;
    if (++digits > 15) return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return digits ? std::optional<int64_t>(v) : std::nullopt;
}

// "(...)" with nesting, from the start of s; empty when s does not start with '('.
std::string_view take_parenthesised(std::string_view& s) {
  if (s.empty() || s.front() != '(') return {};
  int depth = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '(') ++depth;
    if (s[i] == ')' && --depth == 0) {
      auto out = s.substr(0, i + 1);
      s.remove_prefix(i + 1);
      return out;
    }
  }
  auto out = s;
  s = {};
  return out;
}

// An amount followed by a currency; fills fee and consumes it. False when s holds none.
bool take_amount(std::string_view& s, Fee& fee) {
  std::string_view rest = s;
  auto num = take_number(rest);
  if (num.empty()) return false;
  rest = skip_spaces(rest);
  auto value = digits_value(num);
  for (auto unit : kVndUnits) {
    if (starts_with(rest, unit) && value) {
      rest.remove_prefix(unit.size());
      fee.text = std::string(num) + " " + std::string(unit);
      // No fee is below 1,000 VND: such a figure is a publishing slip, so it is shown, not charged.
      if (*value == 0) {
        fee.kind = Fee::Kind::Free;
      } else if (*value >= 1000) {
        fee.kind = Fee::Kind::Fixed;
        fee.amount_vnd = *value;
      } else {
        fee.kind = Fee::Kind::Text;
      }
      s = rest;
      return true;
    }
  }
  if (starts_with(rest, "USD")) {
    rest.remove_prefix(3);
    fee.kind = Fee::Kind::Text;
    fee.text = std::string(num) + " USD";
    s = rest;
    return true;
  }
  return false;
}

size_t find_channel_start(std::string_view s, size_t from, std::string_view* which) {
  size_t best = std::string_view::npos;
  for (auto name : kChannelNames) {
    size_t pos = from;
    while ((pos = s.find(name, pos)) != std::string_view::npos) {
      auto after = s.substr(pos + name.size());
      if (!after.empty() && (is_digit(after.front()) || starts_with(after, kNoInfo))) break;
      pos += name.size();
    }
    if (pos < best) {
      best = pos;
      *which = name;
    }
  }
  return best;
}

}  // namespace

ProcessingTime parse_time(std::string_view text) {
  ProcessingTime t;
  t.text = kiosk::text::squash_spaces(text);
  std::string_view s = skip_spaces(text);
  auto num = take_number(s);
  if (num.empty()) return t;
  s = skip_spaces(s);
  std::string n(num);
  std::replace(n.begin(), n.end(), ',', '.');
  for (auto unit : kTimeUnits) {
    if (starts_with(s, unit)) {
      std::string lower(unit);
      if (lower.find("gày") != std::string::npos) {
        t.days = std::stod(n);
        t.working_days = lower.find("làm việc") != std::string::npos;
      }
      return t;
    }
  }
  return t;
}

std::vector<Fee> parse_fee(std::string_view text) {
  std::vector<Fee> fees;
  for (const auto& line_s : kiosk::text::split(text, '\n')) {
    std::string line = kiosk::text::trim(line_s);
    if (line.empty()) continue;
    if (line.find("Miễn phí") != std::string::npos || line == "Không") {
      fees.push_back({Fee::Kind::Free, std::nullopt, line});
      continue;
    }
    // "Lệ phí : 100.000 Đồng": the amount follows the label.
    Fee fee;
    bool found = false;
    for (size_t i = 0; i < line.size() && !found; ++i) {
      if (!is_digit(line[i]) || (i > 0 && is_digit(line[i - 1]))) continue;
      std::string_view rest = std::string_view(line).substr(i);
      found = take_amount(rest, fee);
    }
    if (found) {
      fee.text = line;
      fees.push_back(fee);
    } else {
      fees.push_back({Fee::Kind::Text, std::nullopt, line});
    }
  }
  // Several "0 Đồng" lines say one thing: it is free.
  if (!fees.empty() && std::all_of(fees.begin(), fees.end(), [](const Fee& f) { return f.kind == Fee::Kind::Free; }))
    fees.resize(1);
  return fees;
}

std::vector<Channel> parse_channels(std::string_view flat) {
  std::vector<Channel> out;
  constexpr std::string_view header = "Hình thức nộpThời gianPhí, lệ phíMô tả";
  if (starts_with(flat, header)) flat.remove_prefix(header.size());
  std::string_view name;
  size_t pos = find_channel_start(flat, 0, &name);
  if (pos != 0) return out;  // text before the first channel: not the table we know
  while (pos != std::string_view::npos) {
    std::string_view next_name;
    size_t next = find_channel_start(flat, pos + name.size(), &next_name);
    std::string_view seg = flat.substr(pos + name.size(), next == std::string_view::npos ? std::string_view::npos
                                                                                         : next - pos - name.size());
    Channel ch;
    ch.name = std::string(name);
    if (starts_with(seg, kNoInfo)) {
      ch.time.text = std::string(kNoInfo);
      seg.remove_prefix(kNoInfo.size());
    } else {
      std::string_view probe = seg;
      auto num = take_number(probe);
      std::string_view after = skip_spaces(probe);
      std::string_view unit;
      for (auto u : kTimeUnits)
        if (starts_with(after, u)) {
          unit = u;
          break;
        }
      ch.time = parse_time(std::string(num) + (unit.empty() ? "" : " " + std::string(unit)));
      if (unit.empty()) ch.time.text = std::string(num) + " ngày";
      if (unit.empty() && !ch.time.days) ch.time.days = std::stod([&] {
          std::string n(num);
          std::replace(n.begin(), n.end(), ',', '.');
          return n;
        }());
      seg = unit.empty() ? probe : after.substr(unit.size());
    }
    Fee fee;
    if (starts_with(seg, "Miễn phí")) {
      seg.remove_prefix(std::string_view("Miễn phí").size());
      ch.fees.push_back({Fee::Kind::Free, std::nullopt, "Miễn phí"});
    } else if (starts_with(seg, kNoInfo)) {
      seg.remove_prefix(kNoInfo.size());
    } else if (take_amount(seg, fee)) {
      ch.fees.push_back(fee);
    }
    auto detail = take_parenthesised(seg);
    if (!detail.empty() && !ch.fees.empty()) {
      // An unbalanced "(" runs to the end of the cell: strip only what is there.
      std::string_view inner = detail.substr(1);
      if (!inner.empty() && inner.back() == ')') inner.remove_suffix(1);
      std::string d(inner);
      d = kiosk::text::squash_spaces(d);
      if (!d.empty()) ch.fees.back().text += " (" + d + ")";
    }
    ch.note = kiosk::text::squash_spaces(seg);
    out.push_back(std::move(ch));
    pos = next;
    name = next_name;
  }
  return out;
}

namespace {

// The copies column: "1 bản chính", "0 bản chính,1 bản sao". Returns its start and length.
bool find_copies(std::string_view s, size_t from, size_t* start, size_t* len) {
  static const std::vector<std::string_view> kinds = {" bản chính", " bản sao"};
  size_t best = std::string_view::npos;
  for (auto k : kinds) {
    size_t pos = from;
    while ((pos = s.find(k, pos)) != std::string_view::npos) {
      if (pos > from && is_digit(s[pos - 1])) break;
      pos += k.size();
    }
    best = std::min(best, pos);
  }
  if (best == std::string_view::npos) return false;
  size_t b = best;
  // Take at most two digits: a year glued to the count ("2023" + "1 bản") belongs to the name.
  int digits = 0;
  while (b > from && is_digit(s[b - 1]) && digits < 2) {
    --b;
    ++digits;
  }
  if (digits == 2 && s[b] != '1') ++b;  // "10 bản" is plausible, "31 bản" after a date is not
  size_t e = best;
  // Extend over ",<n> bản sao" / ",<n> bản chính" continuations.
  while (true) {
    size_t k = e;
    for (auto kind : kinds)
      if (starts_with(s.substr(k), kind)) {
        k += kind.size();
        break;
      }
    e = k;
    if (e < s.size() && s[e] == ',' && e + 1 < s.size() && is_digit(s[e + 1])) {
      size_t d = e + 1;
      while (d < s.size() && is_digit(s[d])) ++d;
      bool cont = false;
      for (auto kind : kinds) cont = cont || starts_with(s.substr(d), kind);
      if (!cont) break;
      e = d;
      continue;
    }
    break;
  }
  *start = b;
  *len = e - b;
  return true;
}

bool has_template_extension(std::string_view s, size_t* ext_end) {
  static const std::vector<std::string_view> exts = {".docx", ".doc", ".pdf", ".xlsx", ".xls", ".DOCX", ".DOC", ".PDF"};
  for (auto ext : exts) {
    if (s.size() >= ext.size() && s.substr(s.size() - ext.size()) == ext) {
      *ext_end = s.size();
      return true;
    }
  }
  return false;
}

// Splits "...theo mẫu thống nhấtMẫu TP-LS-02.docx" into the name and the template file name,
// at the first place a lower-case letter or ')' runs straight into a capital or digit.
std::pair<std::string, std::string> split_template(const std::string& name_with_file) {
  size_t ext_end = 0;
  if (!has_template_extension(name_with_file, &ext_end)) return {name_with_file, ""};
  std::u32string u = kiosk::text::to_u32(name_with_file);
  for (size_t i = 1; i < u.size(); ++i) {
    char32_t a = u[i - 1], b = u[i];
    bool glue = (kiosk::text::is_lower(a) || a == U')' || a == U'.' || a == U':') &&
                (kiosk::text::is_upper(b) || (b >= U'0' && b <= U'9'));
    if (glue && a == U'.' && b >= U'0' && b <= U'9') glue = false;  // "1.2" inside a name
    if (glue) {
      return {kiosk::text::trim(kiosk::text::to_utf8(u.substr(0, i))), kiosk::text::trim(kiosk::text::to_utf8(u.substr(i)))};
    }
  }
  return {"", kiosk::text::trim(name_with_file)};
}

}  // namespace

ParsedDocuments parse_documents(std::string_view flat) {
  ParsedDocuments out;
  constexpr std::string_view header = "Tên giấy tờMẫu đơn, tờ khaiSố lượng";
  std::string section;
  size_t pos = 0;
  std::string s(flat);
  while (pos < s.size()) {
    size_t start = 0, len = 0;
    if (!find_copies(s, pos, &start, &len)) break;
    std::string name = s.substr(pos, start - pos);
    if (auto h = name.find(header); h != std::string::npos) {
      std::string before = kiosk::text::squash_spaces(name.substr(0, h));
      while (!before.empty() && before.front() == '-') before.erase(0, 1);
      section = kiosk::text::trim(before);
      name = name.substr(h + header.size());
    }
    name = kiosk::text::squash_spaces(name);
    auto [doc_name, file] = split_template(name);
    Document d;
    d.name = doc_name.empty() ? file : doc_name;
    d.copies = kiosk::text::squash_spaces(s.substr(start, len));
    size_t comma;
    while ((comma = d.copies.find(",")) != std::string::npos && d.copies[comma + 1] != ' ') d.copies.insert(comma + 1, " ");
    d.note = section;
    if (!file.empty()) attach_form(d, out.forms, file);
    if (!d.name.empty()) out.documents.push_back(std::move(d));
    pos = start + len;
  }
  return out;
}

namespace {

// Length of "<1-4 digits>/<4 digits>/" at s[i], or 0.
size_t code_prefix(std::string_view s, size_t i) {
  size_t j = i;
  while (j < s.size() && is_digit(s[j]) && j - i < 5) ++j;
  if (j == i || j - i > 4 || j >= s.size() || s[j] != '/') return 0;
  size_t k = j + 1;
  while (k < s.size() && is_digit(s[k])) ++k;
  if (k - j - 1 != 4 || k >= s.size() || s[k] != '/') return 0;
  return k + 1 - i;
}

// End of a document number starting at i ("82/2015/NĐ-CP"): capitals, digits, '-' and Đ,
// stopping where the next number or a title word begins. Where digits could end this number or
// start the next ("QH1451/2019/QH14"), a split that repeats this number exactly wins: titles
// quote their own number right before the number column.
size_t code_end(std::string_view s, size_t i, bool prefer_repeat = true) {
  size_t e = i + code_prefix(s, i);
  while (e < s.size()) {
    if (is_digit(s[e]) && code_prefix(s, e)) {
      size_t split = e;
      if (prefer_repeat) {
        for (size_t k = e; k < s.size() && is_digit(s[k]); ++k) {
          if (!code_prefix(s, k)) continue;
          size_t next_end = code_end(s, k, false);
          if (s.substr(i, k - i) == s.substr(k, next_end - k)) {
            split = k;
            break;
          }
        }
      }
      e = split;
      break;
    }
    unsigned char c = static_cast<unsigned char>(s[e]);
    if (std::isupper(c) || is_digit(s[e]) || s[e] == '-') {
      ++e;
    } else if (s.compare(e, 2, "Đ") == 0) {
      e += 2;
    } else {
      break;
    }
  }
  // "QH14Nhập": the capital belongs to the next title when a lower-case letter follows it.
  if (e < s.size() && e > i && (static_cast<unsigned char>(s[e]) >= 0x80 || std::islower(static_cast<unsigned char>(s[e]))) &&
      std::isupper(static_cast<unsigned char>(s[e - 1])))
    --e;
  return e;
}

}  // namespace

// Rows are "<title><number>" run together, and titles often quote their own number. A number is
// the row's number column only when the next row starts straight after it (a letter, no space)
// or the text ends; a number followed by a space, or by another number, is part of a title.
std::vector<LegalBasis> parse_legal_basis(std::string_view flat) {
  std::vector<LegalBasis> out;
  constexpr std::string_view header = "Tên văn bản pháp lýMã văn bản";
  if (!starts_with(flat, header)) return out;
  flat.remove_prefix(header.size());
  size_t row_start = 0, i = 0, last_code_end = std::string_view::npos;
  // A number may start inside a run of digits right after a year ("sửa đổi 2023" + "23/2023/QH15")
  // or right where the previous number stopped.
  auto may_start = [&](size_t at) {
    if (at == 0 || !is_digit(flat[at - 1]) || at == last_code_end) return true;
    size_t run = 0;
    while (run < at && is_digit(flat[at - 1 - run])) ++run;
    return run == 4;
  };
  while (i < flat.size()) {
    if (!is_digit(flat[i]) || !may_start(i) || !code_prefix(flat, i)) {
      ++i;
      continue;
    }
    size_t e = code_end(flat, i);
    bool column = e >= flat.size() || (!is_digit(flat[e]) && flat[e] != ' ' && flat[e] != ',' && flat[e] != ';' &&
                                       flat[e] != ')' && flat[e] != '.');
    if (column) {
      std::string title = kiosk::text::squash_spaces(flat.substr(row_start, i - row_start));
      if (!title.empty()) out.push_back({title, std::string(flat.substr(i, e - i))});
      row_start = e;
    }
    last_code_end = e;
    i = e > i ? e : i + 1;
  }
  std::string tail = kiosk::text::squash_spaces(flat.substr(std::min(row_start, flat.size())));
  if (!tail.empty()) out.push_back({tail, ""});
  return out;
}

void attach_form(Document& doc, std::vector<Form>& forms, const std::string& template_name) {
  Form f;
  f.id = "f" + std::to_string(forms.size() + 1);
  f.name = doc.name;
  f.template_name = template_name;
  doc.form_id = f.id;
  forms.push_back(std::move(f));
}

std::vector<std::string> parse_steps(std::string_view text) {
  std::vector<std::string> steps;
  for (const auto& line : kiosk::text::split(text, '\n')) {
    std::string l = kiosk::text::squash_spaces(line);
    if (l.empty()) continue;
    if (starts_with(l, "Bước") || steps.empty()) {
      steps.push_back(l);
    } else {
      steps.back() += "\n" + l;
    }
  }
  return steps;
}

}  // namespace kiosk::content::national

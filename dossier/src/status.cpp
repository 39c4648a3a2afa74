#include "dossier/status.hpp"

#include <cctype>
#include <cstdio>
#include <ctime>

#include "common/text.hpp"

namespace kiosk::dossier {

Status status_from_id(long id) { return id >= 1 && id <= 10 ? static_cast<Status>(id) : Status::Unknown; }

const char* fee_kind_name(FeeItem::Kind k) { return k == FeeItem::Kind::LePhi ? "le_phi" : "phi"; }

const char* status_name(Status s) {
  switch (s) {
    case Status::Registered: return "registered";
    case Status::Accepted: return "accepted";
    case Status::Refused: return "refused";
    case Status::Processing: return "processing";
    case Status::NeedsDocuments: return "needs-documents";
    case Status::NeedsPayment: return "needs-payment";
    case Status::Withdrawn: return "withdrawn";
    case Status::Stopped: return "stopped";
    case Status::Done: return "done";
    case Status::Returned: return "returned";
    case Status::Unknown: break;
  }
  return "unknown";
}

std::string Date::text() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", day, month, year);
  return buf;
}

namespace {

int digits(std::string_view s, size_t at, size_t n) {
  if (at + n > s.size()) return -1;
  int v = 0;
  for (size_t i = at; i < at + n; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return -1;
    v = v * 10 + (s[i] - '0');
  }
  return v;
}

bool valid(const Date& d) {
  return d.year >= 2000 && d.year <= 2100 && d.month >= 1 && d.month <= 12 && d.day >= 1 && d.day <= 31;
}

// Days since 1970-01-01 of a civil date, and back (Howard Hinnant's algorithms).
long days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date civil_from_days(long z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return {static_cast<int>(yoe + era * 400 + (m <= 2)), m, d};
}

// The minutes east of UTC a time stamp's zone says ("+0700", "+07:00", "Z"), or nullopt.
std::optional<int> zone_minutes(std::string_view z) {
  if (z == "Z" || z == "z") return 0;
  if (z.size() < 3 || (z[0] != '+' && z[0] != '-')) return std::nullopt;
  const int sign = z[0] == '-' ? -1 : 1;
  const int h = digits(z, 1, 2);
  int m = 0;
  if (z.size() == 5) m = digits(z, 3, 2);
  else if (z.size() == 6 && z[3] == ':') m = digits(z, 4, 2);
  else if (z.size() != 3) return std::nullopt;
  if (h < 0 || h > 14 || m < 0 || m > 59) return std::nullopt;
  return sign * (h * 60 + m);
}

}  // namespace

namespace {

// A date, and the time of day when the text has one, as seen from Vietnam.
struct Moment {
  Date date;
  std::optional<int> minute_of_day;
};

std::optional<Moment> parse_moment(std::string_view s) {
  Date d;
  if (s.size() >= 10 && s[4] == '-' && s[7] == '-') {
    d = {digits(s, 0, 4), digits(s, 5, 2), digits(s, 8, 2)};
  } else if (s.size() >= 10 && s[2] == '/' && s[5] == '/') {
    d = {digits(s, 6, 4), digits(s, 3, 2), digits(s, 0, 2)};
  } else {
    return std::nullopt;
  }
  if (!valid(d)) return std::nullopt;
  if (s.size() < 16 || (s[10] != 'T' && s[10] != ' ') || s[13] != ':') return Moment{d, std::nullopt};
  const int hh = digits(s, 11, 2), mm = digits(s, 14, 2);
  if (hh < 0 || hh > 23 || mm < 0 || mm > 59) return std::nullopt;
  // A time stamp with a zone: the moment, seen from Vietnam. Without a zone, as written.
  size_t z = 16;
  while (z < s.size() && s[z] != '+' && s[z] != '-' && s[z] != 'Z' && s[z] != 'z') ++z;
  if (z == s.size()) return Moment{d, hh * 60 + mm};
  const auto offset = zone_minutes(s.substr(z));
  if (!offset) return std::nullopt;
  constexpr int kVietnam = 7 * 60;
  const long minutes = days_from_civil(d.year, d.month, d.day) * 1440 + hh * 60 + mm - *offset + kVietnam;
  const long day = minutes >= 0 ? minutes / 1440 : (minutes - 1439) / 1440;
  return Moment{civil_from_days(day), static_cast<int>(minutes - day * 1440)};
}

}  // namespace

std::optional<Date> parse_date(std::string_view s) {
  const auto m = parse_moment(s);
  if (!m) return std::nullopt;
  return m->date;
}

std::string moment_text(std::string_view s) {
  const auto m = parse_moment(s);
  if (!m) return std::string(s);
  std::string out = m->date.text();
  if (m->minute_of_day) {
    char buf[16];
    std::snprintf(buf, sizeof buf, " %02d:%02d", *m->minute_of_day / 60, *m->minute_of_day % 60);
    out += buf;
  }
  return out;
}

Date today_local() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  return {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

bool is_late(const DossierStatus& d, Date today) {
  if (!d.appointment) return false;
  switch (d.status) {
    case Status::Done:
    case Status::Returned:
      // Finished: late only if it finished after the appointment.
      return d.completed && *d.completed > *d.appointment;
    case Status::Refused:
    case Status::Withdrawn:
    case Status::Stopped:
      return false;
    default:
      return today > *d.appointment;
  }
}

NextStep next_step(const DossierStatus& d, Date today) {
  using K = NextStep::Kind;
  NextStep n;
  n.where = d.counter;
  switch (d.status) {
    case Status::Done: n.kind = K::CollectResult; break;
    case Status::Returned: n.kind = K::Finished; break;
    case Status::NeedsDocuments:
      n.kind = K::BringDocuments;
      n.note = d.supplement_note;
      break;
    case Status::NeedsPayment: n.kind = K::Pay; break;
    case Status::Refused:
    case Status::Stopped: n.kind = K::AskWhy; break;
    case Status::Registered:
    case Status::Accepted:
    case Status::Processing:
      // Past its appointment and not ready: "come back on the appointment day" would send the
      // citizen back to a date already gone.
      if (is_late(d, today)) {
        n.kind = K::AskNewDate;
        break;
      }
      [[fallthrough]];
    default:
      n.kind = d.appointment ? K::ComeBackOn : K::InProgress;
      n.date = d.appointment;
      break;
  }
  return n;
}

const char* next_step_name(NextStep::Kind k) {
  switch (k) {
    case NextStep::Kind::CollectResult: return "collect-result";
    case NextStep::Kind::Finished: return "finished";
    case NextStep::Kind::BringDocuments: return "bring-documents";
    case NextStep::Kind::Pay: return "pay";
    case NextStep::Kind::AskWhy: return "ask-why";
    case NextStep::Kind::ComeBackOn: return "come-back-on";
    case NextStep::Kind::InProgress: return "in-progress";
    case NextStep::Kind::AskNewDate: return "ask-new-date";
  }
  return "in-progress";
}

std::string mask_name(std::string_view full_name) {
  // Works on the bytes in place: the full name is never copied (a copy would be one more place
  // for it to linger). Words are split on ASCII white space; a word's first letter is its first
  // code point (with its combining marks, should the name come decomposed).
  std::string out;
  bool first_word = true;
  size_t i = 0;
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (i < full_name.size()) {
    while (i < full_name.size() && space(full_name[i])) ++i;
    if (i >= full_name.size()) break;
    size_t end = i;
    while (end < full_name.size() && !space(full_name[end])) ++end;
    if (!out.empty()) out += ' ';
    if (first_word) {
      out.append(full_name.substr(i, end - i));  // the family name alone identifies no one
      first_word = false;
    } else {
      size_t n = 1;
      // The lead byte's code point, then any combining marks (U+0300–U+036F: 0xCC 0x80–0xCD 0xAF).
      while (i + n < end && (static_cast<unsigned char>(full_name[i + n]) & 0xC0) == 0x80) ++n;
      while (i + n + 1 < end && (static_cast<unsigned char>(full_name[i + n]) == 0xCC ||
                                 (static_cast<unsigned char>(full_name[i + n]) == 0xCD &&
                                  static_cast<unsigned char>(full_name[i + n + 1]) <= 0xAF)))
        n += 2;
      out.append(full_name.substr(i, n));
      out += "***";
    }
    i = end;
  }
  return text::to_nfc(out);
}

std::string mask_id(std::string_view id) {
  if (id.size() <= 4) return std::string(id.size(), '*');
  return std::string(id.size() - 4, '*') + std::string(id.substr(id.size() - 4));
}

std::string normalize_code(std::string_view code) {
  std::string out;
  for (char c : code)
    if (c != '.' && !std::isspace(static_cast<unsigned char>(c))) out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

Status status_from_words(std::string_view words) {
  const std::string w = text::lower(text::squash_spaces(words));
  auto has = [&](const char* part) { return w.find(part) != std::string::npos; };
  // Most specific first: "không được tiếp nhận" before "được tiếp nhận", "đã trả kết quả" before
  // "kết quả".
  if (has("không được tiếp nhận") || has("từ chối")) return Status::Refused;
  if (has("đã trả kết quả") || has("đã trả")) return Status::Returned;
  if (has("rút")) return Status::Withdrawn;
  if (has("dừng xử lý") || has("tạm dừng")) return Status::Stopped;
  if (has("bổ sung")) return Status::NeedsDocuments;
  if (has("nghĩa vụ tài chính") || has("thanh toán") || has("nộp phí")) return Status::NeedsPayment;
  if (has("đã xử lý xong") || has("có kết quả") || has("chờ trả kết quả") || has("hoàn thành")) return Status::Done;
  if (has("đang xử lý") || has("đang giải quyết") || has("thẩm định")) return Status::Processing;
  if (has("được tiếp nhận") || has("đã tiếp nhận")) return Status::Accepted;
  if (has("mới đăng ký") || has("chờ tiếp nhận")) return Status::Registered;
  return Status::Unknown;
}

bool owner_matches(std::string_view owner_id, std::string_view typed, size_t min_digits) {
  const std::string t = text::trim(typed);
  if (owner_id.empty() || t.empty()) return false;
  if (t == owner_id) return true;
  return t.size() >= min_digits && t.size() < owner_id.size() && owner_id.substr(owner_id.size() - t.size()) == t;
}

}  // namespace kiosk::dossier

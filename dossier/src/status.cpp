#include "dossier/status.hpp"

#include <cctype>
#include <cstdio>
#include <ctime>

#include "common/text.hpp"

namespace kiosk::dossier {

Status status_from_id(long id) { return id >= 1 && id <= 10 ? static_cast<Status>(id) : Status::Unknown; }

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

std::optional<Date> parse_date(std::string_view s) {
  auto num = [&](size_t at, size_t n) -> int {
    if (at + n > s.size()) return -1;
    int v = 0;
    for (size_t i = at; i < at + n; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(s[i]))) return -1;
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  Date d;
  if (s.size() >= 10 && s[4] == '-' && s[7] == '-') {
    d = {num(0, 4), num(5, 2), num(8, 2)};
  } else if (s.size() >= 10 && s[2] == '/' && s[5] == '/') {
    d = {num(6, 4), num(3, 2), num(0, 2)};
  } else {
    return std::nullopt;
  }
  if (d.year < 2000 || d.year > 2100 || d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31) return std::nullopt;
  return d;
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
  const auto words = text::split(text::squash_spaces(full_name), ' ');
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (words[i].empty()) continue;
    if (!out.empty()) out += ' ';
    if (i == 0) {
      out += words[i];  // the family name alone identifies no one
    } else {
      const std::u32string u = text::to_u32(words[i]);
      out += text::to_utf8(u.substr(0, 1)) + "***";
    }
  }
  return out;
}

std::string mask_id(std::string_view id) {
  if (id.size() <= 4) return std::string(id.size(), '*');
  return std::string(id.size() - 4, '*') + std::string(id.substr(id.size() - 4));
}

bool owner_matches(std::string_view owner_id, std::string_view typed, size_t min_digits) {
  const std::string t = text::trim(typed);
  if (owner_id.empty() || t.empty()) return false;
  if (t == owner_id) return true;
  return t.size() >= min_digits && t.size() < owner_id.size() && owner_id.substr(owner_id.size() - t.size()) == t;
}

}  // namespace kiosk::dossier

#include "dossier/status.hpp"

#include <cctype>
#include <cstdio>

#include "common/text.hpp"

namespace kiosk::dossier {

Status status_from_id(long id) { return id >= 1 && id <= 10 ? static_cast<Status>(id) : Status::Unknown; }

std::string status_words(Status s) {
  switch (s) {
    case Status::Registered: return "Hồ sơ mới đăng ký, đang chờ tiếp nhận";
    case Status::Accepted: return "Hồ sơ đã được tiếp nhận";
    case Status::Refused: return "Hồ sơ không được tiếp nhận";
    case Status::Processing: return "Hồ sơ đang được xử lý";
    case Status::NeedsDocuments: return "Cần bổ sung giấy tờ";
    case Status::NeedsPayment: return "Cần nộp phí, lệ phí hoặc nghĩa vụ tài chính";
    case Status::Withdrawn: return "Hồ sơ đã rút theo yêu cầu của công dân";
    case Status::Stopped: return "Hồ sơ đã dừng xử lý";
    case Status::Done: return "Đã có kết quả, chờ trả";
    case Status::Returned: return "Đã trả kết quả";
    case Status::Unknown: break;
  }
  return "Chưa rõ trạng thái, vui lòng hỏi cán bộ";
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

std::string next_step(const DossierStatus& d) {
  const std::string where = d.counter.empty() ? "Bộ phận một cửa" : d.counter;
  switch (d.status) {
    case Status::Done: return "Mời ông/bà đến " + where + " nhận kết quả";
    case Status::Returned: return "Kết quả đã được trả. Cảm ơn ông/bà";
    case Status::NeedsDocuments:
      return "Cần bổ sung giấy tờ" + (d.supplement_note.empty() ? std::string(". Mời ông/bà đến ") + where
                                                                 : ": " + d.supplement_note + ". Nộp tại " + where);
    case Status::NeedsPayment: return "Mời ông/bà nộp phí, lệ phí để hồ sơ được tiếp tục xử lý";
    case Status::Refused:
    case Status::Stopped: return "Mời ông/bà liên hệ " + where + " để biết lý do";
    default:
      return d.appointment ? "Mời ông/bà quay lại vào ngày hẹn " + d.appointment->text()
                           : "Hồ sơ đang được giải quyết";
  }
}

std::string next_step(const DossierStatus& d, Date today) {
  // Past its appointment and not ready: "come back on the appointment day" would send the
  // citizen back to a date already gone.
  const bool waiting = d.status == Status::Registered || d.status == Status::Accepted || d.status == Status::Processing;
  if (waiting && is_late(d, today)) {
    const std::string where = d.counter.empty() ? "Bộ phận một cửa" : d.counter;
    return "Hồ sơ đã quá ngày hẹn trả. Mời ông/bà đến " + where + " để được thông báo ngày trả mới";
  }
  return next_step(d);
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

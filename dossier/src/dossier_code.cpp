#include "dossier/dossier_code.hpp"

#include <cctype>
#include <cstdio>

namespace kiosk::dossier {

namespace {

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

// "H04" / "G01": one capital letter and two digits.
bool short_agency(std::string_view s) {
  return s.size() == 3 && std::isupper(static_cast<unsigned char>(s[0])) && all_digits(s.substr(1));
}

// "000.00.12.H04": three, two and two digits, then the short form.
bool long_agency(std::string_view s) {
  return s.size() == 13 && all_digits(s.substr(0, 3)) && s[3] == '.' && all_digits(s.substr(4, 2)) && s[6] == '.' &&
         all_digits(s.substr(7, 2)) && s[9] == '.' && short_agency(s.substr(10));
}

int days_in_month(int y, int m) {
  static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && y % 4 == 0) return 29;  // 2000-2099: every fourth year
  return d[m - 1];
}

}  // namespace

std::string DossierCode::text() const {
  char date[16];
  std::snprintf(date, sizeof date, "%02d%02d%02d", year % 100, month, day);
  return agency + "-" + date + "-" + counter;
}

std::optional<DossierCode> parse_dossier_code(std::string_view t) {
  if (t.size() > 40) return std::nullopt;
  const size_t last = t.rfind('-');
  if (last == std::string_view::npos || last == 0) return std::nullopt;
  const size_t mid = t.rfind('-', last - 1);
  if (mid == std::string_view::npos) return std::nullopt;
  const std::string_view agency = t.substr(0, mid), date = t.substr(mid + 1, last - mid - 1),
                         counter = t.substr(last + 1);
  if (!(short_agency(agency) || long_agency(agency))) return std::nullopt;
  if (date.size() != 6 || !all_digits(date)) return std::nullopt;
  if (!(counter.size() == 4 || counter.size() == 5) || !all_digits(counter)) return std::nullopt;
  DossierCode c;
  c.agency = std::string(agency);
  c.year = 2000 + (date[0] - '0') * 10 + (date[1] - '0');
  c.month = (date[2] - '0') * 10 + (date[3] - '0');
  c.day = (date[4] - '0') * 10 + (date[5] - '0');
  c.counter = std::string(counter);
  if (c.month < 1 || c.month > 12 || c.day < 1 || c.day > days_in_month(c.year, c.month)) return std::nullopt;
  return c;
}

}  // namespace kiosk::dossier

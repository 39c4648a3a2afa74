// The small parsers a backend's words go through: dates with zones, status words, masking, code
// normalisation, the month's figures for the hall. Any bytes: an answer or nothing, never a
// crash or a read out of bounds.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "dossier/month_stats.hpp"
#include "dossier/status.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view s(reinterpret_cast<const char*>(data), size);
  if (auto d = kiosk::dossier::parse_date(s)) {
    if (d->month < 1 || d->month > 12 || d->day < 1 || d->day > 31 || d->year < 1999 || d->year > 2101) std::abort();
  }
  (void)kiosk::dossier::status_from_words(s);
  const std::string masked = kiosk::dossier::mask_name(s);
  (void)kiosk::dossier::normalize_code(s);
  (void)kiosk::dossier::owner_matches(s, "2345", 4);
  try {
    const auto st = kiosk::dossier::parse_month_stats(s);
    if (st.received < 0 || st.late < 0 || st.month.size() != 7) std::abort();
    for (const auto& a : st.agencies)
      if (auto p = kiosk::dossier::MonthStats::on_time_percent(a.on_time, a.late); p && (*p < 0 || *p > 100)) std::abort();
  } catch (const kiosk::dossier::BadStats&) {
  }
  return masked.size() > 4 * size + 16 ? (std::abort(), 0) : 0;
}

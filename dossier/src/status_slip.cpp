#include "dossier/status_slip.hpp"

#include <ctime>

namespace kiosk::dossier {

Date today_local() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  return {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

printing::StatusSlipData status_slip_data(const DossierStatus& d, Date today) {
  printing::StatusSlipData s;
  s.dossier_code = d.code;
  s.procedure = d.procedure_name;
  s.owner_masked = mask_name(d.owner_name);
  if (d.received) s.received = d.received->text();
  if (d.appointment) s.appointment = d.appointment->text();
  s.status = status_words(d.status);
  s.late = is_late(d, today);
  s.next_step = next_step(d, today);
  for (const auto& st : d.steps) s.steps.emplace_back(st.when, st.unit.empty() ? st.action : st.unit + ": " + st.action);
  return s;
}

}  // namespace kiosk::dossier

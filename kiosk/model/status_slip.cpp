#include "model/status_slip.hpp"

#include "model/kind_texts.hpp"

namespace kiosk::app {

printing::StatusSlipData status_slip_data(const dossier::DossierStatus& d, dossier::Date today) {
  printing::StatusSlipData s;
  s.dossier_code = d.code;
  s.procedure = d.procedure_name;
  s.owner_masked = d.owner_masked;
  if (d.received) s.received = d.received->text();
  if (d.appointment) s.appointment = d.appointment->text();
  s.status = status_words(d.status, Language::Vi);
  s.late = dossier::is_late(d, today);
  s.next_step = next_step_words(dossier::next_step(d, today), Language::Vi);
  for (const auto& st : d.steps) s.steps.emplace_back(dossier::moment_text(st.when), st.unit.empty() ? st.action : st.unit + ": " + st.action);
  return s;
}

}  // namespace kiosk::app

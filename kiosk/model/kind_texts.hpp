// What the capability libraries report as kinds (dossier statuses, next steps, lookup errors,
// refused slips, printer problems), worded for a citizen in their language.
#pragma once
#include <string>

#include "dossier/slip_payload.hpp"
#include "dossier/status.hpp"
#include "dossier/status_client.hpp"
#include "model/language.hpp"
#include "printing/printer_state.hpp"

namespace kiosk::app {

std::string status_words(dossier::Status s, Language lang);
std::string next_step_words(const dossier::NextStep& n, Language lang);
const char* lookup_error_words(dossier::LookupError::Kind k, Language lang);
const char* slip_refusal_words(dossier::SlipRefusal::Kind k, Language lang);
const char* printer_problem_words(printing::PrinterProblem p, Language lang);

}  // namespace kiosk::app

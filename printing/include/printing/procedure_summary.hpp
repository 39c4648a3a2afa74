// "What to bring": the printed summary of a procedure a citizen takes home.
#pragma once
#include <ctime>
#include <nlohmann/json.hpp>

#include "content/procedure.hpp"
#include "printing/print_doc.hpp"

namespace kiosk::printing {

// case_index: the case the citizen chose (an index into p.cases), -1 for every case.
PrintDoc procedure_summary(const content::Procedure& p, const nlohmann::json& center, std::time_t printed_at,
                           int case_index = -1);

}  // namespace kiosk::printing

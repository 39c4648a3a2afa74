#include "model/update_self_check.hpp"

#include <ctime>

#include "content/catalog.hpp"
#include "printing/cups_printer.hpp"
#include "printing/pdf_layout.hpp"
#include "printing/procedure_summary.hpp"
#include "search/self_check.hpp"

namespace kiosk::app {

namespace {

printing::PrinterStatus printer_status(const KioskConfig& c) {
  if (!c.printing) return {};
  return printing::CupsPrinter(c.printer, 3000, c.cups_server).status();
}

}  // namespace

bool printer_worse(const printing::PrinterStatus& before, const printing::PrinterStatus& after) {
  return printing::can_print(before) && !printing::can_print(after);
}

UpdateSelfCheck::UpdateSelfCheck(const KioskConfig& config) : config_(config), before_(printer_status(config)) {}

std::string UpdateSelfCheck::operator()(const content::InstalledPack& pack) const {
  const auto catalog_db = pack.dir / "catalog.sqlite";
  if (auto why = search::catalog_self_check(catalog_db); !why.empty()) return why;
  if (!config_.printing) return "";
  try {
    const content::Catalog catalog(catalog_db);
    const auto top = catalog.most_popular(1);
    const auto proc = top.empty() ? std::nullopt : catalog.procedure(top.front().code);
    if (!proc) return "the most used procedure cannot be read";
    const std::string pdf = printing::render_pdf_bytes(printing::procedure_summary(*proc, catalog.center(), std::time(nullptr), -1),
                                                       printing::paper_from_name(config_.paper));
    if (pdf.rfind("%PDF", 0) != 0) return "the printed summary of '" + proc->name + "' is not a PDF";
  } catch (const std::exception& e) {
    return std::string("the printed summary does not lay out: ") + e.what();
  }
  const auto after = printer_status(config_);
  if (printer_worse(before_, after))
    return "the printer could print before the new pack and cannot now (" + std::string(printing::problem_id(printing::main_problem(after))) + ")";
  return "";
}

}  // namespace kiosk::app

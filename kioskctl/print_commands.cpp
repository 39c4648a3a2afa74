#include <ctime>

#include "commands.hpp"
#include "content/catalog.hpp"
#include "content/store.hpp"
#include "printing/pdf_layout.hpp"
#include "printing/procedure_summary.hpp"

namespace kioskctl {

void register_print_commands(CLI::App& app, Action& action) {
  auto* print = app.add_subcommand("print", "Lay out documents for the kiosk's printer");
  print->require_subcommand(1);
  print->fallthrough();
  auto* cmd = print->add_subcommand("summary", "A procedure's summary: papers to bring, time, fees");
  auto code = std::make_shared<std::string>();
  auto store = std::make_shared<std::string>(kDefaultStore);
  auto output = std::make_shared<std::string>();
  auto paper = std::make_shared<std::string>("roll80");
  cmd->add_option("CODE", *code, "Procedure code")->required();
  cmd->add_option("--store", *store, "Content store directory");
  cmd->add_option("--output", *output, "Write the PDF here (render only)")->required();
  cmd->add_option("--paper", *paper, "roll80 (80 mm thermal roll) or a4");
  cmd->callback([&action, code, store, output, paper] {
    action = [=] {
      kiosk::content::ContentStore s(*store);
      kiosk::content::Catalog catalog(s.current_catalog());
      auto p = catalog.procedure(*code);
      if (!p) throw std::runtime_error("no procedure " + *code + " in the installed pack");
      auto doc = kiosk::printing::procedure_summary(*p, catalog.center(), std::time(nullptr));
      kiosk::printing::render_pdf(doc, kiosk::printing::paper_from_name(*paper), *output);
      return Output{"wrote " + *output + "\n", {{"output", *output}, {"code", *code}, {"paper", *paper}}};
    };
  });
}

}  // namespace kioskctl

// kioskctl print ... / printer status: lay documents out, and print them through CUPS.
#include <algorithm>
#include <chrono>
#include <ctime>
#include <sstream>
#include <thread>

#include "commands.hpp"
#include "queue/answers.hpp"
#include "common/files.hpp"
#include "content/catalog.hpp"
#include "content/store.hpp"
#include "dossier/adapters.hpp"
#include "model/kind_texts.hpp"
#include "model/status_slip.hpp"
#include "printing/cups_printer.hpp"
#include "printing/documents.hpp"
#include "printing/pdf_layout.hpp"
#include "printing/print_queue.hpp"
#include "printing/procedure_summary.hpp"

namespace kioskctl {

using nlohmann::json;
namespace pr = kiosk::printing;

namespace {


// Where a document goes: a PDF file (render only) or a CUPS destination.
struct Target {
  std::string output;
  std::string printer;
  std::string paper = "roll80";
  int wait_seconds = 60;
};

void add_target_options(CLI::App* cmd, const std::shared_ptr<Target>& t) {
  auto* out = cmd->add_option("--output", t->output, "Write the PDF here (render only)");
  auto* prn = cmd->add_option("--printer", t->printer, "Submit to this CUPS destination (CUPS_SERVER is honoured)");
  out->excludes(prn);
  cmd->add_option("--paper", t->paper, "roll80 (80 mm thermal roll) or a4");
  cmd->add_option("--wait", t->wait_seconds, "With --printer: seconds to wait for the job to finish (0: do not wait)");
}

// Submits and follows the job to its end, as the kiosk's worker does, so staff see at once
// whether paper came out.
Output submit_and_wait(const std::string& pdf, const std::string& title, const Target& t) {
  pr::CupsPrinter printer(t.printer);
  const pr::PrinterStatus st = printer.status();
  const pr::PrinterProblem problem = pr::main_problem(st);
  if (problem == pr::PrinterProblem::NoServer || problem == pr::PrinterProblem::NoPrinter)
    throw std::runtime_error(std::string(kiosk::app::printer_problem_words(problem, kiosk::app::Language::Vi)) + " (" + pr::problem_id(problem) + ": " + t.printer + ")");
  const int id = printer.submit(pdf, title);
  json j{{"printer", t.printer}, {"cups_job", id}, {"bytes", pdf.size()}};
  pr::JobInfo info;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(t.wait_seconds);
  while (t.wait_seconds > 0 && std::chrono::steady_clock::now() < deadline) {
    info = printer.job(id);
    if (pr::is_final(info.state)) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  j["job_state"] = t.wait_seconds > 0 ? pr::job_state_name(info.state) : "submitted";
  j["job_state_reasons"] = info.reasons;
  if (t.wait_seconds > 0 && info.state != pr::JobState::Completed) {
    const pr::PrinterProblem now = pr::main_problem(printer.status());
    throw std::runtime_error("CUPS job " + std::to_string(id) + " on " + t.printer + " is " + pr::job_state_name(info.state) +
                             (info.reasons.empty() ? "" : " (" + info.reasons + ")") + "; printer: " + pr::problem_id(now) +
                             " — " + kiosk::app::printer_problem_words(now, kiosk::app::Language::Vi));
  }
  std::ostringstream text;
  text << "CUPS job " << id << " on " << t.printer << ": " << j["job_state"].get<std::string>() << '\n';
  return {text.str(), j};
}

Output deliver(const pr::PrintDoc& doc, const Target& t) {
  if (t.output.empty() && t.printer.empty()) throw std::runtime_error("give --output FILE.pdf or --printer NAME");
  const std::string pdf = pr::render_pdf_bytes(doc, pr::paper_from_name(t.paper));
  if (!t.printer.empty()) return submit_and_wait(pdf, doc.title, t);
  kiosk::files::write_file_durable(t.output, pdf);
  return {"wrote " + t.output + "\n", {{"output", t.output}, {"bytes", pdf.size()}, {"paper", t.paper}}};
}

Output deliver_pdf(const std::string& pdf, const std::string& title, const Target& t) {
  if (t.output.empty() && t.printer.empty()) throw std::runtime_error("give --output FILE.pdf or --printer NAME");
  if (!t.printer.empty()) return submit_and_wait(pdf, title, t);
  kiosk::files::write_file_durable(t.output, pdf);
  return {"wrote " + t.output + "\n", {{"output", t.output}, {"bytes", pdf.size()}}};
}

struct Installed {
  kiosk::content::ContentStore store;
  std::filesystem::path catalog_path;  // resolved once: forms come from the same pack
  kiosk::content::Catalog catalog;
  explicit Installed(const std::string& dir) : store(dir), catalog_path(store.current_catalog()), catalog(catalog_path) {}
  std::filesystem::path pack_dir() const { return catalog_path.parent_path() / "content"; }
};

json job_json(const pr::QueuedJob& j) {
  return {{"id", j.id},           {"kind", j.kind},         {"title", j.title},
          {"state", j.state},     {"attempts", j.attempts}, {"cups_job", j.cups_job ? json(*j.cups_job) : json()},
          {"error", j.last_error}, {"created_at", j.created_at}, {"reprint_of", j.reprint_of ? json(*j.reprint_of) : json()}};
}

pr::ReceiptData receipt_from_json(const json& j) {
  pr::ReceiptData r;
  r.receipt_no = j.at("receipt_no").get<std::string>();
  r.dossier_code = j.value("dossier_code", "");
  r.procedure = j.value("procedure", "");
  r.payer_masked = j.value("payer_masked", "");
  r.method = j.value("method", "");
  r.transaction_ref = j.value("transaction_ref", "");
  r.paid_at = j.value("paid_at", std::time_t{0});
  for (const auto& l : j.at("lines")) r.lines.push_back({l.at("label").get<std::string>(), l.at("amount_vnd").get<int64_t>()});
  return r;
}

void register_documents(CLI::App* print, Action& action) {
  {
    auto* cmd = print->add_subcommand("summary", "A procedure's summary: papers to bring, time, fees");
    auto code = std::make_shared<std::string>();
    auto store = std::make_shared<std::string>(kDefaultStore);
    auto t = std::make_shared<Target>();
    auto case_no = std::make_shared<int>(0);
    cmd->add_option("CODE", *code, "Procedure code")->required();
    cmd->add_option("--store", *store, "Content store directory");
    cmd->add_option("--case", *case_no, "Only the papers of this case (1 = the first case the procedure lists)")
        ->check(CLI::Range(1, 999));
    add_target_options(cmd, t);
    cmd->callback([&action, code, store, t, case_no] {
      action = [=] {
        Installed in(*store);
        auto p = in.catalog.procedure(*code);
        if (!p) throw std::runtime_error("no procedure " + *code + " in the installed pack");
        if (*case_no > static_cast<int>(p->cases.size()))
          throw std::runtime_error("procedure " + *code + " lists " + std::to_string(p->cases.size()) + " cases");
        return deliver(pr::procedure_summary(*p, in.catalog.center(), std::time(nullptr), *case_no - 1), *t);
      };
    });
  }
  {
    auto* cmd = print->add_subcommand("form", "A blank form shipped in the content pack (PDF)");
    auto code = std::make_shared<std::string>();
    auto form = std::make_shared<std::string>();
    auto store = std::make_shared<std::string>(kDefaultStore);
    auto t = std::make_shared<Target>();
    cmd->add_option("CODE", *code, "Procedure code")->required();
    cmd->add_option("FORM", *form, "Form id (as in the pack) or its file name")->required();
    cmd->add_option("--store", *store, "Content store directory");
    add_target_options(cmd, t);
    cmd->callback([&action, code, form, store, t] {
      action = [=] {
        Installed in(*store);
        auto p = in.catalog.procedure(*code);
        if (!p) throw std::runtime_error("no procedure " + *code + " in the installed pack");
        const auto f = std::find_if(p->forms.begin(), p->forms.end(), [&](const kiosk::content::Form& x) {
          return x.id == *form || (x.file && std::filesystem::path(*x.file).filename() == *form);
        });
        if (f == p->forms.end()) throw std::runtime_error("procedure " + *code + " has no form " + *form);
        return deliver_pdf(pr::blank_form_pdf(in.pack_dir(), *f), f->name, *t);
      };
    });
  }
  {
    auto* cmd = print->add_subcommand("status-slip", "A dossier status slip from a backend answer (JSON file)");
    auto file = std::make_shared<std::string>();
    auto adapter = std::make_shared<std::string>("generic");
    auto store = std::make_shared<std::string>(kDefaultStore);
    auto t = std::make_shared<Target>();
    cmd->add_option("ANSWER", *file, "The backend's JSON answer for one dossier")->required();
    cmd->add_option("--adapter", *adapter, "generic or igate")->check(CLI::IsMember({"generic", "igate"}));
    cmd->add_option("--store", *store, "Content store directory (for the center's header; optional)");
    add_target_options(cmd, t);
    cmd->callback([&action, file, adapter, store, t] {
      action = [=] {
        const std::string body = kiosk::files::read_file(*file);
        const auto d = (*adapter == "igate" ? kiosk::dossier::parse_igate(body) : kiosk::dossier::parse_generic(body)).status;
        json center;
        try {
          center = Installed(*store).catalog.center();
        } catch (const std::exception&) {
          // No content installed: the slip prints without the center's header.
        }
        const auto slip = kiosk::app::status_slip_data(d, kiosk::dossier::today_local());
        return deliver(pr::status_slip(slip, center, std::time(nullptr)), *t);
      };
    });
  }
  {
    auto* cmd = print->add_subcommand("receipt", "A payment receipt from a JSON description");
    auto file = std::make_shared<std::string>();
    auto store = std::make_shared<std::string>(kDefaultStore);
    auto t = std::make_shared<Target>();
    cmd->add_option("RECEIPT", *file, "JSON: receipt_no, lines [{label, amount_vnd}], dossier_code, ...")->required();
    cmd->add_option("--store", *store, "Content store directory (for the center's header; optional)");
    add_target_options(cmd, t);
    cmd->callback([&action, file, store, t] {
      action = [=] {
        const auto r = receipt_from_json(json::parse(kiosk::files::read_file(*file)));
        json center;
        try {
          center = Installed(*store).catalog.center();
        } catch (const std::exception&) {
        }
        return deliver(pr::receipt(r, center, std::time(nullptr)), *t);
      };
    });
  }
  {
    auto* cmd = print->add_subcommand("queue-ticket", "A queue ticket from the queue server's ticket (JSON, as kioskctl --json queue take prints it)");
    auto file = std::make_shared<std::string>();
    auto store = std::make_shared<std::string>(kDefaultStore);
    auto words = std::make_shared<pr::QueueTicketData>();
    auto t = std::make_shared<Target>();
    cmd->add_option("TICKET", *file, "JSON: the ticket object, or {\"ticket\": …}")->required();
    cmd->add_option("--store", *store, "Content store directory (for the center's header; optional)");
    cmd->add_option("--service-name", words->service, "The service as the citizen reads it");
    cmd->add_option("--agency", words->agency, "The agency serving it");
    cmd->add_option("--procedure", words->procedure, "The procedure's name the number is for");
    cmd->add_option("--priority", words->priority, "The priority category in words (Người cao tuổi…)");
    cmd->add_option("--kiosk", words->kiosk, "Which kiosk printed it");
    add_target_options(cmd, t);
    cmd->callback([&action, file, store, words, t] {
      action = [=] {
        json j = json::parse(kiosk::files::read_file(*file));
        if (!j.contains("ticket")) j = json{{"ticket", j}};
        const auto ticket = kiosk::queue::parse_ticket(j.dump());  // what the kiosk would print, checked as it would be
        pr::QueueTicketData d = *words;
        d.number = ticket.number;
        for (const auto& c : ticket.counters) d.counters += (d.counters.empty() ? "" : ", ") + c;
        d.waiting_ahead = ticket.ahead_known ? ticket.waiting_ahead : -1;
        d.wait_minutes = ticket.estimated_wait_minutes;
        d.issued_at = kiosk::queue::issued_at_words(ticket.issued_at);
        d.qr_payload = kiosk::queue::ticket_qr_payload(ticket);
        json center;
        try {
          center = Installed(*store).catalog.center();
        } catch (const std::exception&) {
          // No content installed: the ticket prints without the center's header.
        }
        return deliver(pr::queue_ticket(d, center), *t);
      };
    });
  }
  {
    // How the sample pack's blank forms are made (content/sample/forms-src): a plain text file,
    // first line the title, "## " headings, "---" rules, "..." lines are left for handwriting.
    auto* cmd = print->add_subcommand("text", "Lay out a plain text file (staff notices, sample forms)");
    auto file = std::make_shared<std::string>();
    auto t = std::make_shared<Target>();
    cmd->add_option("FILE", *file, "UTF-8 text")->required();
    add_target_options(cmd, t);
    cmd->callback([&action, file, t] {
      action = [=] {
        std::istringstream in(kiosk::files::read_file(*file));
        pr::PrintDoc doc;
        std::string line;
        for (bool first = true; std::getline(in, line); first = false) {
          if (first) {
            doc.title = line;
            doc.title_line(line);
          } else if (line.rfind("## ", 0) == 0) {
            doc.heading(line.substr(3));
          } else if (line == "---") {
            doc.rule();
          } else if (line.empty()) {
            doc.space();
          } else {
            doc.text(line);
          }
        }
        return deliver(doc, *t);
      };
    });
  }
  {
    auto* cmd = print->add_subcommand("test-page", "A test page: Vietnamese marks, a QR code, the date");
    auto store = std::make_shared<std::string>(kDefaultStore);
    auto t = std::make_shared<Target>();
    cmd->add_option("--store", *store, "Content store directory (for the center's header; optional)");
    add_target_options(cmd, t);
    cmd->callback([&action, store, t] {
      action = [=] {
        json center;
        try {
          center = Installed(*store).catalog.center();
        } catch (const std::exception&) {
        }
        return deliver(pr::test_page(center, t->printer, std::time(nullptr)), *t);
      };
    });
  }
}

void register_queue_commands(CLI::App* print, Action& action) {
  {
    auto* cmd = print->add_subcommand("jobs", "The kiosk's print queue, newest first");
    auto db = std::make_shared<std::string>(kDefaultStateDb);
    auto limit = std::make_shared<int>(20);
    cmd->add_option("--state", *db, "The kiosk's state database");
    cmd->add_option("--limit", *limit, "How many jobs")->check(CLI::Range(1, 1000));
    cmd->callback([&action, db, limit] {
      action = [=] {
        pr::PrintQueue q(*db);
        json arr = json::array();
        std::ostringstream text;
        for (const auto& j : q.recent(*limit)) {
          arr.push_back(job_json(j));
          text << j.id << "  " << j.state << "  " << j.kind << "  " << j.title
               << (j.last_error.empty() ? "" : "  (" + j.last_error + ")") << '\n';
        }
        return Output{text.str(), {{"jobs", arr}}};
      };
    });
  }
  {
    auto* cmd = print->add_subcommand("reprint", "Queue a job again (staff); a receipt is marked as a reprint");
    auto db = std::make_shared<std::string>(kDefaultStateDb);
    auto id = std::make_shared<int64_t>(0);
    auto paper = std::make_shared<std::string>("roll80");
    cmd->add_option("ID", *id, "Job id from `kioskctl print jobs`")->required();
    cmd->add_option("--state", *db, "The kiosk's state database");
    cmd->add_option("--paper", *paper, "roll80 or a4 (receipts are laid out again)");
    cmd->callback([&action, db, id, paper] {
      action = [=] {
        pr::PrintQueue q(*db);
        const auto j = q.get(*id);
        if (!j) throw std::runtime_error("no print job " + std::to_string(*id));
        // A finished job's document is deleted (it may hold personal data): a receipt is laid out
        // again from what it was made of, a test page anew; anything else must be printed again
        // from the kiosk.
        std::string pdf;
        const std::string source = q.source(*id);
        if (j->kind == "receipt" && !source.empty()) {
          auto r = receipt_from_json(json::parse(source));
          r.reprint = true;
          pdf = pr::render_pdf_bytes(pr::receipt(r, json::parse(source).value("center", json()), std::time(nullptr)),
                                     pr::paper_from_name(*paper));
        } else if (j->kind == "test-page") {
          pdf = pr::render_pdf_bytes(pr::test_page(json::object(), "", std::time(nullptr)), pr::paper_from_name(*paper));
        } else {
          pdf = q.document(*id);
        }
        const int64_t n = q.enqueue(j->kind, j->title + " (in lại)", pdf, source, *id);
        return Output{"queued job " + std::to_string(n) + " (reprint of " + std::to_string(*id) + ")\n",
                      {{"id", n}, {"reprint_of", *id}}};
      };
    });
  }
}

}  // namespace

void register_print_commands(CLI::App& app, Action& action) {
  auto* print = app.add_subcommand("print", "Lay out documents and print them on the kiosk's printer");
  print->require_subcommand(1);
  print->fallthrough();
  register_documents(print, action);
  register_queue_commands(print, action);

  auto* printer = app.add_subcommand("printer", "The kiosk's printer");
  printer->require_subcommand(1);
  printer->fallthrough();
  auto* status = printer->add_subcommand("status", "State, reasons and what a citizen would be told");
  auto name = std::make_shared<std::string>();
  status->add_option("--printer", *name, "CUPS destination (default: the server's default)");
  status->callback([&action, name] {
    action = [=] {
      pr::CupsPrinter p(*name);
      const auto s = p.status();
      const auto problem = pr::main_problem(s);
      json j{{"printer", s.name},
             {"server_reachable", s.server_reachable},
             {"exists", s.exists},
             {"state", pr::state_name(s.state)},
             {"accepting", s.accepting},
             {"reasons", s.reasons},
             {"message", s.message},
             {"problem", pr::problem_id(problem)},
             {"can_print", pr::can_print(s)},
             {"warnings", pr::staff_warnings(s)},
             {"citizen_message", kiosk::app::printer_problem_words(problem, kiosk::app::Language::Vi)}};
      std::ostringstream text;
      text << "printer:   " << (s.name.empty() ? "(none)" : s.name) << '\n'
           << "state:     " << pr::state_name(s.state) << (s.accepting ? ", accepting jobs" : ", not accepting jobs") << '\n'
           << "reasons:   ";
      for (const auto& r : s.reasons) text << r << ' ';
      text << (s.reasons.empty() ? "none" : "") << '\n'
           << "problem:   " << pr::problem_id(problem) << '\n'
           << "on screen: " << kiosk::app::printer_problem_words(problem, kiosk::app::Language::Vi) << '\n';
      return Output{text.str(), j};
    };
  });
}

}  // namespace kioskctl

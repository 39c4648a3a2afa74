// `kioskctl bench print`: layout time per document type, and, with --printer, the time from
// submitting a PDF to CUPS having accepted all of it (the moment the kiosk can say "printing").
#include <algorithm>
#include <chrono>
#include <ctime>
#include <sstream>

#include "commands.hpp"
#include "content/catalog.hpp"
#include "content/store.hpp"
#include "printing/cups_printer.hpp"
#include "printing/documents.hpp"
#include "printing/pdf_layout.hpp"
#include "printing/procedure_summary.hpp"

namespace kioskctl {

using nlohmann::json;
using Clock = std::chrono::steady_clock;
namespace pr = kiosk::printing;

namespace {

json percentiles(std::vector<double> ms) {
  std::sort(ms.begin(), ms.end());
  return {{"n", ms.size()},
          {"p50_ms", ms[ms.size() / 2]},
          {"p99_ms", ms[std::min(ms.size() - 1, ms.size() * 99 / 100)]},
          {"max_ms", ms.back()}};
}

template <typename F>
std::vector<double> repeat(int n, F f) {
  std::vector<double> ms;
  for (int i = 0; i < n; ++i) {
    const auto t0 = Clock::now();
    f();
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
  }
  return ms;
}

}  // namespace

void register_print_bench(CLI::App& bench, Action& action) {
  auto* cmd = bench.add_subcommand("print", "Layout time per document; submit-to-accepted time with --printer");
  auto store = std::make_shared<std::string>(kDefaultStore);
  auto printer = std::make_shared<std::string>();
  auto rounds = std::make_shared<int>(30);
  cmd->add_option("--store", *store, "Content store (the summary is of the most requested procedure)");
  cmd->add_option("--printer", *printer, "Also submit to this CUPS destination");
  cmd->add_option("--rounds", *rounds, "Repetitions per figure")->check(CLI::Range(3, 10000));
  cmd->callback([&action, store, printer, rounds] {
    action = [=] {
      kiosk::content::ContentStore s(*store);
      kiosk::content::Catalog catalog(s.current_catalog());
      const auto popular = catalog.most_popular(1);
      if (popular.empty()) throw std::runtime_error("the installed pack has no procedures");
      const auto proc = *catalog.procedure(popular.front().code);
      const json center = catalog.center();

      pr::StatusSlipData slip{"000.00.01.H01-240115-0001", proc.name, "Nguyễn V*** A***", "15/01/2024", "20/01/2024",
                              "Đã có kết quả", false, "Mời ông/bà đến Quầy 5 nhận kết quả.",
                              {{"15/01/2024", "Bộ phận một cửa: tiếp nhận"}, {"16/01/2024", "Phòng Hộ tịch: xử lý"}}};
      pr::ReceiptData receipt;
      receipt.receipt_no = "BN-2024-000123";
      receipt.lines = {{"Lệ phí", 30000}, {"Phí bản sao", 8000}};
      receipt.transaction_ref = "FT24015123456";

      json out{{"procedure", proc.code}};
      std::ostringstream text;
      text << "layout (80 mm roll, PDF in memory), " << *rounds << " rounds each:\n";
      const std::vector<std::pair<std::string, std::function<pr::PrintDoc()>>> docs = {
          {"summary", [&] { return pr::procedure_summary(proc, center, std::time(nullptr)); }},
          {"receipt", [&] { return pr::receipt(receipt, center, std::time(nullptr)); }},
          {"status_slip", [&] { return pr::status_slip(slip, center, std::time(nullptr)); }},
          {"test_page", [&] { return pr::test_page(center, "bench", std::time(nullptr)); }},
      };
      std::string summary_pdf;
      for (const auto& [name, make] : docs) {
        pr::render_pdf_bytes(make(), pr::Paper::Roll80);  // fontconfig and pango warm up once per process
        const json p = percentiles(repeat(*rounds, [&] {
          const std::string pdf = pr::render_pdf_bytes(make(), pr::Paper::Roll80);
          if (name == "summary") summary_pdf = pdf;
        }));
        out["layout"][name] = p;
        text << "  " << name << ": p50 " << p["p50_ms"].get<double>() << " ms, p99 " << p["p99_ms"].get<double>() << " ms\n";
      }
      {
        // The target (issue #15): over the 50 most used procedures, median <= 25 cm, none > 45 cm.
        std::vector<std::pair<double, std::string>> lengths;
        for (const auto& top : catalog.most_popular(50))
          if (auto p = catalog.procedure(top.code))
            lengths.emplace_back(pr::roll_length_mm(pr::procedure_summary(*p, center, std::time(nullptr))), p->code);
        std::sort(lengths.begin(), lengths.end());
        if (!lengths.empty()) {
          const auto& median = lengths[lengths.size() / 2];
          const auto& longest = lengths.back();
          out["what_to_bring_roll"] = {{"procedures", lengths.size()},
                                       {"median_cm", median.first / 10},
                                       {"p90_cm", lengths[lengths.size() * 9 / 10].first / 10},
                                       {"max_cm", longest.first / 10},
                                       {"longest", longest.second}};
          text << "what to bring, 80 mm roll, " << lengths.size() << " most used procedures: median "
               << median.first / 10 << " cm, p90 " << lengths[lengths.size() * 9 / 10].first / 10 << " cm, max "
               << longest.first / 10 << " cm (" << longest.second << ")\n";
        }
      }
      if (!printer->empty()) {
        pr::CupsPrinter cups(*printer);
        std::vector<int> jobs;
        const json p = percentiles(repeat(*rounds, [&] { jobs.push_back(cups.submit(summary_pdf, "bench")); }));
        // The benchmark measures acceptance, not paper: its jobs are cancelled.
        for (int id : jobs) {
          try {
            cups.cancel(id);
          } catch (const pr::CupsError&) {
            // already printed
          }
        }
        out["submit"] = p;
        out["printer"] = *printer;
        text << "submit to accepted (" << *printer << ", " << summary_pdf.size() << " bytes): p50 " << p["p50_ms"].get<double>()
             << " ms, p99 " << p["p99_ms"].get<double>() << " ms\n";
      }
      return Output{text.str(), out};
    };
  });
}

}  // namespace kioskctl

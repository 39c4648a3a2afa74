// Printing through a real cupsd and a virtual IPP Everywhere printer (tests/printing/
// cups_fixture.sh, started by ctest as a fixture). What reaches the printer is read back with
// pdftotext; faults are played by the printer (out of paper, slow) or by CUPS (stopped queue,
// cancelled job, no scheduler).
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include "common/files.hpp"
#include "model/status_slip.hpp"
#include "printing/cups_printer.hpp"
#include "printing/documents.hpp"
#include "printing/pdf_layout.hpp"
#include "printing/print_service.hpp"
#include "process.hpp"

namespace fs = std::filesystem;
using namespace kiosk::printing;
using kiosk::test::run_program;

namespace {

struct CupsFixture {
  std::string server, printer;
  fs::path control;

  static CupsFixture& get() {
    static CupsFixture f = load();
    return f;
  }

  static CupsFixture load() {
    const char* env_file = std::getenv("KIOSK_CUPS_FIXTURE_ENV");
    REQUIRE(env_file);
    std::ifstream in(env_file);
    INFO("the cups fixture did not start (see tests/printing/cups_fixture.sh): " << env_file);
    REQUIRE(in.good());
    CupsFixture f;
    std::string line;
    while (std::getline(in, line)) {
      const auto eq = line.find('=');
      if (eq == std::string::npos) continue;
      const std::string k = line.substr(0, eq), v = line.substr(eq + 1);
      if (k == "CUPS_SERVER") f.server = v;
      if (k == "KIOSK_TEST_PRINTER") f.printer = v;
      if (k == "KIOSK_PRINTER_CONTROL") f.control = v;
    }
    // Before any CUPS call: the client library reads it once per thread.
    setenv("CUPS_SERVER", f.server.c_str(), 1);
    return f;
  }

  std::vector<fs::path> printed() const {
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(control / "printed")) out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
  }
  // Files the printer received for one of our queue's jobs (their names carry the job id).
  std::vector<fs::path> printed_for(const fs::path& db, int64_t job_id) const {
    std::vector<fs::path> out;
    const std::string tag = "-" + PrintQueue(db).job_name(job_id) + ".pdf";
    for (const auto& p : printed()) {
      const std::string n = p.filename().string();
      if (n.size() > tag.size() && n.compare(n.size() - tag.size(), tag.size(), tag) == 0) out.push_back(p);
    }
    return out;
  }
  void fault(const std::string& name, const std::string& value = {}) const {
    std::ofstream(control / name) << value;
  }
  void clear(const std::string& name) const { fs::remove(control / name); }
  void lp(const std::string& tool, std::vector<std::string> args) const {
    auto r = run_program(tool, args);
    INFO(tool << ": " << r.err);
    REQUIRE(r.exit_code == 0);
  }
};

std::string pdf_text(const fs::path& pdf) {
  auto r = run_program("pdftotext", {"-enc", "UTF-8", pdf.string(), "-"});
  REQUIRE(r.exit_code == 0);
  return r.out;
}

template <typename Pred>
bool eventually(Pred pred, int seconds = 20) {
  const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  while (std::chrono::steady_clock::now() < end) {
    if (pred()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return pred();
}

struct Service {
  std::ostringstream log_text;
  kiosk::Logger log{log_text};
  std::unique_ptr<PrintService> svc;
  Service(const fs::path& db, const std::string& printer, std::string server = {}, PrintServiceOptions o = fast()) {
    svc = std::make_unique<PrintService>(db, CupsPrinter(printer, 3000, std::move(server)), log, nullptr, o);
  }
  static PrintServiceOptions fast() {
    PrintServiceOptions o;
    o.poll_ms = 200;
    o.idle_poll_ms = 300;
    o.retry_seconds = 1;
    return o;
  }
  Ticket ticket(uint64_t t) { return svc->snapshot().tickets.at(t); }
  bool state_is(uint64_t t, TicketState s) { return ticket(t).state == s; }
};

nlohmann::json center() {
  return {{"name", "Trung tâm Phục vụ hành chính công tỉnh Thử Nghiệm"}, {"address", "Số 2 Đường Kiểm Thử"}};
}

}  // namespace

TEST_CASE("the virtual printer is ready and CUPS says so", "[cups]") {
  auto& f = CupsFixture::get();
  const PrinterStatus s = CupsPrinter(f.printer).status();
  CHECK(s.server_reachable);
  CHECK(s.exists);
  CHECK(s.accepting);
  CHECK(main_problem(s) == PrinterProblem::None);
  const PrinterStatus missing = CupsPrinter("no-such-printer").status();
  CHECK(missing.server_reachable);
  CHECK(main_problem(missing) == PrinterProblem::NoPrinter);
}

TEST_CASE("every document type prints through cupsd and reads back in Vietnamese", "[cups]") {
  auto& f = CupsFixture::get();
  kiosk::files::TempDir tmp;
  const fs::path db = tmp.path() / "state.db";
  Service s(db, f.printer);

  kiosk::dossier::DossierStatus d;
  d.code = "000.00.01.H01-240115-0001";
  d.procedure_name = "Đăng ký kết hôn";
  d.owner_masked = "Nguyễn V*** A***";
  d.status = kiosk::dossier::Status::Done;
  d.counter = "Quầy 5";
  d.appointment = kiosk::dossier::Date{2024, 1, 20};
  const auto slip = kiosk::app::status_slip_data(d, {2024, 1, 18});

  ReceiptData r;
  r.receipt_no = "BN-2024-000123";
  r.dossier_code = d.code;
  r.lines = {{"Lệ phí đăng ký kết hôn", 30000}, {"Phí cấp bản sao trích lục", 8000}};
  r.transaction_ref = "FT24015123456";

  const fs::path form_dir = fs::path(KIOSK_SOURCE_DIR) / "content/sample/src";
  kiosk::content::Form form{"tk-ket-hon", "Tờ khai đăng ký kết hôn", std::string("forms/tk-ket-hon.pdf"), "", true};

  struct Case {
    const char* kind;
    PrintService::Render render;
    std::vector<std::string> words;
  };
  const std::vector<Case> cases = {
      {"status-slip", [&] { return render_pdf_bytes(status_slip(slip, center(), 0), Paper::Roll80); },
       {"TÌNH TRẠNG HỒ SƠ", "000.00.01.H01-240115-0001", "Nguyễn V*** A***", "Quầy 5"}},
      {"receipt", [&] { return render_pdf_bytes(receipt(r, center(), 0), Paper::Roll80); },
       {"BIÊN NHẬN THANH TOÁN", "38.000 ₫", "FT24015123456", "Thử Nghiệm"}},
      {"test-page", [&] { return render_pdf_bytes(test_page(center(), f.printer, 0), Paper::Roll80); },
       {"TRANG IN THỬ", "ằ ắ ẳ ẵ ặ", "Đđ"}},
      {"form", [&] { return blank_form_pdf(form_dir, form); }, {"TỜ KHAI ĐĂNG KÝ KẾT HÔN", "Kính gửi"}},
  };
  for (const auto& c : cases) {
    SECTION(c.kind) {
      const uint64_t t = s.svc->request(c.kind, c.kind, c.render);
      REQUIRE(eventually([&] { return s.state_is(t, TicketState::Done); }));
      const auto files = f.printed_for(db, s.ticket(t).job_id);
      REQUIRE(files.size() == 1);
      const std::string text = pdf_text(files[0]);
      for (const auto& w : c.words) {
        INFO(text);
        CHECK(text.find(w) != std::string::npos);
      }
    }
  }
}

TEST_CASE("out of paper: the citizen is told, the job waits in the printer and prints once", "[cups]") {
  auto& f = CupsFixture::get();
  kiosk::files::TempDir tmp;
  const fs::path db = tmp.path() / "state.db";
  Service s(db, f.printer);
  f.fault("media-empty");
  const uint64_t t = s.svc->request("test-page", "paper", [&] { return render_pdf_bytes(test_page(center(), "", 0), Paper::Roll80); });
  const bool told = eventually([&] { return s.svc->snapshot().problem == PrinterProblem::MediaEmpty; });
  f.clear("media-empty");
  REQUIRE(told);
  REQUIRE(eventually([&] { return s.state_is(t, TicketState::Done); }));
  CHECK(f.printed_for(db, s.ticket(t).job_id).size() == 1);
  CHECK(eventually([&] { return s.svc->snapshot().problem == PrinterProblem::None; }));
}

TEST_CASE("a stopped printer holds jobs in the kiosk's queue until staff resume it", "[cups]") {
  auto& f = CupsFixture::get();
  kiosk::files::TempDir tmp;
  const fs::path db = tmp.path() / "state.db";
  Service s(db, f.printer);
  f.lp("cupsdisable", {f.printer});
  const uint64_t t = s.svc->request("test-page", "stopped", [&] { return render_pdf_bytes(test_page(center(), "", 0), Paper::Roll80); });
  const bool stopped = eventually([&] { return s.svc->snapshot().problem == PrinterProblem::Stopped; });
  std::this_thread::sleep_for(std::chrono::seconds(1));
  const TicketState while_stopped = s.ticket(t).state;
  const int64_t job = s.ticket(t).job_id;
  const size_t printed_while_stopped = f.printed_for(db, job).size();
  f.lp("cupsenable", {f.printer});
  REQUIRE(stopped);
  CHECK(while_stopped == TicketState::Waiting);
  CHECK(printed_while_stopped == 0);
  REQUIRE(eventually([&] { return s.state_is(t, TicketState::Done); }));
  CHECK(f.printed_for(db, job).size() == 1);
}

TEST_CASE("no scheduler: a staff job survives a restart and prints once CUPS is back, a citizen's expires", "[cups]") {
  auto& f = CupsFixture::get();
  kiosk::files::TempDir tmp;
  const fs::path db = tmp.path() / "state.db";
  const std::string staff_pdf = [] {
    ReceiptData r;
    r.receipt_no = "BN-NO-CUPSD";
    r.lines = {{"Lệ phí", 50000}};
    return render_pdf_bytes(receipt(r, center(), 0), Paper::Roll80);
  }();
  int64_t staff_job = 0, citizen_job = 0;
  {
    // A scheduler that is not there: nothing listens on this port.
    PrintServiceOptions o = Service::fast();
    o.citizen_ttl_seconds = 1;
    Service s(db, f.printer, "127.0.0.1:9", o);
    const uint64_t t = s.svc->request("summary", "citizen", [&] { return render_pdf_bytes(test_page(center(), "", 0), Paper::Roll80); });
    REQUIRE(eventually([&] { return s.svc->snapshot().checked && s.svc->snapshot().problem == PrinterProblem::NoServer; }));
    REQUIRE(eventually([&] { return s.ticket(t).job_id != 0; }));
    citizen_job = s.ticket(t).job_id;
    CHECK(s.ticket(t).state == TicketState::Waiting);
    staff_job = PrintQueue(db).enqueue("receipt", "staff reprint", staff_pdf);  // kioskctl print reprint
  }  // the kiosk stops with both unprinted
  {
    PrintQueue q(db);
    CHECK(q.get(staff_job)->state == "queued");
    CHECK(q.get(citizen_job)->state == "queued");
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // the citizen's time is up
  Service again(db, f.printer);
  REQUIRE(eventually([&] {
    PrintQueue q(db);
    return q.get(staff_job)->state == "completed";
  }));
  const auto files = f.printed_for(db, staff_job);
  REQUIRE(files.size() == 1);
  CHECK(pdf_text(files[0]).find("BN-NO-CUPSD") != std::string::npos);
  PrintQueue q(db);
  CHECK(q.get(citizen_job)->state == "expired");
  CHECK(f.printed_for(db, citizen_job).empty());
}

TEST_CASE("a print asked for as the kiosk stops is queued, not dropped, and the next start prints it", "[cups]") {
  auto& f = CupsFixture::get();
  kiosk::files::TempDir tmp;
  const fs::path db = tmp.path() / "state.db";
  {
    Service s(db, f.printer, "127.0.0.1:9");
    // Asked for, then the kiosk stops at once (SIGTERM): the worker has not laid it out yet.
    s.svc->request("summary", "asked while stopping", [&] { return render_pdf_bytes(test_page(center(), "", 0), Paper::Roll80); });
  }
  const auto queued = PrintQueue(db).in_state("queued");
  REQUIRE(queued.size() == 1);
  CHECK(queued[0].title == "asked while stopping");
  Service again(db, f.printer);
  REQUIRE(eventually([&] { return PrintQueue(db).get(queued[0].id)->state == "completed"; }));
  CHECK(f.printed_for(db, queued[0].id).size() == 1);
}

TEST_CASE("a job queued while CUPS was away never prints once its citizen's session ended", "[cups][security]") {
  auto& f = CupsFixture::get();
  kiosk::files::TempDir tmp;
  const fs::path db = tmp.path() / "state.db";
  int64_t job = 0;
  {
    Service s(db, f.printer, "127.0.0.1:9");
    const uint64_t t = s.svc->request("summary", "left", [&] { return render_pdf_bytes(test_page(center(), "", 0), Paper::Roll80); });
    REQUIRE(eventually([&] { return s.ticket(t).job_id != 0; }));
    job = s.ticket(t).job_id;
    s.svc->end_session();  // the citizen walked away; the idle wipe
    REQUIRE(eventually([&] { return PrintQueue(db).get(job)->state == "expired"; }));
  }
  Service again(db, f.printer);
  std::this_thread::sleep_for(std::chrono::seconds(2));
  CHECK(PrintQueue(db).get(job)->state == "expired");
  CHECK(f.printed_for(db, job).empty());
}

TEST_CASE("a job waiting in CUPS is cancelled when its citizen leaves, one being printed finishes", "[cups][security]") {
  auto& f = CupsFixture::get();
  kiosk::files::TempDir tmp;
  const fs::path db = tmp.path() / "state.db";
  Service s(db, f.printer);
  f.fault("slow", "4");  // the printer takes four seconds a job
  auto page = [&] { return render_pdf_bytes(test_page(center(), "", 0), Paper::Roll80); };
  const uint64_t first = s.svc->request("summary", "printing", page);
  REQUIRE(eventually([&] { return s.state_is(first, TicketState::Printing); }));
  const uint64_t second = s.svc->request("summary", "waiting behind it", page);
  REQUIRE(eventually([&] { return s.ticket(second).job_id != 0 && PrintQueue(db).get(s.ticket(second).job_id)->state == "sent"; }));
  const int64_t printing = s.ticket(first).job_id, waiting = s.ticket(second).job_id;
  s.svc->end_session();  // the citizen walked away
  REQUIRE(eventually([&] { return PrintQueue(db).get(waiting)->state == "expired"; }));
  REQUIRE(eventually([&] { return PrintQueue(db).get(printing)->state == "completed"; }));
  f.clear("slow");
  std::this_thread::sleep_for(std::chrono::seconds(1));
  CHECK(f.printed_for(db, printing).size() == 1);
  CHECK(f.printed_for(db, waiting).empty());
}

TEST_CASE("a crash while sending never prints twice", "[cups]") {
  auto& f = CupsFixture::get();
  kiosk::files::TempDir tmp;
  const fs::path db = tmp.path() / "state.db";
  const std::string pdf = render_pdf_bytes(test_page(center(), "", 0), Paper::Roll80);
  int64_t reached = 0, not_reached = 0;
  {
    PrintQueue q(db);
    // Crashed after CUPS took the job but before the kiosk wrote that down.
    reached = q.enqueue("test-page", "reached", pdf);
    q.mark_sending(reached);
    CupsPrinter(f.printer).submit(pdf, q.job_name(reached));
    // Crashed before anything reached CUPS.
    not_reached = q.enqueue("test-page", "not reached", pdf);
    q.mark_sending(not_reached);
  }
  Service s(db, f.printer);
  REQUIRE(eventually([&] {
    PrintQueue q(db);
    return q.get(reached)->state == "completed" && q.get(not_reached)->state == "completed";
  }));
  std::this_thread::sleep_for(std::chrono::seconds(1));
  CHECK(f.printed_for(db, reached).size() == 1);
  CHECK(f.printed_for(db, not_reached).size() == 1);
}

TEST_CASE("a crash between Create-Job and the document: the empty CUPS job is cancelled, the document prints once",
          "[cups][security]") {
  auto& f = CupsFixture::get();
  kiosk::files::TempDir tmp;
  const fs::path db = tmp.path() / "state.db";
  const std::string pdf = render_pdf_bytes(test_page(center(), "", 0), Paper::Roll80);
  int64_t job = 0;
  int empty_cups_job = 0;
  {
    PrintQueue q(db);
    job = q.enqueue("test-page", "half sent", pdf);
    q.mark_sending(job);
    empty_cups_job = CupsPrinter(f.printer).create_job(q.job_name(job));  // and then the kiosk died
  }
  CHECK(CupsPrinter(f.printer).job(empty_cups_job).documents == 0);
  Service s(db, f.printer);
  REQUIRE(eventually([&] { return PrintQueue(db).get(job)->state == "completed"; }));
  std::this_thread::sleep_for(std::chrono::seconds(1));
  CHECK(f.printed_for(db, job).size() == 1);
  CHECK(CupsPrinter(f.printer).job(empty_cups_job).state == JobState::Cancelled);
  CHECK(s.log_text.str().find("created without its document") != std::string::npos);
}

TEST_CASE("a job cancelled mid-way is reported, not retried, and can be reprinted", "[cups]") {
  auto& f = CupsFixture::get();
  kiosk::files::TempDir tmp;
  const fs::path db = tmp.path() / "state.db";
  Service s(db, f.printer);
  f.fault("slow", "4");
  const uint64_t t = s.svc->request("test-page", "cancel me", [&] { return render_pdf_bytes(test_page(center(), "", 0), Paper::Roll80); });
  REQUIRE(eventually([&] { return s.state_is(t, TicketState::Printing); }));
  int64_t cups_job = 0;
  REQUIRE(eventually([&] {
    PrintQueue q(db);
    auto j = q.get(s.ticket(t).job_id);
    cups_job = j && j->cups_job ? *j->cups_job : 0;
    return cups_job != 0;
  }));
  CupsPrinter(f.printer).cancel(static_cast<int>(cups_job));
  REQUIRE(eventually([&] { return s.state_is(t, TicketState::Failed); }));
  f.clear("slow");
  CHECK(s.ticket(t).error.find("cancelled") != std::string::npos);
  const int64_t job = s.ticket(t).job_id;
  {
    PrintQueue q(db);
    CHECK(q.get(job)->state == "cancelled");
  }
  // Its document was deleted when it ended; staff reprint through kioskctl (a test page is laid
  // out anew); the running kiosk's worker prints it.
  CHECK_THROWS_WITH(PrintQueue(db).document(job), Catch::Contains("deleted"));
  auto r = kiosk::test::run_tool("kioskctl", {"--json", "print", "reprint", std::to_string(job), "--state", db.string()});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const int64_t copy = nlohmann::json::parse(r.out).at("id").get<int64_t>();
  REQUIRE(eventually([&] {
    PrintQueue q(db);
    return q.get(copy)->state == "completed";
  }));
  CHECK(f.printed_for(db, copy).size() == 1);
}

TEST_CASE("kioskctl prints to a named printer and reports its state", "[cups]") {
  auto& f = CupsFixture::get();
  auto st = kiosk::test::run_tool("kioskctl", {"--json", "printer", "status", "--printer", f.printer});
  REQUIRE(st.exit_code == 0);
  const auto j = nlohmann::json::parse(st.out);
  CHECK(j.at("can_print") == true);
  CHECK(j.at("problem") == "none");
  const size_t before = f.printed().size();
  auto p = kiosk::test::run_tool("kioskctl", {"print", "text", (fs::path(KIOSK_SOURCE_DIR) / "content/sample/forms-src/tk-khai-sinh.txt").string(),
                                              "--printer", f.printer});
  INFO(p.err);
  REQUIRE(p.exit_code == 0);
  CHECK(p.out.find("completed") != std::string::npos);
  REQUIRE(f.printed().size() == before + 1);
  CHECK(pdf_text(f.printed().back()).find("TỜ KHAI ĐĂNG KÝ KHAI SINH") != std::string::npos);
  auto bad = kiosk::test::run_tool("kioskctl", {"printer", "status", "--printer", "no-such-printer"});
  CHECK(bad.out.find("no-printer") != std::string::npos);
}

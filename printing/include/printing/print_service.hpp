// The print worker: lays documents out, keeps the queue, sends jobs when the printer can take
// them, follows them to the end, and watches the printer. The UI only calls request() and
// snapshot(), which never wait on the printer, the network or the disk.
#pragma once
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>

#include "common/log.hpp"
#include "printing/cups_printer.hpp"
#include "printing/print_queue.hpp"

namespace kiosk::printing {

// What the citizen who asked for a print should be told.
enum class TicketState { Preparing, Waiting, Printing, Done, Failed };
const char* ticket_state_name(TicketState s);

struct Ticket {
  TicketState state = TicketState::Preparing;
  int64_t job_id = 0;   // in the queue, once laid out
  std::string error;    // why it failed, for the log
};

struct PrintSnapshot {
  PrinterStatus printer;
  PrinterProblem problem = PrinterProblem::NoServer;
  bool checked = false;  // false until the first status read
  bool queue_ok = true;  // false while the state database cannot be used (disk full, read-only)
  int queued = 0;        // jobs not yet finished, all sessions
  std::map<uint64_t, Ticket> tickets;
  // A job asked for now can print: the queue works and the printer is not known to be unable.
  bool ready() const { return queue_ok && (!checked || problem == PrinterProblem::None); }
};

struct PrintServiceOptions {
  int poll_ms = 1000;       // printer and job polling while work is pending
  int idle_poll_ms = 5000;  // printer polling with nothing to do
  int max_attempts = 5;
  int retry_seconds = 5;
  int citizen_ttl_seconds = 120;        // a citizen's job not printed by then is cancelled
  int retention_hours = 24;             // finished jobs are purged after this long
  int max_backoff_seconds = 60;         // between tries at a state database that fails
};

class PrintService {
 public:
  using Render = std::function<std::string()>;  // returns a PDF; may throw PrintError

  PrintService(std::filesystem::path state_db, CupsPrinter printer, Logger& log, std::function<void()> on_change,
               PrintServiceOptions options = {});
  ~PrintService();
  PrintService(const PrintService&) = delete;
  PrintService& operator=(const PrintService&) = delete;

  // Returns a ticket at once; the document is laid out and queued on the worker. It is a
  // citizen's job: it expires with end_session() or after citizen_ttl_seconds.
  uint64_t request(std::string kind, std::string title, Render render, std::string source = {});
  PrintSnapshot snapshot() const;
  // The session was wiped: its jobs not yet printing are cancelled, its tickets forgotten.
  void end_session();

 private:
  struct Request {
    uint64_t ticket;
    std::string kind, title, source;
    Render render;
  };
  void run();
  void cycle(std::unique_ptr<PrintQueue>& queue, PrinterStatus& st, int& pending);
  void queue_failed(const std::exception& e);
  void expire(PrintQueue& q);
  void recover(PrintQueue& q);
  void take_requests(PrintQueue& q);
  void keep_requests(std::unique_ptr<PrintQueue>& queue);
  void follow_sent(PrintQueue& q);
  void send_queued(PrintQueue& q, const PrinterStatus& st);
  void update_tickets(PrintQueue& q);
  void publish(const PrinterStatus& st, int queued);

  std::filesystem::path db_path_;
  CupsPrinter printer_;
  Logger& log_;
  std::function<void()> on_change_;
  PrintServiceOptions opt_;

  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  uint64_t next_ticket_ = 1;
  std::deque<Request> requests_;
  std::vector<int64_t> ended_jobs_;  // jobs of wiped sessions, to expire on the worker
  // A failing state database: the next try waits longer, and the log says so once a minute.
  std::chrono::steady_clock::time_point retry_queue_at_{};
  int queue_failures_ = 0;
  std::chrono::steady_clock::time_point last_queue_log_{};
  std::chrono::steady_clock::time_point last_purge_{};
  PrintSnapshot snap_;
  std::string last_published_;
  std::thread worker_;
};

}  // namespace kiosk::printing

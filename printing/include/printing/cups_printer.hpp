// The kiosk's printer through the CUPS API: submit a PDF, follow the job, read the printer's
// state. The server is the CUPS client library's usual one (CUPS_SERVER, client.conf, or the
// local socket). Every call opens its own connection, so one object may be used from any thread.
#pragma once
#include <optional>
#include <stdexcept>
#include <string>

#include "printing/printer_state.hpp"

namespace kiosk::printing {

struct CupsError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

enum class JobState { Pending, Held, Processing, Stopped, Cancelled, Aborted, Completed, Unknown };
const char* job_state_name(JobState s);
bool is_final(JobState s);

struct JobInfo {
  JobState state = JobState::Unknown;
  std::string reasons;  // job-state-reasons, comma separated
  int documents = -1;   // number-of-documents; 0: created, but its document never arrived
};

class CupsPrinter {
 public:
  // An empty destination means the server's default printer. An empty server means the client
  // library's usual one; otherwise "host:port" or a socket path (kiosk.conf's cups_server).
  explicit CupsPrinter(std::string destination = {}, int timeout_ms = 3000, std::string server = {});

  // Never throws: an unreachable server is a status, not an error.
  PrinterStatus status() const;
  // The destination actually used (the default one resolved); empty if there is none.
  std::string destination() const;

  // Creates a job named `job_name` and streams the PDF into it; returns the CUPS job id once the
  // scheduler has accepted the whole document. Throws CupsError (and cancels a half-sent job).
  int submit(const std::string& pdf, const std::string& job_name) const;
  // Create-Job alone, the first half of submit(): what a kiosk that died mid-send leaves in CUPS.
  int create_job(const std::string& job_name) const;
  JobInfo job(int job_id) const;
  // The newest job (any state) whose name is exactly `job_name`: how a restarted kiosk learns
  // whether a job it was sending reached the scheduler.
  std::optional<int> find_job(const std::string& job_name) const;
  void cancel(int job_id) const;

 private:
  std::string destination_;
  int timeout_ms_;
  std::string server_;
};

}  // namespace kiosk::printing

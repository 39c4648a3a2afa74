#include "printing/cups_printer.hpp"

#include <cups/cups.h>

#include <cstdlib>
#include <memory>

namespace kiosk::printing {

namespace {

struct HttpClose {
  void operator()(http_t* h) const { httpClose(h); }
};
struct IppFree {
  void operator()(ipp_t* i) const { ippDelete(i); }
};
using Http = std::unique_ptr<http_t, HttpClose>;
using Ipp = std::unique_ptr<ipp_t, IppFree>;

// A JobsGuard frees what cupsGetJobs2 allocated.
struct JobsGuard {
  int n = 0;
  cups_job_t* jobs = nullptr;
  ~JobsGuard() { cupsFreeJobs(n, jobs); }
};

Http connect(int timeout_ms, const std::string& server) {
  int cancel = 0;
  std::string host = server.empty() ? cupsServer() : server;
  int port = ippPort();
  if (!server.empty() && server.front() != '/') {
    if (const auto colon = server.rfind(':'); colon != std::string::npos) {
      host = server.substr(0, colon);
      port = std::atoi(server.c_str() + colon + 1);
    }
  }
  Http h(httpConnect2(host.c_str(), port, nullptr, AF_UNSPEC, cupsEncryption(), 1, timeout_ms, &cancel));
  if (h) httpSetTimeout(h.get(), timeout_ms / 1000.0 + 2, nullptr, nullptr);
  return h;
}

std::string printer_uri(const std::string& name) {
  char uri[HTTP_MAX_URI];
  httpAssembleURIf(HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp", nullptr, "localhost", ippPort(), "/printers/%s", name.c_str());
  return uri;
}

std::string resolve(http_t* http, const std::string& wanted) {
  if (!wanted.empty()) return wanted;
  const char* def = cupsGetDefault2(http);
  return def ? def : "";
}

std::string last_error() {
  const char* s = cupsLastErrorString();
  return s ? s : "unknown CUPS error";
}

PrinterStatus::State to_state(int v) {
  switch (v) {
    case IPP_PSTATE_IDLE: return PrinterStatus::State::Idle;
    case IPP_PSTATE_PROCESSING: return PrinterStatus::State::Processing;
    case IPP_PSTATE_STOPPED: return PrinterStatus::State::Stopped;
    default: return PrinterStatus::State::Unknown;
  }
}

}  // namespace

const char* job_state_name(JobState s) {
  switch (s) {
    case JobState::Pending: return "pending";
    case JobState::Held: return "held";
    case JobState::Processing: return "processing";
    case JobState::Stopped: return "stopped";
    case JobState::Cancelled: return "cancelled";
    case JobState::Aborted: return "aborted";
    case JobState::Completed: return "completed";
    case JobState::Unknown: break;
  }
  return "unknown";
}

bool is_final(JobState s) { return s == JobState::Cancelled || s == JobState::Aborted || s == JobState::Completed; }

CupsPrinter::CupsPrinter(std::string destination, int timeout_ms, std::string server)
    : destination_(std::move(destination)), timeout_ms_(timeout_ms), server_(std::move(server)) {}

std::string CupsPrinter::destination() const {
  Http http = connect(timeout_ms_, server_);
  if (!http) return destination_;
  return resolve(http.get(), destination_);
}

PrinterStatus CupsPrinter::status() const {
  PrinterStatus s;
  s.name = destination_;
  Http http = connect(timeout_ms_, server_);
  if (!http) return s;
  s.server_reachable = true;
  s.name = resolve(http.get(), destination_);
  if (s.name.empty()) return s;
  Ipp req(ippNewRequest(IPP_OP_GET_PRINTER_ATTRIBUTES));
  ippAddString(req.get(), IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr, printer_uri(s.name).c_str());
  static const char* const wanted[] = {"printer-state", "printer-state-reasons", "printer-is-accepting-jobs",
                                       "printer-state-message"};
  ippAddStrings(req.get(), IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", 4, nullptr, wanted);
  Ipp resp(cupsDoRequest(http.get(), req.release(), "/"));  // cupsDoRequest frees the request
  if (!resp || cupsLastError() > IPP_STATUS_OK_CONFLICTING) {
    // "not found" means no such queue; anything else means the server stopped answering.
    if (cupsLastError() == IPP_STATUS_ERROR_NOT_FOUND) return s;
    s.server_reachable = resp != nullptr;
    return s;
  }
  s.exists = true;
  if (ipp_attribute_t* a = ippFindAttribute(resp.get(), "printer-state", IPP_TAG_ENUM)) s.state = to_state(ippGetInteger(a, 0));
  if (ipp_attribute_t* a = ippFindAttribute(resp.get(), "printer-is-accepting-jobs", IPP_TAG_BOOLEAN))
    s.accepting = ippGetBoolean(a, 0) != 0;
  if (ipp_attribute_t* a = ippFindAttribute(resp.get(), "printer-state-reasons", IPP_TAG_KEYWORD))
    for (int i = 0; i < ippGetCount(a); ++i) {
      const std::string r = ippGetString(a, i, nullptr);
      if (r != "none") s.reasons.push_back(r);
    }
  if (ipp_attribute_t* a = ippFindAttribute(resp.get(), "printer-state-message", IPP_TAG_TEXT))
    if (const char* m = ippGetString(a, 0, nullptr)) s.message = m;
  return s;
}

namespace {

// Create-Job by hand: cupsCreateJob() looks the destination up again through the default
// server, which is not the one a kiosk.conf cups_server names.
int create_job_on(http_t* http, const std::string& name, const std::string& job_name) {
  Ipp req(ippNewRequest(IPP_OP_CREATE_JOB));
  ippAddString(req.get(), IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nullptr, printer_uri(name).c_str());
  ippAddString(req.get(), IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nullptr, cupsUser());
  ippAddString(req.get(), IPP_TAG_OPERATION, IPP_TAG_NAME, "job-name", nullptr, job_name.c_str());
  Ipp resp(cupsDoRequest(http, req.release(), "/"));
  ipp_attribute_t* id_attr = resp ? ippFindAttribute(resp.get(), "job-id", IPP_TAG_INTEGER) : nullptr;
  if (!resp || cupsLastError() > IPP_STATUS_OK_CONFLICTING || !id_attr)
    throw CupsError("printer " + name + " refused the job: " + last_error());
  return ippGetInteger(id_attr, 0);
}

}  // namespace

int CupsPrinter::create_job(const std::string& job_name) const {
  Http http = connect(timeout_ms_, server_);
  if (!http) throw CupsError("cannot reach the CUPS server " + (server_.empty() ? std::string(cupsServer()) : server_));
  const std::string name = resolve(http.get(), destination_);
  if (name.empty()) throw CupsError("no printer configured and the CUPS server has no default printer");
  return create_job_on(http.get(), name, job_name);
}

int CupsPrinter::submit(const std::string& pdf, const std::string& job_name) const {
  Http http = connect(timeout_ms_, server_);
  if (!http) throw CupsError("cannot reach the CUPS server " + (server_.empty() ? std::string(cupsServer()) : server_));
  const std::string name = resolve(http.get(), destination_);
  if (name.empty()) throw CupsError("no printer configured and the CUPS server has no default printer");
  const int id = create_job_on(http.get(), name, job_name);
  bool sent = cupsStartDocument(http.get(), name.c_str(), id, job_name.c_str(), CUPS_FORMAT_PDF, 1) == HTTP_STATUS_CONTINUE;
  // Written in pieces so a large form does not sit in one socket call.
  for (size_t off = 0; sent && off < pdf.size(); off += 65536) {
    const size_t n = std::min<size_t>(65536, pdf.size() - off);
    sent = cupsWriteRequestData(http.get(), pdf.data() + off, n) == HTTP_STATUS_CONTINUE;
  }
  const ipp_status_t finished = cupsFinishDocument(http.get(), name.c_str());
  if (!sent || finished > IPP_STATUS_OK_CONFLICTING) {
    const std::string why = last_error();
    cupsCancelJob2(http.get(), name.c_str(), id, 0);
    throw CupsError("printer " + name + " did not take the document: " + why);
  }
  return id;
}

JobInfo CupsPrinter::job(int job_id) const {
  JobInfo info;
  Http http = connect(timeout_ms_, server_);
  if (!http) throw CupsError("cannot reach the CUPS server " + (server_.empty() ? std::string(cupsServer()) : server_));
  Ipp req(ippNewRequest(IPP_OP_GET_JOB_ATTRIBUTES));
  char uri[HTTP_MAX_URI];
  httpAssembleURIf(HTTP_URI_CODING_ALL, uri, sizeof uri, "ipp", nullptr, "localhost", ippPort(), "/jobs/%d", job_id);
  ippAddString(req.get(), IPP_TAG_OPERATION, IPP_TAG_URI, "job-uri", nullptr, uri);
  static const char* const wanted[] = {"job-state", "job-state-reasons", "number-of-documents"};
  ippAddStrings(req.get(), IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", 3, nullptr, wanted);
  Ipp resp(cupsDoRequest(http.get(), req.release(), "/"));
  if (!resp) throw CupsError("CUPS did not answer about job " + std::to_string(job_id) + ": " + last_error());
  if (cupsLastError() == IPP_STATUS_ERROR_NOT_FOUND) return info;  // purged from history
  if (ipp_attribute_t* a = ippFindAttribute(resp.get(), "job-state", IPP_TAG_ENUM)) {
    switch (ippGetInteger(a, 0)) {
      case IPP_JSTATE_PENDING: info.state = JobState::Pending; break;
      case IPP_JSTATE_HELD: info.state = JobState::Held; break;
      case IPP_JSTATE_PROCESSING: info.state = JobState::Processing; break;
      case IPP_JSTATE_STOPPED: info.state = JobState::Stopped; break;
      case IPP_JSTATE_CANCELED: info.state = JobState::Cancelled; break;
      case IPP_JSTATE_ABORTED: info.state = JobState::Aborted; break;
      case IPP_JSTATE_COMPLETED: info.state = JobState::Completed; break;
      default: break;
    }
  }
  if (ipp_attribute_t* a = ippFindAttribute(resp.get(), "job-state-reasons", IPP_TAG_KEYWORD))
    for (int i = 0; i < ippGetCount(a); ++i) info.reasons += (i ? "," : "") + std::string(ippGetString(a, i, nullptr));
  if (ipp_attribute_t* a = ippFindAttribute(resp.get(), "number-of-documents", IPP_TAG_INTEGER)) info.documents = ippGetInteger(a, 0);
  return info;
}

std::optional<int> CupsPrinter::find_job(const std::string& job_name) const {
  Http http = connect(timeout_ms_, server_);
  if (!http) throw CupsError("cannot reach the CUPS server " + (server_.empty() ? std::string(cupsServer()) : server_));
  const std::string name = resolve(http.get(), destination_);
  JobsGuard g;
  g.n = cupsGetJobs2(http.get(), &g.jobs, name.empty() ? nullptr : name.c_str(), 0, CUPS_WHICHJOBS_ALL);
  if (g.n < 0) throw CupsError("CUPS did not list its jobs: " + last_error());
  std::optional<int> found;
  for (int i = 0; i < g.n; ++i)
    if (g.jobs[i].title && job_name == g.jobs[i].title && (!found || g.jobs[i].id > *found)) found = g.jobs[i].id;
  return found;
}

void CupsPrinter::cancel(int job_id) const {
  Http http = connect(timeout_ms_, server_);
  if (!http) throw CupsError("cannot reach the CUPS server " + (server_.empty() ? std::string(cupsServer()) : server_));
  const std::string name = resolve(http.get(), destination_);
  if (cupsCancelJob2(http.get(), name.c_str(), job_id, 0) > IPP_STATUS_OK_CONFLICTING)
    throw CupsError("cannot cancel job " + std::to_string(job_id) + ": " + last_error());
}

}  // namespace kiosk::printing

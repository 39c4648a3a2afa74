#include "printing/print_service.hpp"

#include <ctime>

#include "printing/pdf_layout.hpp"

namespace kiosk::printing {

namespace {

int64_t now() { return static_cast<int64_t>(std::time(nullptr)); }

}  // namespace

const char* ticket_state_name(TicketState s) {
  switch (s) {
    case TicketState::Preparing: return "preparing";
    case TicketState::Waiting: return "waiting";
    case TicketState::Printing: return "printing";
    case TicketState::Done: return "done";
    case TicketState::Failed: return "failed";
  }
  return "failed";
}

PrintService::PrintService(std::filesystem::path state_db, CupsPrinter printer, Logger& log, std::function<void()> on_change,
                           PrintServiceOptions options)
    : db_path_(std::move(state_db)), printer_(std::move(printer)), log_(log), on_change_(std::move(on_change)), opt_(options) {
  worker_ = std::thread([this] { run(); });
}

PrintService::~PrintService() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  worker_.join();
}

uint64_t PrintService::request(std::string kind, std::string title, Render render, std::string source) {
  uint64_t t;
  {
    std::lock_guard lock(mu_);
    t = next_ticket_++;
    snap_.tickets[t] = Ticket{};
    requests_.push_back({t, std::move(kind), std::move(title), std::move(source), std::move(render)});
  }
  cv_.notify_all();
  return t;
}

PrintSnapshot PrintService::snapshot() const {
  std::lock_guard lock(mu_);
  return snap_;
}

void PrintService::end_session() {
  {
    std::lock_guard lock(mu_);
    for (const auto& [id, t] : snap_.tickets)
      if (t.job_id) ended_jobs_.push_back(t.job_id);
    snap_.tickets.clear();
    // Asked for but not laid out yet: never queued at all.
    requests_.clear();
  }
  cv_.notify_all();
}

void PrintService::expire(PrintQueue& q) {
  const int64_t t = now();
  std::vector<int64_t> ended;
  {
    std::lock_guard lock(mu_);
    ended.swap(ended_jobs_);
  }
  for (int64_t id : ended) q.expire_now(id, t);
  for (int64_t id : q.expire_due(t)) log_.info("print", "job " + std::to_string(id) + " expired unprinted: its citizen left");
  // Already in CUPS but not printing yet (waiting for the printer, for paper): cancelled there,
  // so nothing comes out once the citizen has gone. One being printed is left to finish.
  for (const auto& j : q.sent_and_due(t)) {
    const int cups_id = static_cast<int>(*j.cups_job);
    const JobInfo info = printer_.job(cups_id);  // CupsError: the scheduler is away; next cycle
    if (info.state != JobState::Pending && info.state != JobState::Held && info.state != JobState::Stopped) continue;
    printer_.cancel(cups_id);
    q.mark_final(j.id, "expired", "its citizen left before it could print");
    log_.info("print", "job " + std::to_string(j.id) + " expired before printing; CUPS job " + std::to_string(cups_id) + " cancelled");
  }
}

void PrintService::recover(PrintQueue& q) {
  // A job left "sending" by a crash: if CUPS has it with its document, it was sent; if CUPS has
  // only the empty job (the crash came between Create-Job and the document), that job is
  // cancelled and this one goes out again, once; if CUPS has nothing, it goes out again.
  for (const auto& j : q.in_state("sending")) {
    try {
      const auto id = printer_.find_job(q.job_name(j.id));
      const JobInfo info = id ? printer_.job(*id) : JobInfo{};
      if (id && info.documents == 0 && !is_final(info.state)) {
        printer_.cancel(*id);
        q.requeue(j.id, "its document never reached CUPS", 0, opt_.max_attempts + 1);
        log_.info("print", "job " + std::to_string(j.id) + ": CUPS job " + std::to_string(*id) +
                               " was created without its document before the restart; cancelled, sending again");
      } else if (id) {
        q.mark_sent(j.id, *id);
        log_.info("print", "job " + std::to_string(j.id) + " was sent before the restart (CUPS job " + std::to_string(*id) + ")");
      } else {
        q.requeue(j.id, "interrupted while sending", 0, opt_.max_attempts + 1);
        log_.info("print", "job " + std::to_string(j.id) + " had not reached CUPS before the restart; queued again");
      }
    } catch (const CupsError& e) {
      // Leave it "sending": it is resolved once CUPS answers (run() calls recover again).
      log_.warn("print", std::string("cannot check interrupted jobs yet: ") + e.what());
      return;
    }
  }
}

void PrintService::take_requests(PrintQueue& q) {
  for (;;) {
    Request r;
    {
      std::lock_guard lock(mu_);
      if (requests_.empty()) return;
      r = std::move(requests_.front());
      requests_.pop_front();
    }
    Ticket t;
    try {
      const std::string pdf = r.render();
      t.job_id = q.enqueue(r.kind, r.title, pdf, r.source, std::nullopt, now() + opt_.citizen_ttl_seconds);
      t.state = TicketState::Waiting;
      log_.info("print", "queued job " + std::to_string(t.job_id) + " (" + r.kind + ", " + std::to_string(pdf.size()) + " bytes)");
    } catch (const std::exception& e) {
      t.state = TicketState::Failed;
      t.error = e.what();
      log_.error("print", "cannot prepare " + r.kind + ": " + e.what());
    }
    std::lock_guard lock(mu_);
    if (snap_.tickets.count(r.ticket)) snap_.tickets[r.ticket] = t;
  }
}

// The kiosk is stopping: what was asked for but not laid out yet is queued, so that the next
// start prints it (or lets it expire with its citizen's time), never dropped unsaid.
void PrintService::keep_requests(std::unique_ptr<PrintQueue>& queue) {
  {
    std::lock_guard lock(mu_);
    if (requests_.empty()) return;
  }
  try {
    if (!queue) queue = std::make_unique<PrintQueue>(db_path_);
    take_requests(*queue);
  } catch (const std::exception& e) {
    log_.error("print", std::string("stopping: prints asked for could not be queued: ") + e.what());
  }
}

void PrintService::follow_sent(PrintQueue& q) {
  for (const auto& j : q.in_state("sent")) {
    JobInfo info;
    try {
      info = printer_.job(static_cast<int>(*j.cups_job));
    } catch (const CupsError&) {
      return;  // the scheduler is away; its jobs wait for it
    }
    const std::string jid = std::to_string(j.id);
    switch (info.state) {
      case JobState::Completed:
        q.mark_final(j.id, "completed");
        log_.info("print", "job " + jid + " printed");
        break;
      case JobState::Cancelled:
        q.mark_final(j.id, "cancelled", "cancelled in CUPS");
        log_.warn("print", "job " + jid + " was cancelled in CUPS");
        break;
      case JobState::Aborted:
        // Nothing came out: send it again later, a bounded number of times.
        if (q.requeue(j.id, "aborted by the printer (" + info.reasons + ")", now() + opt_.retry_seconds, opt_.max_attempts))
          log_.warn("print", "job " + jid + " aborted (" + info.reasons + "); will retry");
        else
          log_.error("print", "job " + jid + " aborted " + std::to_string(opt_.max_attempts) + " times; given up");
        break;
      case JobState::Unknown:
        q.mark_final(j.id, "failed", "CUPS no longer knows this job");
        log_.error("print", "job " + jid + ": CUPS no longer knows its job " + std::to_string(*j.cups_job));
        break;
      default: break;  // pending, held, processing, stopped: CUPS is on it
    }
  }
}

void PrintService::send_queued(PrintQueue& q, const PrinterStatus& st) {
  // A stopped or rejecting queue would only park the job in CUPS: keep it here. Paper or jam
  // faults do not hold jobs back: CUPS learns a device's state only while a job runs, and the
  // printer keeps the job until the fault is cleared, so it still prints exactly once.
  switch (main_problem(st)) {
    case PrinterProblem::NoServer:
    case PrinterProblem::NoPrinter:
    case PrinterProblem::Stopped:
    case PrinterProblem::NotAccepting: return;
    default: break;
  }
  for (const auto& j : q.in_state("queued")) {
    if (j.not_before > now()) continue;
    q.mark_sending(j.id);
    try {
      const int cups_id = printer_.submit(q.document(j.id), q.job_name(j.id));
      q.mark_sent(j.id, cups_id);
      log_.info("print", "job " + std::to_string(j.id) + " sent to " + st.name + " as CUPS job " + std::to_string(cups_id));
    } catch (const CupsError& e) {
      q.requeue(j.id, e.what(), now() + opt_.retry_seconds, opt_.max_attempts);
      log_.warn("print", "job " + std::to_string(j.id) + " not sent: " + e.what());
      return;
    }
  }
}

void PrintService::update_tickets(PrintQueue& q) {
  std::map<uint64_t, Ticket> tickets;
  {
    std::lock_guard lock(mu_);
    tickets = snap_.tickets;
  }
  for (auto& [id, t] : tickets) {
    if (!t.job_id || t.state == TicketState::Done || t.state == TicketState::Failed) continue;
    const auto j = q.get(t.job_id);
    if (!j) continue;
    if (j->state == "completed") {
      t.state = TicketState::Done;
    } else if (j->state == "failed" || j->state == "cancelled" || j->state == "expired") {
      t.state = TicketState::Failed;
      t.error = "job " + j->state + (j->last_error.empty() ? "" : ": " + j->last_error);
    } else if (j->state == "sent" || j->state == "sending") {
      t.state = TicketState::Printing;
    } else {
      t.state = TicketState::Waiting;
    }
  }
  std::lock_guard lock(mu_);
  for (auto& [id, t] : tickets)
    if (snap_.tickets.count(id)) snap_.tickets[id] = t;  // a wiped session's tickets stay gone
}

void PrintService::publish(const PrinterStatus& st, int queued) {
  bool changed;
  {
    std::lock_guard lock(mu_);
    // What the screen shows: the problem, the count, each ticket's state. An idle kiosk is not
    // woken every poll for nothing.
    std::string sig = std::string(problem_id(main_problem(st))) + "/" + std::to_string(queued) + (snap_.queue_ok ? "" : "/no-queue");
    for (const auto& [id, t] : snap_.tickets) sig += "/" + std::to_string(id) + ticket_state_name(t.state);
    changed = sig != last_published_;
    last_published_ = sig;
    snap_.printer = st;
    snap_.problem = main_problem(st);
    snap_.checked = true;
    snap_.queued = queued;
  }
  if (changed && on_change_) on_change_();
}

// One pass over the queue: take requests, recover, expire, send, follow. Throws when the state
// database fails.
void PrintService::cycle(std::unique_ptr<PrintQueue>& queue, PrinterStatus& st, int& pending) {
  if (!queue) queue = std::make_unique<PrintQueue>(db_path_);
  take_requests(*queue);
  // Read after taking requests: a job asked for after staff stopped the printer must see it.
  st = printer_.status();
  try {
    recover(*queue);
    expire(*queue);
    follow_sent(*queue);
    send_queued(*queue, st);
    follow_sent(*queue);
  } catch (const CupsError& e) {
    log_.warn("print", std::string("CUPS: ") + e.what());  // the scheduler went away mid-pass
  }
  update_tickets(*queue);
  const auto t = std::chrono::steady_clock::now();
  if (t - last_purge_ > std::chrono::minutes(10)) {
    last_purge_ = t;
    if (const int n = queue->purge_finished(now() - int64_t{opt_.retention_hours} * 3600))
      log_.info("print", "purged " + std::to_string(n) + " finished jobs older than " + std::to_string(opt_.retention_hours) + " h");
  }
  pending = static_cast<int>(queue->in_state("queued").size() + queue->in_state("sending").size() +
                             queue->in_state("sent").size());
}

// The state database failed (disk full, read-only, removed): citizens are told printing is
// unavailable at once, the next try waits longer each time, and the log says so once a minute.
void PrintService::queue_failed(const std::exception& e) {
  const auto t = std::chrono::steady_clock::now();
  ++queue_failures_;
  const int backoff = std::min(opt_.max_backoff_seconds, 1 << std::min(queue_failures_ - 1, 10));
  retry_queue_at_ = t + std::chrono::seconds(backoff);
  if (t - last_queue_log_ >= std::chrono::minutes(1) || queue_failures_ == 1) {
    last_queue_log_ = t;
    log_.error("print", "print queue unavailable (" + std::to_string(queue_failures_) + " failures so far, next try in " +
                            std::to_string(backoff) + " s): " + e.what());
  }
  std::lock_guard lock(mu_);
  snap_.queue_ok = false;
}

void PrintService::run() {
  std::unique_ptr<PrintQueue> queue;
  PrinterProblem last_problem = PrinterProblem::None;
  bool first = true;
  for (;;) {
    bool stopping;
    {
      std::lock_guard lock(mu_);
      stopping = stop_;
    }
    if (stopping) {
      keep_requests(queue);
      return;
    }
    int pending = 0;
    PrinterStatus st;
    const bool queue_due = std::chrono::steady_clock::now() >= retry_queue_at_;
    if (queue_due) {
      try {
        cycle(queue, st, pending);
        if (queue_failures_ > 0) log_.info("print", "print queue available again");
        queue_failures_ = 0;
        std::lock_guard lock(mu_);
        snap_.queue_ok = true;
      } catch (const std::exception& e) {
        queue.reset();
        queue_failed(e);
        st = printer_.status();
      }
    } else {
      st = printer_.status();
    }
    {
      // While the queue is unusable nothing can be queued: those asking are told at once.
      std::lock_guard lock(mu_);
      if (!snap_.queue_ok) {
        for (const auto& r : requests_)
          if (snap_.tickets.count(r.ticket)) snap_.tickets[r.ticket] = Ticket{TicketState::Failed, 0, "the print queue is unavailable"};
        requests_.clear();
      }
    }
    const PrinterProblem problem = main_problem(st);
    if (first || problem != last_problem)
      log_.log(problem == PrinterProblem::None ? LogLevel::Info : LogLevel::Warn, "print",
               "printer " + (st.name.empty() ? std::string("(default)") : st.name) + ": " + problem_id(problem) +
                   (st.message.empty() ? "" : " (" + st.message + ")"));
    first = false;
    last_problem = problem;
    publish(st, pending);
    std::unique_lock lock(mu_);
    const bool busy = pending > 0 || !requests_.empty();
    const auto wait = !snap_.queue_ok ? std::chrono::duration_cast<std::chrono::milliseconds>(retry_queue_at_ - std::chrono::steady_clock::now())
                                      : std::chrono::milliseconds(busy ? opt_.poll_ms : opt_.idle_poll_ms);
    // A request wakes the worker only when it can be queued or must be refused; nothing spins.
    cv_.wait_for(lock, std::max(wait, std::chrono::milliseconds(10)),
                 [this] { return stop_ || !requests_.empty() || !ended_jobs_.empty(); });
  }
}

}  // namespace kiosk::printing

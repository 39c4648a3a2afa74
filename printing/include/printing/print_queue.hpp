// The kiosk's print jobs in its state database (SQLite, WAL, full sync): a job outlives a crash
// or a restart of the kiosk, is retried until the printer takes it, and is never sent twice. A
// citizen's job expires with the citizen's session (or a short age): it is then cancelled, never
// printed unattended. A finished job's document is deleted (it may hold personal data), and its
// row purged after the retention period.
//
//   queued ──► sending ──► sent ──► completed
//     ▲  │        │          ├────► cancelled   (staff cancelled it in CUPS)
//     │  │        │          ├────► expired     (its citizen left before it printed)
//     │  └────────┴──────────┴────► expired
//     └───────────┴──────────┴────► failed      (gave up after max attempts)
//
// A job is marked "sending" before it goes to CUPS, under a job name that carries its id. After
// a crash, a "sending" job is looked up in CUPS by that name: found means it was sent (adopt the
// CUPS id), absent means it was not (queue it again). That is what makes "never twice" hold.
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "common/sqlite.hpp"

namespace kiosk::printing {

struct QueuedJob {
  int64_t id = 0;
  std::string kind;   // summary | form | status-slip | receipt | test-page
  std::string title;  // for staff lists
  std::string state;  // queued | sending | sent | completed | cancelled | failed
  std::optional<int64_t> cups_job;
  int attempts = 0;
  std::string last_error;
  int64_t created_at = 0;
  int64_t updated_at = 0;
  int64_t not_before = 0;  // earliest retry time (unix seconds)
  std::optional<int64_t> reprint_of;
  std::optional<int64_t> expires_at;  // none: a staff job, printed whenever the printer can
};

bool is_final_state(const std::string& state);

class PrintQueue {
 public:
  explicit PrintQueue(const std::filesystem::path& db_path);

  // `source` is what the document was made from (JSON), kept so a receipt can be re-rendered as
  // a marked reprint; may be empty.
  int64_t enqueue(const std::string& kind, const std::string& title, const std::string& pdf, const std::string& source = {},
                  std::optional<int64_t> reprint_of = {}, std::optional<int64_t> expires_at = {});

  std::optional<QueuedJob> get(int64_t id);
  std::vector<QueuedJob> in_state(const std::string& state);
  std::vector<QueuedJob> recent(int limit);
  // Throws db::Error when the document is gone (deleted when its job ended).
  std::string document(int64_t id);
  std::string source(int64_t id);

  void mark_sending(int64_t id);
  void mark_sent(int64_t id, int64_t cups_job);
  // A final state; the document is deleted with it.
  void mark_final(int64_t id, const std::string& state, const std::string& error = {});
  // The job's citizen is gone: it expires now, unless it has already ended.
  void expire_now(int64_t id, int64_t now);
  // Queued jobs whose time is up become "expired"; returns their ids.
  std::vector<int64_t> expire_due(int64_t now);
  // Sent jobs whose time is up (the caller decides whether CUPS can still cancel them).
  std::vector<QueuedJob> sent_and_due(int64_t now);
  // Deletes finished jobs last changed before `before`; returns how many.
  int purge_finished(int64_t before);
  // Back to "queued" with attempts+1 and a retry time; returns false (and marks it failed) once
  // `max_attempts` is reached.
  bool requeue(int64_t id, const std::string& error, int64_t not_before, int max_attempts);

  // "tthc-kiosk-<queue>-<id>": the queue part is random per database, so a fresh database
  // (a reinstalled kiosk) never mistakes an old CUPS job for one of its own.
  std::string job_name(int64_t id) const;

 private:
  db::Db db_;
  std::string queue_id_;
};

}  // namespace kiosk::printing

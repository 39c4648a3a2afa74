#include "printing/print_queue.hpp"

#include <ctime>

#include "common/state_db.hpp"

namespace kiosk::printing {

namespace {

constexpr const char* kColumns =
    "id, kind, title, state, cups_job, attempts, coalesce(last_error,''), created_at, updated_at, not_before, reprint_of, "
    "expires_at";
constexpr const char* kFinal = "('completed','cancelled','failed','expired')";

QueuedJob row(const db::Stmt& s) {
  QueuedJob j;
  j.id = s.int64(0);
  j.kind = s.text(1);
  j.title = s.text(2);
  j.state = s.text(3);
  j.cups_job = s.opt_int64(4);
  j.attempts = static_cast<int>(s.int64(5));
  j.last_error = s.text(6);
  j.created_at = s.int64(7);
  j.updated_at = s.int64(8);
  j.not_before = s.int64(9);
  j.reprint_of = s.opt_int64(10);
  j.expires_at = s.opt_int64(11);
  return j;
}

int64_t now() { return static_cast<int64_t>(std::time(nullptr)); }

}  // namespace

bool is_final_state(const std::string& state) {
  return state == "completed" || state == "cancelled" || state == "failed" || state == "expired";
}

PrintQueue::PrintQueue(const std::filesystem::path& db_path) : db_(state::open_state_db(db_path)) {
  auto s = db_.prepare("SELECT value FROM print_meta WHERE key='queue_id'");
  s.step();
  queue_id_ = s.text(0);
}

std::string PrintQueue::job_name(int64_t id) const { return "tthc-kiosk-" + queue_id_ + "-" + std::to_string(id); }

int64_t PrintQueue::enqueue(const std::string& kind, const std::string& title, const std::string& pdf, const std::string& source,
                            std::optional<int64_t> reprint_of, std::optional<int64_t> expires_at) {
  auto s = db_.prepare(
      "INSERT INTO print_jobs(kind,title,document,source,state,created_at,updated_at,reprint_of,expires_at) "
      "VALUES(?,?,?,?,'queued',?,?,?,?)");
  const int64_t t = now();
  s.bind(1, kind).bind(2, title).bind_blob(3, pdf).bind(5, t).bind(6, t).bind(7, reprint_of).bind(8, expires_at);
  if (source.empty())
    s.bind_null(4);
  else
    s.bind(4, source);
  s.run();
  return db_.last_insert_rowid();
}

std::optional<QueuedJob> PrintQueue::get(int64_t id) {
  auto s = db_.prepare(std::string("SELECT ") + kColumns + " FROM print_jobs WHERE id=?");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return row(s);
}

std::vector<QueuedJob> PrintQueue::in_state(const std::string& state) {
  auto s = db_.prepare(std::string("SELECT ") + kColumns + " FROM print_jobs WHERE state=? ORDER BY id");
  s.bind(1, state);
  std::vector<QueuedJob> out;
  while (s.step()) out.push_back(row(s));
  return out;
}

std::vector<QueuedJob> PrintQueue::recent(int limit) {
  auto s = db_.prepare(std::string("SELECT ") + kColumns + " FROM print_jobs ORDER BY id DESC LIMIT ?");
  s.bind(1, limit);
  std::vector<QueuedJob> out;
  while (s.step()) out.push_back(row(s));
  return out;
}

std::string PrintQueue::document(int64_t id) {
  auto s = db_.prepare("SELECT document FROM print_jobs WHERE id=?");
  s.bind(1, id);
  if (!s.step()) throw db::Error("no print job " + std::to_string(id));
  if (s.is_null(0)) throw db::Error("print job " + std::to_string(id) + "'s document was deleted when the job ended");
  return s.blob(0);
}

std::string PrintQueue::source(int64_t id) {
  auto s = db_.prepare("SELECT coalesce(source,'') FROM print_jobs WHERE id=?");
  s.bind(1, id);
  if (!s.step()) throw db::Error("no print job " + std::to_string(id));
  return s.text(0);
}

void PrintQueue::mark_sending(int64_t id) {
  auto s = db_.prepare("UPDATE print_jobs SET state='sending', updated_at=? WHERE id=? AND state='queued'");
  s.bind(1, now()).bind(2, id).run();
  if (db_.changes() != 1) throw db::Error("print job " + std::to_string(id) + " is not queued");
}

void PrintQueue::mark_sent(int64_t id, int64_t cups_job) {
  auto s = db_.prepare("UPDATE print_jobs SET state='sent', cups_job=?, updated_at=? WHERE id=?");
  s.bind(1, cups_job).bind(2, now()).bind(3, id).run();
}

void PrintQueue::mark_final(int64_t id, const std::string& state, const std::string& error) {
  auto s = db_.prepare("UPDATE print_jobs SET state=?, last_error=nullif(?,''), updated_at=?, document=NULL WHERE id=?");
  s.bind(1, state).bind(2, error).bind(3, now()).bind(4, id).run();
}

void PrintQueue::expire_now(int64_t id, int64_t t) {
  auto s = db_.prepare(std::string("UPDATE print_jobs SET expires_at=min(coalesce(expires_at, ?1), ?1), updated_at=?1 "
                                   "WHERE id=?2 AND state NOT IN ") + kFinal);
  s.bind(1, t).bind(2, id).run();
}

std::vector<int64_t> PrintQueue::expire_due(int64_t t) {
  db::Transaction tx(db_);
  std::vector<int64_t> ids;
  auto q = db_.prepare("SELECT id FROM print_jobs WHERE state='queued' AND expires_at IS NOT NULL AND expires_at<=?");
  q.bind(1, t);
  while (q.step()) ids.push_back(q.int64(0));
  for (int64_t id : ids) mark_final(id, "expired", "its citizen left before it could print");
  tx.commit();
  return ids;
}

std::vector<QueuedJob> PrintQueue::sent_and_due(int64_t t) {
  auto s = db_.prepare(std::string("SELECT ") + kColumns +
                       " FROM print_jobs WHERE state='sent' AND expires_at IS NOT NULL AND expires_at<=? ORDER BY id");
  s.bind(1, t);
  std::vector<QueuedJob> out;
  while (s.step()) out.push_back(row(s));
  return out;
}

int PrintQueue::purge_finished(int64_t before) {
  auto s = db_.prepare(std::string("DELETE FROM print_jobs WHERE state IN ") + kFinal + " AND updated_at<?");
  s.bind(1, before).run();
  return db_.changes();
}

bool PrintQueue::requeue(int64_t id, const std::string& error, int64_t not_before, int max_attempts) {
  db::Transaction tx(db_);
  auto q = db_.prepare("SELECT attempts FROM print_jobs WHERE id=?");
  q.bind(1, id);
  if (!q.step()) return false;
  const int64_t attempts = q.int64(0) + 1;
  const bool again = attempts < max_attempts;
  auto s = db_.prepare(
      "UPDATE print_jobs SET state=?, attempts=?, last_error=?, not_before=?, cups_job=NULL, updated_at=?, "
      "document=CASE WHEN ?1='failed' THEN NULL ELSE document END WHERE id=?6");
  s.bind(1, again ? "queued" : "failed").bind(2, attempts).bind(3, error).bind(4, not_before).bind(5, now()).bind(6, id).run();
  tx.commit();
  return again;
}

}  // namespace kiosk::printing

#include "common/state_db.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <thread>
#include <cerrno>
#include <cstring>

namespace kiosk::state {

namespace {

// Never edit a migration once it has shipped: add the next one.
constexpr std::array kMigrations = {
    Migration{1, "print queue",
              R"(CREATE TABLE IF NOT EXISTS print_jobs(
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      kind TEXT NOT NULL,
      title TEXT NOT NULL,
      document BLOB NOT NULL,
      source TEXT,
      state TEXT NOT NULL CHECK(state IN ('queued','sending','sent','completed','cancelled','failed')),
      cups_job INTEGER,
      attempts INTEGER NOT NULL DEFAULT 0,
      last_error TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      not_before INTEGER NOT NULL DEFAULT 0,
      reprint_of INTEGER REFERENCES print_jobs(id));
    CREATE INDEX IF NOT EXISTS print_jobs_state ON print_jobs(state, id);
    CREATE TABLE IF NOT EXISTS print_meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
    INSERT OR IGNORE INTO print_meta VALUES('queue_id', lower(hex(randomblob(4))));)"},
    // Jobs for a citizen expire with their session and are never printed unattended; a finished
    // job's document is deleted (it may hold personal data), so `document` may be NULL now.
    Migration{2, "print jobs expire; documents deleted when done",
              R"(CREATE TABLE print_jobs_v2(
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      kind TEXT NOT NULL,
      title TEXT NOT NULL,
      document BLOB,
      source TEXT,
      state TEXT NOT NULL CHECK(state IN ('queued','sending','sent','completed','cancelled','failed','expired')),
      cups_job INTEGER,
      attempts INTEGER NOT NULL DEFAULT 0,
      last_error TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      not_before INTEGER NOT NULL DEFAULT 0,
      reprint_of INTEGER REFERENCES print_jobs(id),
      expires_at INTEGER);
    INSERT INTO print_jobs_v2(id,kind,title,document,source,state,cups_job,attempts,last_error,created_at,updated_at,
                              not_before,reprint_of)
      SELECT id,kind,title,document,source,state,cups_job,attempts,last_error,created_at,updated_at,not_before,reprint_of
      FROM print_jobs;
    DROP TABLE print_jobs;
    ALTER TABLE print_jobs_v2 RENAME TO print_jobs;
    CREATE INDEX print_jobs_state ON print_jobs(state, id);)"},
    // The payment journal: every attempt, durable before the screen shows it; one open payment
    // per dossier fee; receipt numbers gapless per year, allocated once when paid.
    Migration{3, "payment journal",
              R"(CREATE TABLE payments(
      order_code TEXT PRIMARY KEY,
      dossier TEXT NOT NULL,
      fee_key TEXT NOT NULL,
      amount INTEGER NOT NULL CHECK(amount > 0),
      items TEXT NOT NULL,
      payee_name TEXT NOT NULL, payee_bin TEXT NOT NULL, payee_account TEXT NOT NULL,
      procedure TEXT NOT NULL DEFAULT '',
      payer_masked TEXT NOT NULL DEFAULT '',
      gateway TEXT NOT NULL,
      backend TEXT NOT NULL,
      state TEXT NOT NULL CHECK(state IN ('created','requested','paid','underpaid','expired','cancelled','failed')),
      qr TEXT, pay_url TEXT, expires_at INTEGER,
      amount_paid INTEGER NOT NULL DEFAULT 0,
      bank_ref TEXT, paid_at INTEGER, receipt_url TEXT,
      receipt_no TEXT UNIQUE,
      reported INTEGER NOT NULL DEFAULT 0,
      late INTEGER NOT NULL DEFAULT 0,
      last_error TEXT,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL);
    CREATE UNIQUE INDEX payments_one_open ON payments(fee_key) WHERE state IN ('created','requested','underpaid');
    CREATE INDEX payments_dossier ON payments(dossier);
    CREATE TABLE payment_meta(key TEXT PRIMARY KEY, value INTEGER NOT NULL);
    CREATE TABLE receipt_counters(year INTEGER PRIMARY KEY, last INTEGER NOT NULL);)"},
    // Messages to the backend, delivered at least once, in order of creation, with backoff; the
    // key is the receiver's idempotency key (a payment's order code, a rating's id).
    Migration{4, "outbox",
              R"(CREATE TABLE outbox(
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      kind TEXT NOT NULL,
      key TEXT NOT NULL UNIQUE,
      path TEXT NOT NULL,
      body TEXT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0,
      next_at INTEGER NOT NULL DEFAULT 0,
      created_at INTEGER NOT NULL,
      delivered_at INTEGER,
      rejected INTEGER NOT NULL DEFAULT 0,
      last_error TEXT);
    CREATE INDEX outbox_pending ON outbox(delivered_at, next_at);)"},
    // Officer ratings: one per dossier (enforced here too), the whole rating as JSON in `doc`.
    Migration{5, "officer ratings",
              R"(CREATE TABLE ratings(
      id TEXT PRIMARY KEY,
      at INTEGER NOT NULL,
      officer_id TEXT NOT NULL,
      officer_name TEXT NOT NULL,
      counter TEXT NOT NULL,
      level TEXT NOT NULL CHECK(level IN ('rat-hai-long','hai-long','khong-hai-long')),
      dossier TEXT,
      flagged INTEGER NOT NULL DEFAULT 0,
      doc TEXT NOT NULL);
    CREATE UNIQUE INDEX ratings_one_per_dossier ON ratings(dossier) WHERE dossier IS NOT NULL;
    CREATE INDEX ratings_by_time ON ratings(at);)"},
    // The kiosk's latest warnings and errors, as logged, for the staff's health report (the
    // journal keeps them all; this keeps the newest few hundred, a repeat counted on its row).
    Migration{6, "recent problems",
              R"(CREATE TABLE problems(
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      first_at INTEGER NOT NULL,
      last_at INTEGER NOT NULL,
      level TEXT NOT NULL CHECK(level IN ('warn','error')),
      component TEXT NOT NULL,
      message TEXT NOT NULL,
      repeats INTEGER NOT NULL DEFAULT 1);
    CREATE INDEX problems_by_time ON problems(last_at);)"},
    // Receipts are numbered by the kiosk that took the payment, kept with each entry (an order
    // code starts with it): never by a default a tool assumed. A gateway answer that does not
    // match the payment (another order, another amount, "paid" without saying how much) is kept
    // as an anomaly for staff. Counters per kiosk and year, rebuilt from the receipts issued.
    Migration{7, "payments carry their kiosk number and anomalies",
              R"(ALTER TABLE payments ADD COLUMN kiosk_number INTEGER;
    UPDATE payments SET kiosk_number = CAST(substr(order_code, 1, length(order_code) - 11) AS INTEGER)
      WHERE length(order_code) > 11;
    ALTER TABLE payments ADD COLUMN anomaly TEXT;
    CREATE TABLE receipt_series(kiosk INTEGER NOT NULL, year INTEGER NOT NULL, last INTEGER NOT NULL,
                                PRIMARY KEY(kiosk, year));
    INSERT INTO receipt_series(kiosk, year, last)
      SELECT CAST(substr(receipt_no, 3, 4) AS INTEGER), CAST(substr(receipt_no, 8, 4) AS INTEGER),
             max(CAST(substr(receipt_no, 13) AS INTEGER))
      FROM payments WHERE receipt_no LIKE 'BN____-____-%' GROUP BY 1, 2;
    DROP TABLE receipt_counters;)"},
    // Ratings keyed in by staff from paper survey sheets are told apart from the kiosk's own:
    // the burst rule is for the screen, and the report counts paper as its own column. One rating
    // per dossier whatever the code's spelling (case, dots, spaces): a key as dossier lookup
    // compares codes; an older pair that differs only in spelling keeps its first as the key's.
    Migration{8, "ratings record their source; one per dossier however it is spelt",
              R"(ALTER TABLE ratings ADD COLUMN source TEXT NOT NULL DEFAULT 'kiosk' CHECK(source IN ('kiosk','paper'));
    UPDATE ratings SET source = 'paper' WHERE json_extract(doc, '$.source') = 'paper';
    ALTER TABLE ratings ADD COLUMN dossier_key TEXT;
    UPDATE ratings SET dossier_key = upper(replace(replace(trim(dossier), '.', ''), ' ', ''))
      WHERE rowid IN (SELECT min(rowid) FROM ratings WHERE dossier IS NOT NULL
                      GROUP BY upper(replace(replace(trim(dossier), '.', ''), ' ', '')));
    CREATE UNIQUE INDEX ratings_one_per_dossier_key ON ratings(dossier_key) WHERE dossier_key IS NOT NULL;
    CREATE INDEX ratings_by_source ON ratings(source, at);)"},
    // The staff PIN pad's failures and lock survive a restart (pulling the plug gave five fresh
    // tries before).
    Migration{9, "staff PIN lockout",
              R"(CREATE TABLE staff_lockout(
      id INTEGER PRIMARY KEY CHECK(id = 1),
      failures INTEGER NOT NULL DEFAULT 0,
      locked_until INTEGER NOT NULL DEFAULT 0);)"},
    // Queue numbers: each tap and its idempotency key before the request; the ticket once given.
    Migration{10, "queue number taps",
              R"(CREATE TABLE queue_taps(
      key TEXT PRIMARY KEY,
      service TEXT NOT NULL,
      procedure TEXT,
      kiosk TEXT NOT NULL,
      priority TEXT NOT NULL,
      asked_at INTEGER NOT NULL,
      state TEXT NOT NULL CHECK(state IN ('asked','issued','refused')),
      ticket TEXT,
      error TEXT,
      updated_at INTEGER NOT NULL);
    CREATE INDEX queue_taps_by_state ON queue_taps(state, asked_at);)"},
    // A queue server that keeps no idempotency keys (NovoSGA) is asked to find a tap's ticket
    // before a second request: the kiosk must know whether a request may have left already.
    // A check-in (a booking's QR) is a tap for that booking, its service the one it names.
    Migration{11, "queue tap tries and check-ins",
              R"(ALTER TABLE queue_taps ADD COLUMN tries INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE queue_taps ADD COLUMN booking TEXT;
    ALTER TABLE queue_taps ADD COLUMN booking_code TEXT;)"},
};

void prepare_file(const std::filesystem::path& path) {
  const auto dir = path.parent_path();
  if (!dir.empty() && !std::filesystem::exists(dir)) {
    std::filesystem::create_directories(dir);
    std::filesystem::permissions(dir, std::filesystem::perms::owner_all, std::filesystem::perm_options::replace);
  }
  // Created 0600 before SQLite sees it; SQLite gives its -wal and -shm files the same mode. An
  // existing file is never opened here: closing any descriptor of a database file drops the
  // POSIX locks this process's other connections hold on it.
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd >= 0) {
    ::close(fd);
  } else if (errno != EEXIST) {
    throw db::Error("cannot create the state database " + path.string() + ": " + std::strerror(errno));
  }
  if (::chmod(path.c_str(), 0600) != 0)
    throw db::Error("cannot make the state database private: " + std::string(std::strerror(errno)));
}

}  // namespace

std::span<const Migration> migrations() { return kMigrations; }
int schema_version() { return kMigrations.back().version; }

int user_version(db::Db& db) {
  auto s = db.prepare("PRAGMA user_version");
  s.step();
  return static_cast<int>(s.int64(0));
}

int migrate(db::Db& db, std::span<const Migration> list) {
  int version = user_version(db);
  const int newest = list.empty() ? 0 : list.back().version;
  if (version > newest)
    throw TooNew("the state database is from a newer kiosk (schema " + std::to_string(version) + ", this kiosk knows up to " +
                 std::to_string(newest) + "); it is left untouched");
  for (const auto& m : list) {
    if (m.version <= version) continue;
    db::Transaction tx(db);
    // Workers open the database at the same time: the version is read again under the write
    // lock, and a migration another one applied meanwhile is skipped.
    version = user_version(db);
    if (m.version <= version) continue;
    db.exec(m.sql);
    db.exec("PRAGMA user_version = " + std::to_string(m.version));
    tx.commit();
    version = m.version;
  }
  return version;
}

db::Db open_state_db(const std::filesystem::path& path) {
  prepare_file(path);
  db::Db db(path.string(), db::Mode::Create);
  // Workers open it at the same time on the kiosk's first start: turning a new file to WAL is
  // refused while another connection is at it (SQLite does not wait for that), so try again.
  for (int attempt = 0;; ++attempt) {
    try {
      // WAL + FULL: what the citizen was told is on disk before we say so.
      db.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
      migrate(db, migrations());
      return db;
    } catch (const db::Error& e) {
      if (!e.busy() || attempt >= 100) throw;
      std::this_thread::sleep_for(std::chrono::milliseconds(10 + 5 * std::min(attempt, 10)));
    }
  }
}

}  // namespace kiosk::state

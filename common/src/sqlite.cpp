#include "common/sqlite.hpp"

#include <sqlite3.h>

#include <cstdio>

namespace kiosk::db {

namespace {
[[noreturn]] void fail(sqlite3* db, std::string_view what) {
  std::string msg(what);
  if (db) {
    msg += ": ";
    msg += sqlite3_errmsg(db);
  }
  throw Error(msg, db ? sqlite3_errcode(db) & 0xff : 0);
}
}  // namespace

void Db::Closer::operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }

Db::Db(const std::string& path, Mode mode) {
  int flags = SQLITE_OPEN_NOMUTEX;
  std::string name = path;
  switch (mode) {
    case Mode::ReadOnly: flags |= SQLITE_OPEN_READONLY; break;
    case Mode::Immutable: {
      flags |= SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
      // A URI needs '%', '?' and '#' escaped; other bytes stand as they are.
      std::string escaped;
      for (char c : path) {
        if (c == '%' || c == '?' || c == '#') {
          char buf[4];
          std::snprintf(buf, sizeof buf, "%%%02X", static_cast<unsigned char>(c));
          escaped += buf;
        } else {
          escaped += c;
        }
      }
      name = "file:" + escaped + "?immutable=1";
      break;
    }
    case Mode::ReadWrite: flags |= SQLITE_OPEN_READWRITE; break;
    case Mode::Create: flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE; break;
  }
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(name.c_str(), &raw, flags, nullptr);
  handle_.reset(raw);
  if (rc != SQLITE_OK) fail(raw, "cannot open database " + path);
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, 2000);
}

bool Error::busy() const { return code == SQLITE_BUSY || code == SQLITE_LOCKED; }

void Db::exec(std::string_view sql) {
  std::string s(sql);
  char* err = nullptr;
  if (const int rc = sqlite3_exec(handle_.get(), s.c_str(), nullptr, nullptr, &err); rc != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    throw Error("SQL failed: " + msg, rc & 0xff);
  }
}

Stmt Db::prepare(std::string_view sql) { return Stmt(handle_.get(), sql); }
int64_t Db::last_insert_rowid() const { return sqlite3_last_insert_rowid(handle_.get()); }
int Db::changes() const { return sqlite3_changes(handle_.get()); }

void Stmt::Finalizer::operator()(sqlite3_stmt* s) const noexcept { sqlite3_finalize(s); }

Stmt::Stmt(sqlite3* db, std::string_view sql) : db_(db) {
  sqlite3_stmt* raw = nullptr;
  if (sqlite3_prepare_v2(db, sql.data(), static_cast<int>(sql.size()), &raw, nullptr) != SQLITE_OK)
    fail(db, "cannot prepare statement");
  stmt_.reset(raw);
}

Stmt& Stmt::bind(int index, int64_t value) {
  if (sqlite3_bind_int64(stmt_.get(), index, value) != SQLITE_OK) fail(db_, "bind");
  return *this;
}
Stmt& Stmt::bind(int index, double value) {
  if (sqlite3_bind_double(stmt_.get(), index, value) != SQLITE_OK) fail(db_, "bind");
  return *this;
}
Stmt& Stmt::bind(int index, std::string_view text) {
  if (sqlite3_bind_text(stmt_.get(), index, text.data(), static_cast<int>(text.size()),
                        SQLITE_TRANSIENT) != SQLITE_OK)
    fail(db_, "bind");
  return *this;
}
Stmt& Stmt::bind_blob(int index, std::string_view bytes) {
  if (sqlite3_bind_blob64(stmt_.get(), index, bytes.data(), bytes.size(), SQLITE_TRANSIENT) != SQLITE_OK) fail(db_, "bind");
  return *this;
}
Stmt& Stmt::bind_null(int index) {
  if (sqlite3_bind_null(stmt_.get(), index) != SQLITE_OK) fail(db_, "bind");
  return *this;
}

bool Stmt::step() {
  int rc = sqlite3_step(stmt_.get());
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  fail(db_, "step");
}

void Stmt::run() {
  while (step()) {
  }
  reset();
}

void Stmt::reset() {
  sqlite3_reset(stmt_.get());
  sqlite3_clear_bindings(stmt_.get());
}

bool Stmt::is_null(int col) const { return sqlite3_column_type(stmt_.get(), col) == SQLITE_NULL; }
int64_t Stmt::int64(int col) const { return sqlite3_column_int64(stmt_.get(), col); }
double Stmt::real(int col) const { return sqlite3_column_double(stmt_.get(), col); }
std::string Stmt::text(int col) const {
  auto p = sqlite3_column_text(stmt_.get(), col);
  int n = sqlite3_column_bytes(stmt_.get(), col);
  return p ? std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(n)) : std::string();
}
std::string Stmt::blob(int col) const {
  auto p = sqlite3_column_blob(stmt_.get(), col);
  int n = sqlite3_column_bytes(stmt_.get(), col);
  return p ? std::string(static_cast<const char*>(p), static_cast<size_t>(n)) : std::string();
}
std::optional<std::string> Stmt::opt_text(int col) const {
  if (is_null(col)) return std::nullopt;
  return text(col);
}
std::optional<int64_t> Stmt::opt_int64(int col) const {
  if (is_null(col)) return std::nullopt;
  return int64(col);
}

Transaction::Transaction(Db& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }
Transaction::~Transaction() {
  if (!done_) {
    try {
      db_.exec("ROLLBACK");
    } catch (...) {
    }
  }
}
void Transaction::commit() {
  db_.exec("COMMIT");
  done_ = true;
}

}  // namespace kiosk::db

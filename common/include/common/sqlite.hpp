// Thin RAII wrappers over the SQLite C API: every sqlite3* and sqlite3_stmt* is owned here.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace kiosk::db {

struct Error : std::runtime_error {
  explicit Error(const std::string& what, int sqlite_code = 0) : std::runtime_error(what), code(sqlite_code) {}
  int code;  // SQLite's primary result code (SQLITE_BUSY...), 0 when not from SQLite
  bool busy() const;  // another connection holds the lock: trying again later may work
};

// Immutable: read-only, and SQLite may skip all locking and change detection because the file
// never changes while open (an installed catalog).
enum class Mode { ReadOnly, Immutable, ReadWrite, Create };

class Stmt;

class Db {
 public:
  Db(const std::string& path, Mode mode);
  Db(Db&&) noexcept = default;
  Db& operator=(Db&&) noexcept = default;

  void exec(std::string_view sql);
  Stmt prepare(std::string_view sql);
  int64_t last_insert_rowid() const;
  int changes() const;
  sqlite3* raw() const { return handle_.get(); }

 private:
  struct Closer {
    void operator()(sqlite3* db) const noexcept;
  };
  std::unique_ptr<sqlite3, Closer> handle_;
};

// A prepared statement. Bind indices start at 1, column indices at 0, as in SQLite.
class Stmt {
 public:
  Stmt(sqlite3* db, std::string_view sql);

  Stmt& bind(int index, int64_t value);
  Stmt& bind(int index, int value) { return bind(index, static_cast<int64_t>(value)); }
  Stmt& bind(int index, double value);
  Stmt& bind(int index, std::string_view text);
  Stmt& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
  Stmt& bind(int index, const std::string& text) { return bind(index, std::string_view(text)); }
  Stmt& bind_null(int index);
  Stmt& bind_blob(int index, std::string_view bytes);
  template <typename T>
  Stmt& bind(int index, const std::optional<T>& v) {
    return v ? bind(index, *v) : bind_null(index);
  }

  // Returns true while a row is available.
  bool step();
  // Runs a statement that returns no rows, then resets it for reuse.
  void run();
  void reset();

  bool is_null(int col) const;
  int64_t int64(int col) const;
  double real(int col) const;
  std::string text(int col) const;
  std::string blob(int col) const;
  std::optional<std::string> opt_text(int col) const;
  std::optional<int64_t> opt_int64(int col) const;

 private:
  struct Finalizer {
    void operator()(sqlite3_stmt* s) const noexcept;
  };
  sqlite3* db_;
  std::unique_ptr<sqlite3_stmt, Finalizer> stmt_;
};

// Commits on commit(); rolls back if destroyed without it (exception paths).
class Transaction {
 public:
  explicit Transaction(Db& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Db& db_;
  bool done_ = false;
};

}  // namespace kiosk::db

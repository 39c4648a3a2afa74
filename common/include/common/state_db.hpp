// The kiosk's own state database (print queue; payment journal and rating outbox later): one
// SQLite file, WAL with full sync, private to the kiosk's user, and a schema that only moves
// forward through ordered migrations. Every capability opens it through here, so each sees the
// whole, current schema whichever opens it first.
#pragma once
#include <filesystem>
#include <span>

#include "common/sqlite.hpp"

namespace kiosk::state {

struct Migration {
  int version;       // 1, 2, 3... in order, no gaps
  const char* what;  // for the log
  const char* sql;
};

// The state database's schema, as migrations in order.
std::span<const Migration> migrations();
int schema_version();  // what this kiosk writes: the last migration's version

// A database written by a newer kiosk: this one must not touch it.
struct TooNew : db::Error {
  using db::Error::Error;
};

// Opens the state database, creating it (0600, in a 0700 directory when the directory is
// missing), in WAL mode with synchronous=FULL, and brings its schema to schema_version(). Each
// migration runs in its own transaction. Throws TooNew, or db::Error.
db::Db open_state_db(const std::filesystem::path& path);

// Applies `list` to `db` from its user_version on; the building block of open_state_db, public
// so tests can stop at an older version. Returns the version reached.
int migrate(db::Db& db, std::span<const Migration> list);
int user_version(db::Db& db);

}  // namespace kiosk::state

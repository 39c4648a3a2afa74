#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <atomic>
#include <mutex>
#include <thread>

#include "common/files.hpp"
#include "common/state_db.hpp"
#include "common/text.hpp"
#include "printing/print_queue.hpp"

using namespace kiosk;

namespace {
mode_t mode_of(const std::filesystem::path& p) {
  struct stat st {};
  REQUIRE(::stat(p.c_str(), &st) == 0);
  return st.st_mode & 0777;
}
}  // namespace

TEST_CASE("a version-1 state database with queued jobs migrates with nothing lost", "[state]") {
  files::TempDir tmp;
  const auto path = tmp.path() / "state.db";
  {
    // What a kiosk before schema versions wrote: the print queue at version 1, two jobs queued.
    db::Db db(path.string(), db::Mode::Create);
    REQUIRE(state::migrate(db, state::migrations().first(1)) == 1);
    db.exec(
        "INSERT INTO print_jobs(kind,title,document,state,created_at,updated_at) VALUES"
        "('summary','Đăng ký kết hôn',x'25504446','queued',100,100),('form','Tờ khai',x'25504447','queued',101,101)");
  }
  {
    auto db = state::open_state_db(path);
    CHECK(state::user_version(db) == state::schema_version());
  }
  printing::PrintQueue q(path);
  const auto queued = q.in_state("queued");
  REQUIRE(queued.size() == 2);
  CHECK(queued[0].title == "Đăng ký kết hôn");
  CHECK(q.document(queued[0].id) == "%PDF");
  CHECK(queued[1].kind == "form");
  // New jobs after the migration get ids after the old ones.
  CHECK(q.enqueue("test-page", "t", "%PDF-1") > queued[1].id);
}

TEST_CASE("a state database from a newer kiosk is refused, untouched", "[state]") {
  files::TempDir tmp;
  const auto path = tmp.path() / "state.db";
  {
    db::Db db(path.string(), db::Mode::Create);
    db.exec("PRAGMA user_version = 999");
  }
  CHECK_THROWS_AS(state::open_state_db(path), state::TooNew);
  db::Db db(path.string(), db::Mode::ReadOnly);
  CHECK(state::user_version(db) == 999);
}

TEST_CASE("the state database is private to the kiosk's user", "[state]") {
  files::TempDir tmp;
  const auto path = tmp.path() / "var" / "state.db";
  ::umask(022);
  auto db = state::open_state_db(path);
  db.exec("CREATE TABLE IF NOT EXISTS t(x); INSERT INTO t VALUES(1)");
  CHECK(mode_of(path.parent_path()) == 0700);
  CHECK(mode_of(path) == 0600);
  CHECK(mode_of(path.string() + "-wal") == 0600);
}

TEST_CASE("each migration is applied once, in order, in a transaction", "[state]") {
  files::TempDir tmp;
  db::Db db((tmp.path() / "m.db").string(), db::Mode::Create);
  const state::Migration ok[] = {{1, "a", "CREATE TABLE a(x)"}, {2, "b", "CREATE TABLE b(x)"}};
  CHECK(state::migrate(db, ok) == 2);
  CHECK(state::migrate(db, ok) == 2);  // nothing to do the second time
  const state::Migration broken[] = {{1, "a", "CREATE TABLE a(x)"}, {2, "b", "CREATE TABLE b(x)"},
                                     {3, "c", "CREATE TABLE c(x); THIS IS NOT SQL"}};
  CHECK_THROWS(state::migrate(db, broken));
  CHECK(state::user_version(db) == 2);
  CHECK_THROWS(db.exec("SELECT * FROM c"));  // rolled back with its migration
}

TEST_CASE("workers opening a new state database at once migrate it once", "[state]") {
  // The print and payment workers start together; the kiosk's first start found
  // "table payments already exists" when both migrated from the same version.
  for (int round = 0; round < 20; ++round) {
    files::TempDir tmp;
    const auto path = tmp.path() / "state.db";
    std::vector<std::thread> workers;
    std::atomic<int> failures{0};
    std::mutex mu;
    std::string why;
    for (int i = 0; i < 4; ++i)
      workers.emplace_back([&] {
        try {
          auto db = state::open_state_db(path);
          if (state::user_version(db) != state::schema_version()) ++failures;
        } catch (const std::exception& e) {
          ++failures;
          std::lock_guard lock(mu);
          why = e.what();
        }
      });
    for (auto& w : workers) w.join();
    INFO(why);
    REQUIRE(failures == 0);
  }
}

#include <sys/prctl.h>
#include <sys/resource.h>

#include "common/hardening.hpp"

TEST_CASE("the kiosk forbids itself core dumps, which would hold citizens' data", "[security]") {
  CHECK(forbid_core_dumps().empty());
  rlimit lim{};
  REQUIRE(::getrlimit(RLIMIT_CORE, &lim) == 0);
  CHECK(lim.rlim_cur == 0);
  CHECK(lim.rlim_max == 0);
  CHECK(::prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 0);
}

TEST_CASE("text from outside reaches logs and terminals without control characters", "[security]") {
  CHECK(text::printable("pack \x1b]0;owned\x07 key\r\nX") == "pack ?]0;owned? key??X");
  CHECK(text::printable("Sở Tư pháp") == "Sở Tư pháp");
  CHECK(text::printable("\xff\xfe") == "\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(text::printable("a\xc2\x9b" "31m") == "a?31m");  // the one-byte CSI of C1
}

TEST_CASE("the backend's bearer token is refused when others may read its file, as payOS's keys are", "[security]") {
  files::TempDir tmp;
  const auto token = tmp.path() / "backend-token";
  files::write_file_durable(token, "  abc.def.ghi\n", 0644);
  // Before: read whatever its mode, so any local user could take the kiosk's token.
  CHECK_THROWS_WITH(files::read_secret_file(token), Catch::Contains("may be read by others"));
  ::chmod(token.c_str(), 0640);
  CHECK_THROWS_WITH(files::read_secret_file(token), Catch::Contains("may be read by others"));
  ::chmod(token.c_str(), 0600);
  CHECK(files::read_secret_file(token) == "abc.def.ghi");
  files::write_file_durable(tmp.path() / "empty", "\n", 0600);
  CHECK_THROWS_WITH(files::read_secret_file(tmp.path() / "empty"), Catch::Contains("empty"));
}

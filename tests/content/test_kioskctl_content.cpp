// kioskctl's content commands as staff use them: text by default, JSON with --json, one-line errors.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "common/files.hpp"
#include "process.hpp"

using kiosk::test::run_tool;

TEST_CASE("kioskctl keygen, install, info, rollback") {
  kiosk::files::TempDir tmp;
  const std::string store = (tmp.path() / "store").string();
  const std::string pub = std::string(KIOSK_SOURCE_DIR) + "/content/sample/test-signing.pub";

  auto gen = run_tool("kioskctl", {"content", "keygen", "-o", (tmp.path() / "staff").string()});
  REQUIRE(gen.exit_code == 0);
  CHECK(std::filesystem::exists(tmp.path() / "staff.key"));
  // The secret key is the owner's alone (created so: never readable by others, even briefly).
  const auto key_perms = std::filesystem::status(tmp.path() / "staff.key").permissions() & std::filesystem::perms::all;
  CHECK(key_perms == (std::filesystem::perms::owner_read | std::filesystem::perms::owner_write));
  auto again = run_tool("kioskctl", {"content", "keygen", "-o", (tmp.path() / "staff").string()});
  CHECK(again.exit_code != 0);
  CHECK(again.err.find("refusing to overwrite") != std::string::npos);

  auto none = run_tool("kioskctl", {"content", "info", "--store", store});
  CHECK(none.exit_code == 1);
  CHECK(none.err == "kioskctl: no content pack is installed in " + store + "\n");

  auto verify = run_tool("kioskctl", {"content", "verify", KIOSK_SAMPLE_PACK, "--trust", pub});
  CHECK(verify.exit_code == 0);
  CHECK(verify.out.rfind("OK: sample.tthc", 0) == 0);

  auto untrusted = run_tool("kioskctl", {"content", "verify", KIOSK_SAMPLE_PACK, "--trust",
                                         (tmp.path() / "staff.pub").string()});
  CHECK(untrusted.exit_code == 1);
  CHECK(untrusted.err.find("untrusted key") != std::string::npos);

  REQUIRE(run_tool("kioskctl", {"content", "install", KIOSK_SAMPLE_PACK, "--store", store, "--trust", pub}).exit_code == 0);
  auto info = run_tool("kioskctl", {"content", "info", "--store", store, "--json"});
  REQUIRE(info.exit_code == 0);
  auto j = nlohmann::json::parse(info.out);
  CHECK(j["pack_id"] == "sample.tthc");
  CHECK(j["counts"]["procedures"].get<int>() >= 2642);
  CHECK(j["counts"]["fees"]["fixed"].get<int>() > 0);

  // The documents table told apart: far more papers than notes, and a few rows guessed.
  const auto& classes = j["counts"]["document_classes"];
  CHECK(classes["papers"].get<int>() > 5 * classes["notes"].get<int>());
  CHECK(classes["notes"].get<int>() > 1000);
  CHECK(classes["cases"].get<int>() > 0);
  CHECK(classes["unsure"].get<int>() > 0);

  auto text = run_tool("kioskctl", {"content", "info", "--store", store});
  CHECK(text.out.find("thủ tục (procedures):") != std::string::npos);
  CHECK(text.out.find("giấy tờ cần mang (papers):") != std::string::npos);

  // Lint lists what the importer guessed, most used first, each with the row and the guess.
  auto lint = run_tool("kioskctl", {"content", "lint", "--store", store, "--json"});
  REQUIRE(lint.exit_code == 0);
  const auto l = nlohmann::json::parse(lint.out);
  CHECK(l["procedures"] == j["counts"]["procedures"]);
  REQUIRE(!l["to_check"].empty());
  CHECK(l["to_check"].size() < l["procedures"].get<size_t>() / 5);
  double last = 1e300;
  for (const auto& p : l["to_check"]) {
    CHECK(!p["findings"].empty());
    CHECK(p["popularity"].get<double>() <= last);
    last = p["popularity"].get<double>();
  }
  auto lint_text = run_tool("kioskctl", {"content", "lint", "--store", store});
  CHECK(lint_text.out.find("procedures need a look") != std::string::npos);
  // The sample's queue.json maps its counters: what is left is what the pack gives no counter.
  CHECK(l["queue_map"] == true);
  REQUIRE_FALSE(l["no_queue_service"].empty());
  for (const auto& p : l["no_queue_service"]) CHECK(p["counter"] == "");
  CHECK(l["no_queue_service"].size() < l["procedures"].get<size_t>() / 10);
  CHECK(lint_text.out.find("procedures have no queue service") != std::string::npos);

  auto rb = run_tool("kioskctl", {"content", "rollback", "--store", store});
  CHECK(rb.exit_code == 1);
  CHECK(rb.err.find("no previous pack") != std::string::npos);
}

TEST_CASE("a pack whose files have Vietnamese names builds and installs whatever the locale", "[content]") {
  kiosk::files::TempDir tmp;
  const auto src = tmp.path() / "src";
  std::filesystem::copy(std::string(KIOSK_SOURCE_DIR) + "/tests/content/vietnamese-names", src,
                        std::filesystem::copy_options::recursive);
  auto gen = run_tool("kioskctl", {"content", "keygen", "-o", (tmp.path() / "k").string()});
  REQUIRE(gen.exit_code == 0);
  // LANG=C: the environment a service starts in; kioskctl must not depend on it.
  setenv("LC_ALL", "C", 1);
  auto build = run_tool("kioskctl", {"content", "build", src.string(), "-o", (tmp.path() / "vi.kpack").string(), "--key",
                                     (tmp.path() / "k.key").string()});
  INFO(build.err);
  REQUIRE(build.exit_code == 0);
  auto install = run_tool("kioskctl", {"content", "install", (tmp.path() / "vi.kpack").string(), "--store",
                                       (tmp.path() / "store").string(), "--trust", (tmp.path() / "k.pub").string()});
  INFO(install.err);
  CHECK(install.exit_code == 0);
  unsetenv("LC_ALL");
  bool found = false;
  for (const auto& e : std::filesystem::recursive_directory_iterator(tmp.path() / "store"))
    found = found || e.path().filename() == "tờ-khai-kết-hôn.pdf";
  CHECK(found);
}

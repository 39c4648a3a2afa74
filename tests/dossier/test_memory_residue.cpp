// A dossier's owner must not linger in the kiosk's memory once the lookup is over: after an iGate
// answer holding the full name and id number is checked and masked, neither is anywhere in the
// process's heap. Its own executable: libcurl must be set up (NetworkLibrary) before any use.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string_view>

#include "common/files.hpp"
#include "common/network.hpp"
#include "dossier/status_client.hpp"
#include "process.hpp"

using namespace kiosk::dossier;

namespace {

// The dossier's owner in tests/sim/dossiers.json; literals live in read-only memory, not the heap.
constexpr std::string_view kFullName = "Phạm Thị Dung";
constexpr std::string_view kIdNumber = "001301009876";

// Where in this process's writable, non-stack memory `needle` appears (addresses as text).
std::vector<std::string> found_in_heap(std::string_view needle) {
  std::ifstream maps("/proc/self/maps");
  std::ifstream mem("/proc/self/mem", std::ios::binary);
  std::vector<std::string> hits;
  std::string line;
  while (std::getline(maps, line)) {
    std::istringstream f(line);
    std::string range, perms, offset, dev, inode, path;
    f >> range >> perms >> offset >> dev >> inode;
    std::getline(f, path);
    // Writable memory that is not a file's and not a thread's stack: the heaps.
    if (perms.size() < 2 || perms[0] != 'r' || perms[1] != 'w' || inode != "0" || path.find("[stack") != std::string::npos ||
        path.find("[v") != std::string::npos)
      continue;
    const auto dash = range.find('-');
    const uint64_t lo = std::stoull(range.substr(0, dash), nullptr, 16), hi = std::stoull(range.substr(dash + 1), nullptr, 16);
    // A sanitizer's shadow memory is terabytes of mostly unbacked address space: not a heap.
    if (hi - lo > (uint64_t{1} << 32)) continue;
    // In chunks overlapping by the needle's length, so a copy across a chunk's edge is found.
    constexpr uint64_t kChunk = 1 << 20;
    std::string buf;
    for (uint64_t at = lo; at < hi; at += kChunk) {
      const uint64_t n = std::min<uint64_t>(kChunk + needle.size(), hi - at);
      buf.assign(n, '\0');
      mem.clear();
      mem.seekg(static_cast<std::streamoff>(at));
      if (!mem.read(buf.data(), static_cast<std::streamsize>(n))) break;
      for (size_t i = buf.find(needle); i != std::string::npos && i < kChunk; i = buf.find(needle, i + 1)) {
        std::ostringstream where;
        where << std::hex << at + i << " in " << range << path;
        hits.push_back(where.str());
      }
    }
    kiosk::wipe_string(buf);  // the scan itself must not leave a copy for the next needle
  }
  return hits;
}

}  // namespace

TEST_CASE("once checked and masked, the owner's full name and id number are not in the heap", "[dossier][sim][security]") {
  const kiosk::http::NetworkLibrary network;
  kiosk::files::TempDir tmp;
  const std::string fixtures = std::string(KIOSK_SOURCE_DIR) + "/tests/sim/dossiers.json";
  kiosk::test::BackgroundTool sim("dossier-sim", {"--fixtures", fixtures, "--port", "0"}, (tmp.path() / "ready").string());
  BackendConfig c;
  c.base_url = "http://127.0.0.1:" + sim.ready("http");
  c.adapter = Adapter::IGate;  // its answer holds the full name and the id number
  c.policy.allow_http_loopback = true;
  {
    const StatusClient client(c);
    LookupQuery q{"000.00.12.H04-261113-0004", "", kiosk::SecretString("9876")};
    const auto r = client.lookup(q);
    REQUIRE(std::holds_alternative<DossierStatus>(r));
    CHECK(std::get<DossierStatus>(r).owner_masked == "Phạm T*** D***");
  }
  INFO("the heap still holds the owner's data");
  CHECK(found_in_heap(kIdNumber).empty());
  CHECK(found_in_heap(kFullName).empty());
  // The scan can find what is there: a copy made on purpose is found.
  std::string planted(kIdNumber);
  planted.reserve(64);
  CHECK_FALSE(found_in_heap(kIdNumber).empty());
  kiosk::wipe_string(planted);
}

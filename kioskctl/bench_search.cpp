// `kioskctl bench search`: every prefix of the eval queries (the project's and the outside dev
// questions, in both spellings), as typed letter by letter, against
// the sample catalog and a synthetic 100,000-procedure catalog, beside a naive LIKE baseline.
#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>

#include "commands.hpp"
#include "common/files.hpp"
#include "common/text.hpp"
#include "content/catalog.hpp"
#include "content/store.hpp"
#include "search/index.hpp"
#include "search/searcher.hpp"

namespace kioskctl {

namespace fs = std::filesystem;
using nlohmann::json;
using Clock = std::chrono::steady_clock;

namespace {

std::vector<std::string> keystroke_prefixes(const std::vector<std::string>& queries_tsv) {
  std::vector<std::string> out;
  for (const auto& path : queries_tsv) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == '#') continue;
      auto u = kiosk::text::to_u32(kiosk::text::split(line, '\t')[0]);
      for (size_t k = 1; k <= u.size(); ++k) out.push_back(kiosk::text::to_utf8(u.substr(0, k)));
    }
  }
  return out;
}

struct Latency {
  double p50 = 0, p99 = 0, max = 0;
  size_t n = 0;
  std::string slowest;  // the keystroke that took `max`, to look into
  std::vector<std::pair<double, std::string>> worst;  // the slowest keystrokes, slowest first
};

Latency summarize(std::vector<double> ms) {
  Latency l;
  if (ms.empty()) return l;
  std::sort(ms.begin(), ms.end());
  l.n = ms.size();
  l.p50 = ms[ms.size() / 2];
  l.p99 = ms[std::min(ms.size() - 1, ms.size() * 99 / 100)];
  l.max = ms.back();
  return l;
}

template <typename F>
Latency time_each(const std::vector<std::string>& prefixes, size_t stride, F f, size_t keep_worst = 0) {
  std::vector<double> ms;
  size_t slowest = 0;
  for (size_t i = 0; i < prefixes.size(); i += stride) {
    auto t0 = Clock::now();
    f(prefixes[i]);
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    if (ms.back() >= ms[slowest / stride]) slowest = i;
  }
  Latency l = summarize(ms);
  if (!prefixes.empty()) l.slowest = prefixes[slowest];
  for (size_t k = 0; k < ms.size(); ++k) l.worst.emplace_back(ms[k], prefixes[k * stride]);
  const size_t keep = std::min(keep_worst, l.worst.size());
  std::partial_sort(l.worst.begin(), l.worst.begin() + static_cast<long>(keep), l.worst.end(),
                    [](const auto& a, const auto& b) { return a.first > b.first; });
  l.worst.resize(keep);
  return l;
}

// A large catalog made of the sample's procedures, each copied with a place name so names and
// papers keep the real vocabulary and its frequencies. Copies rank below the originals.
void build_large_catalog(const kiosk::content::Catalog& sample, const fs::path& db, int docs) {
  static const char* places[] = {"Bắc Ninh", "Bắc Giang", "Lạng Sơn", "Thái Nguyên", "Phú Thọ", "Hà Nam",
                                 "Nam Định", "Thái Bình", "Hải Dương", "Hưng Yên", "Quảng Ninh", "Cao Bằng"};
  kiosk::content::PackContent pc;
  pc.meta = {{"center", {{"name", "Synthetic benchmark catalog"}}}};
  std::vector<kiosk::content::Procedure> base;
  auto s = sample.procedure_codes();
  for (const auto& code : s) {
    auto p = *sample.procedure(code);
    p.steps.clear();
    p.legal_basis.clear();
    p.conditions.clear();
    p.raw_fees.clear();
    p.raw_documents.clear();
    p.raw_legal_basis.clear();
    base.push_back(std::move(p));
  }
  for (int i = 0; i < docs; ++i) {
    const auto& b = base[static_cast<size_t>(i) % base.size()];
    const int copy = i / static_cast<int>(base.size());
    kiosk::content::Procedure p = b;
    if (copy > 0) {
      p.code = b.code + "-" + std::to_string(copy);
      p.name = b.name + " tại " + places[static_cast<size_t>(copy) % 12] + " (bản " + std::to_string(copy) + ")";
      p.popularity = b.popularity / (1.0 + copy);
    }
    pc.procedures.push_back(std::move(p));
  }
  kiosk::content::Manifest m;
  m.pack_id = "synthetic-large";
  kiosk::content::build_catalog(pc, m, db, {kiosk::search::index_extension()});
}

}  // namespace

void register_search_bench(CLI::App& bench, Action& action) {
  auto* cmd = bench.add_subcommand("search", "Per-keystroke search latency, sample and 100k catalogs");
  auto store = std::make_shared<std::string>("build/dev-store");
  auto queries = std::make_shared<std::vector<std::string>>(std::vector<std::string>{
      "tests/search_eval/queries.tsv", "tests/search_eval/outside-dev.tsv",
      "tests/search_eval/outside-dev-nodiacritics.tsv"});
  auto docs = std::make_shared<int>(100000);
  auto baseline_stride = std::make_shared<size_t>(10);
  auto stride = std::make_shared<size_t>(1);
  auto show_slowest = std::make_shared<size_t>(0);
  auto large_path = std::make_shared<std::string>();
  cmd->add_option("--store", *store, "Store holding the installed sample pack");
  cmd->add_option("--queries", *queries, "Eval queries (TSV files) whose prefixes are replayed");
  cmd->add_option("--large-docs", *docs, "Procedures in the synthetic large catalog");
  cmd->add_option("--baseline-stride", *baseline_stride, "Time the slow baseline on every Nth keystroke");
  cmd->add_option("--stride", *stride, "Time the search on every Nth keystroke (1: all)");
  cmd->add_option("--slowest", *show_slowest, "List the N slowest keystrokes on the large catalog");
  cmd->add_option("--large-catalog", *large_path,
                  "Keep the large catalog at this path and reuse it when it is there (to profile)");
  cmd->fallthrough();
  cmd->callback([&action, store, queries, docs, baseline_stride, stride, show_slowest, large_path] {
    action = [=] {
      const auto prefixes = keystroke_prefixes(*queries);
      kiosk::content::ContentStore st(*store);
      const fs::path sample_db = st.current_catalog();

      kiosk::search::Searcher sample(sample_db);
      for (size_t i = 0; i < std::min<size_t>(50, prefixes.size()); ++i) sample.search(prefixes[i]);  // warm
      const size_t every = std::max<size_t>(1, *stride);
      Latency small = time_each(prefixes, every, [&](const std::string& q) { sample.search(q); });
      Latency small_base = time_each(prefixes, *baseline_stride, [&](const std::string& q) { sample.baseline_search(q); });

      kiosk::files::TempDir tmp;
      const fs::path large_db = large_path->empty() ? tmp.path() / "large.sqlite" : fs::path(*large_path);
      auto t0 = Clock::now();
      if (large_path->empty() || !fs::exists(large_db))
        build_large_catalog(kiosk::content::Catalog(sample_db), large_db, *docs);
      const double build_s = std::chrono::duration<double>(Clock::now() - t0).count();
      kiosk::search::Searcher large(large_db);
      for (size_t i = 0; i < std::min<size_t>(50, prefixes.size()); ++i) large.search(prefixes[i]);
      Latency big = time_each(prefixes, every, [&](const std::string& q) { large.search(q); }, *show_slowest);
      Latency big_base = time_each(prefixes, *baseline_stride, [&](const std::string& q) { large.baseline_search(q); });

      std::ostringstream t;
      t.setf(std::ios::fixed);
      t.precision(3);
      t << "search benchmark: " << small.n << " keystrokes (every " << (every > 1 ? std::to_string(every) + "th " : "")
        << "prefix of "
        << [&] {
             std::string files;
             for (const auto& q : *queries) files += (files.empty() ? "" : ", ") + q;
             return files;
           }() << ")\n"
        << "  sample (" << kiosk::content::Catalog(sample_db).stats().procedures << " procedures): p50 " << small.p50
        << " ms, p99 " << small.p99 << " ms, max " << small.max << " ms ('" << small.slowest
        << "') (target p99 <= 2 ms)\n"
        << "    naive LIKE baseline: p50 " << small_base.p50 << " ms, p99 " << small_base.p99 << " ms ("
        << small_base.n << " keystrokes)\n"
        << "  large (" << *docs << " procedures, built in " << build_s << " s): p50 " << big.p50 << " ms, p99 "
        << big.p99 << " ms, max " << big.max << " ms ('" << big.slowest << "') (target p99 <= 15 ms)\n"
        << "    naive LIKE baseline: p50 " << big_base.p50 << " ms, p99 " << big_base.p99 << " ms ("
        << big_base.n << " keystrokes); speed-up at p50 " << big_base.p50 / std::max(big.p50, 1e-9)
        << "x (target >= 20x)\n";
      for (const auto& [ms, q] : big.worst) t << "    " << ms << " ms  '" << q << "'\n";
      json j = {{"keystrokes", prefixes.size()},
                {"sample",
                 {{"p50_ms", small.p50}, {"p99_ms", small.p99}, {"max_ms", small.max},
                  {"baseline_p50_ms", small_base.p50}, {"baseline_p99_ms", small_base.p99}}},
                {"large",
                 {{"docs", *docs}, {"build_s", build_s}, {"p50_ms", big.p50}, {"p99_ms", big.p99}, {"max_ms", big.max},
                  {"baseline_p50_ms", big_base.p50}, {"baseline_p99_ms", big_base.p99},
                  {"baseline_keystrokes", big_base.n}}}};
      return Output{t.str(), j};
    };
  });
}

}  // namespace kioskctl

// The search quality eval: every query of queries.tsv against the sample catalog.
// Prints recall@1, recall@5 and MRR (overall and per kind) and the queries that miss; exits
// non-zero when recall@5 falls under the target or the file names a code the catalog lacks.
// Queries of the kinds question* are questions in a citizen's own words; the rest are keywords.
// Both recalls are held to a target.
//   search_eval [--store DIR] [--queries FILE] [--target 0.95] [--question-target 0.92] [--question-mrr 0.80]
#include <algorithm>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <optional>

#include "common/files.hpp"
#include "common/text.hpp"
#include "content/catalog.hpp"
#include "content/store.hpp"
#include "search/index.hpp"
#include "search/searcher.hpp"

using namespace kiosk;

namespace {

struct EvalQuery {
  std::string text;
  std::vector<std::string> codes;
  std::string kind;
};

std::vector<EvalQuery> load(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::vector<EvalQuery> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    auto cols = text::split(line, '\t');
    if (cols.size() < 2) throw std::runtime_error("malformed line: " + line);
    EvalQuery q{cols[0], text::split(cols[1], ','), cols.size() > 2 ? cols[2] : "plain"};
    out.push_back(std::move(q));
  }
  return out;
}

struct Tally {
  int n = 0, at1 = 0, at5 = 0;
  double rr = 0;
};

}  // namespace

int main(int argc, char** argv) {
  std::string store_dir, queries = std::string(KIOSK_SOURCE_DIR) + "/tests/search_eval/queries.tsv";
  double target = 0.95, question_target = 0.92, question_mrr = 0.80;
  std::string ranks_file;  // every query's rank, one per line: to diff two versions of the ranking
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--store") store_dir = argv[i + 1];
    if (a == "--queries") queries = argv[i + 1];
    if (a == "--target") target = std::stod(argv[i + 1]);
    if (a == "--question-target") question_target = std::stod(argv[i + 1]);
    if (a == "--question-mrr") question_mrr = std::stod(argv[i + 1]);
    if (a == "--ranks") ranks_file = argv[i + 1];
  }
  try {
    std::optional<files::TempDir> tmp;
    if (store_dir.empty()) {
      tmp.emplace();
      store_dir = tmp->path().string();
      content::ContentStore s(store_dir);
      auto key = content::read_public_key(std::string(KIOSK_SOURCE_DIR) + "/content/sample/test-signing.pub");
      s.install(KIOSK_SAMPLE_PACK, {key}, {search::index_extension()});
    }
    content::ContentStore store(store_dir);
    content::Catalog catalog(store.current_catalog());
    search::Searcher searcher(store.current_catalog());

    auto qs = load(queries);
    bool unknown = false;
    for (const auto& q : qs)
      for (const auto& c : q.codes)
        if (!catalog.procedure(c)) {
          std::cerr << "queries.tsv names " << c << " (for '" << q.text << "'), which the catalog lacks\n";
          unknown = true;
        }
    std::map<std::string, Tally> by_kind, by_class;
    Tally all;
    std::vector<std::string> misses;
    std::ofstream ranks;
    if (!ranks_file.empty()) ranks.open(ranks_file);
    for (const auto& q : qs) {
      auto hits = searcher.search(q.text, {}, 10);
      int rank = 0;
      for (size_t i = 0; i < hits.size() && !rank; ++i)
        for (const auto& c : q.codes)
          if (hits[i].code == c) rank = static_cast<int>(i) + 1;
      // The classes the issue asks for: keyword or question; typed without diacritics; with typos.
      const bool question = q.kind.rfind("question", 0) == 0;
      std::vector<Tally*> tallies = {&all, &by_kind[q.kind], &by_class[question ? "question" : "keyword"]};
      if (question && std::all_of(q.text.begin(), q.text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) tallies.push_back(&by_class["question, no diacritics"]);
      if (q.kind.find("typo") != std::string::npos) tallies.push_back(&by_class["typos (all)"]);
      for (Tally* t : tallies) {
        ++t->n;
        t->at1 += rank == 1;
        t->at5 += rank >= 1 && rank <= 5;
        t->rr += rank ? 1.0 / rank : 0;
      }
      if (ranks.is_open()) ranks << (rank ? std::to_string(rank) : std::string(">10")) << '\t' << q.text << '\n';
      if (rank == 0 || rank > 5) {
        std::string got = hits.empty() ? "(nothing)" : hits[0].code + " " + hits[0].name.substr(0, 60);
        misses.push_back("  '" + q.text + "' rank " + (rank ? std::to_string(rank) : std::string(">10")) +
                         "; first: " + got);
      }
    }
    std::cout << std::fixed << std::setprecision(3);
    auto print = [](const std::string& label, const Tally& t) {
      std::cout << std::left << std::setw(14) << label << " n=" << std::setw(4) << t.n
                << " recall@1=" << double(t.at1) / t.n << " recall@5=" << double(t.at5) / t.n
                << " MRR=" << t.rr / t.n << "\n";
    };
    print("all", all);
    for (const auto& [k, t] : by_class) print(k, t);
    std::cout << "by kind:\n";
    for (const auto& [k, t] : by_kind) print(k, t);
    if (!misses.empty()) {
      std::cout << "queries not in the first 5:\n";
      for (const auto& m : misses) std::cout << m << "\n";
    }
    if (unknown) return 2;
    auto recall5 = [&](const char* c) { return by_class[c].n ? double(by_class[c].at5) / by_class[c].n : 1.0; };
    const double mrr = by_class["question"].n ? by_class["question"].rr / by_class["question"].n : 1.0;
    if (recall5("keyword") < target || recall5("question") < question_target || mrr < question_mrr) {
      std::cout << "recall@5 " << recall5("keyword") << " (keywords), " << recall5("question") << " (questions), MRR "
                << mrr << " (questions) is under the target " << target << ", " << question_target << ", "
                << question_mrr << "\n";
      return 1;
    }
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "search_eval: " << e.what() << "\n";
    return 2;
  }
}

#include <cmath>
#include <fstream>
#include <iostream>
#include <stdexcept>

#include "common/text.hpp"
#include "eval_set.hpp"

namespace search_eval {

using kiosk::search::Ranking;
using kiosk::search::Searcher;

namespace {

std::vector<std::vector<std::string>> rows(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::vector<std::vector<std::string>> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    auto cols = kiosk::text::split(line, '\t');
    if (cols.size() < 2) throw std::runtime_error("malformed line in " + path + ": " + line);
    out.push_back(std::move(cols));
  }
  return out;
}

// The weights the fit moves, each by a factor; coverage stays put, as the score's scale.
std::vector<double*> knobs(Ranking& r) {
  std::vector<double*> out;
  for (auto& w : r.field_weight) out.push_back(&w);
  for (double* p : {&r.k1, &r.b, &r.pair, &r.asked, &r.bm25, &r.head, &r.quoted, &r.popularity}) out.push_back(p);
  return out;
}

}  // namespace

std::vector<EvalQuery> load_own(const std::string& path) {
  std::vector<EvalQuery> out;
  // A group per answer: "dang ky ket hon" and "đăng ký kết hôn" fall in the same fold, so a fold
  // held back is not answered by its own variants in the part fitted.
  std::map<std::string, size_t> groups;
  for (auto& cols : rows(path)) {
    const size_t group = groups.emplace(cols[1], groups.size()).first->second;
    out.push_back({cols[0], kiosk::text::split(cols[1], ','), cols.size() > 2 ? cols[2] : "plain", "own", group});
  }
  return out;
}

std::vector<EvalQuery> load_outside(const std::string& path, const std::string& set) {
  std::vector<EvalQuery> out;
  // Groups continue past the own eval's: the same line of both spellings gets the same group.
  constexpr size_t kOutsideGroups = 1000000;
  for (auto& cols : rows(path))
    out.push_back({cols[0], kiosk::text::split(cols[1], ','), cols.size() > 2 ? cols[2] : "outside", set,
                   kOutsideGroups + out.size()});
  return out;
}

int rank_of(Searcher& searcher, const EvalQuery& q) {
  auto hits = searcher.search(q.text, {}, 10);
  for (size_t i = 0; i < hits.size(); ++i)
    for (const auto& c : q.codes)
      if (hits[i].code == c) return static_cast<int>(i) + 1;
  return 0;
}

std::string class_of(const EvalQuery& q) {
  if (q.set == "own") return q.question() ? "own question" : "own keyword";
  return q.set;
}

double objective(const std::vector<EvalQuery>& qs, const std::vector<int>& ranks, const std::vector<size_t>& which) {
  std::map<std::string, Tally> by_class;
  for (size_t i : which) by_class[class_of(qs[i])].add(ranks[i]);
  double sum = 0;
  int classes = 0;
  for (const auto& [name, t] : by_class) {
    sum += t.recall5() + t.mrr();
    if (name == "own keyword" && t.recall5() < 0.95) sum -= 5 * (0.95 - t.recall5());
    ++classes;
  }
  return classes ? sum / classes : sum;
}

Ranking fit(Searcher& searcher, const std::vector<EvalQuery>& qs, const std::vector<size_t>& train, Ranking start,
            double min_gain, bool verbose) {
  std::vector<int> ranks(qs.size(), 0);
  auto score = [&](const Ranking& r) {
    searcher.set_ranking(r);
    for (size_t i : train) ranks[i] = rank_of(searcher, qs[i]);
    return objective(qs, ranks, train);
  };
  Ranking best = start;
  double best_score = score(best);
  // Each weight in turn, by factors; a step is kept only if it gains at least min_gain. Rounds
  // shrink the steps.
  const std::vector<std::vector<double>> steps = {{0, 0.5, 2}, {0.75, 1.33}};
  for (const auto& factors : steps) {
    bool moved = true;
    for (int round = 0; round < 2 && moved; ++round) {
      moved = false;
      for (size_t k = 0; k < knobs(best).size(); ++k) {
        for (double f : factors) {
          Ranking trial = best;
          double* p = knobs(trial)[k];
          const double old = *p;
          *p = old == 0 ? (f > 1 ? 0.25 : 0) : old * f;
          if (&trial.b == p) *p = std::min(*p, 1.0);
          if (&trial.k1 == p) *p = std::max(*p, 0.2);
          if (*p == old) continue;
          const double s = score(trial);
          if (s > best_score + min_gain) {
            best_score = s;
            best = trial;
            moved = true;
          }
        }
      }
      if (verbose) std::cerr << "  fit: " << best_score << "  " << best.describe() << "\n";
    }
  }
  searcher.set_ranking(best);
  return best;
}

}  // namespace search_eval

// The figures a benchmark prints for a set of timings: median, 99th percentile, worst.
#pragma once
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <vector>

namespace kioskctl {

struct Spread {
  size_t n = 0;
  double p50 = 0, p99 = 0, max = 0;
};

inline Spread spread(std::vector<double> ms) {
  if (ms.empty()) return {};
  std::sort(ms.begin(), ms.end());
  return {ms.size(), ms[ms.size() / 2], ms[std::min(ms.size() - 1, ms.size() * 99 / 100)], ms.back()};
}

inline double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace kioskctl

// Test support: run a project binary and capture what it prints.
#pragma once
#include <string>
#include <vector>

namespace kiosk::test {

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs KIOSK_BIN_DIR/<program> with args (no shell), capturing stdout and stderr.
RunResult run_tool(const std::string& program, const std::vector<std::string>& args);
// Runs any program, found through PATH when the name has no slash (pdftotext, cupsdisable).
RunResult run_program(const std::string& program, const std::vector<std::string>& args);

}  // namespace kiosk::test

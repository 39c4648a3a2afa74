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

namespace kiosk::test {

// A project binary running in the background for the length of a test (a stand-in server):
// started with --ready-file, waited for, killed on destruction.
class BackgroundTool {
 public:
  BackgroundTool(const std::string& program, std::vector<std::string> args, const std::string& ready_file);
  ~BackgroundTool();
  BackgroundTool(const BackgroundTool&) = delete;
  BackgroundTool& operator=(const BackgroundTool&) = delete;
  // "key=value" lines of the ready file.
  std::string ready(const std::string& key) const;

 private:
  int pid_ = -1;
  std::string ready_file_;
};

}  // namespace kiosk::test

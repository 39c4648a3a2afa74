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

// For the crash tests: KIOSK_BIN_DIR/<program> started in the background (its standard output to
// `out_file`, its errors discarded), to be killed at a random moment, then waited for.
int spawn_tool(const std::string& program, const std::vector<std::string>& args, const std::string& out_file = "/dev/null");
// The exit code, or -1 when a signal ended it (killed before it finished).
int wait_exit(int pid);

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

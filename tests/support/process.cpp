#include "process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <stdexcept>

#include "common/files.hpp"

namespace kiosk::test {

RunResult run_tool(const std::string& program, const std::vector<std::string>& args) {
  return run_program(std::string(KIOSK_BIN_DIR) + "/" + program, args);
}

RunResult run_program(const std::string& program, const std::vector<std::string>& args) {
  files::TempDir tmp;
  const auto out_path = tmp.path() / "out", err_path = tmp.path() / "err";
  std::string exe = program;
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    int o = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int e = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(o, 1);
    dup2(e, 2);
    std::vector<char*> argv;
    argv.push_back(exe.data());
    std::vector<std::string> copy = args;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    execvp(exe.c_str(), argv.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  RunResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  r.out = files::read_file(out_path);
  r.err = files::read_file(err_path);
  return r;
}

int spawn_tool(const std::string& program, const std::vector<std::string>& args, const std::string& out_file) {
  std::string exe = std::string(KIOSK_BIN_DIR) + "/" + program;
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    if (!std::freopen(out_file.c_str(), "w", stdout) || !std::freopen("/dev/null", "w", stderr)) _exit(126);
    std::vector<char*> argv{exe.data()};
    std::vector<std::string> copy = args;
    for (auto& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(exe.c_str(), argv.data());
    _exit(127);
  }
  return pid;
}

int wait_exit(int pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace kiosk::test

namespace kiosk::test {

BackgroundTool::BackgroundTool(const std::string& program, std::vector<std::string> args, const std::string& ready_file)
    : ready_file_(ready_file) {
  std::filesystem::remove(ready_file);
  std::string exe = std::string(KIOSK_BIN_DIR) + "/" + program;
  args.push_back("--ready-file");
  args.push_back(ready_file);
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    // Dies with the test, even when the test aborts (a sanitizer report): an orphan would hold
    // ctest's output pipe open and hang the whole run.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    int devnull = ::open("/dev/null", O_WRONLY);
    dup2(devnull, 1);
    dup2(devnull, 2);
    std::vector<char*> argv;
    argv.push_back(exe.data());
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(exe.c_str(), argv.data());
    _exit(127);
  }
  // The file exists as soon as the tool opens it, before its ports are written: wait for a whole
  // last line (a test once read an empty port and sent its requests to port 80).
  auto written = [&] {
    std::error_code ec;
    if (!std::filesystem::exists(ready_file, ec)) return false;
    const std::string body = files::read_file(ready_file);
    return !body.empty() && body.back() == '\n';
  };
  for (int i = 0; i < 200 && !written(); ++i) usleep(20000);
  if (!written()) throw std::runtime_error(program + " did not start");
}

BackgroundTool::~BackgroundTool() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
  }
}

std::string BackgroundTool::ready(const std::string& key) const {
  const std::string body = files::read_file(ready_file_);
  const std::string tag = key + "=";
  const auto at = body.find(tag);
  if (at == std::string::npos) return {};
  return body.substr(at + tag.size(), body.find('\n', at) - at - tag.size());
}

}  // namespace kiosk::test

#include "process.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

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

}  // namespace kiosk::test

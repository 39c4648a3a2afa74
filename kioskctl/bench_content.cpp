// `kioskctl bench content`: build, verify and install a synthetic 10,000-procedure pack.
// Each phase runs in a child process so its peak memory is its own.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <sstream>

#include "commands.hpp"
#include "common/files.hpp"
#include "content/pack.hpp"
#include "content/pack_content.hpp"
#include "content/store.hpp"
#include "content/synthetic.hpp"

namespace kioskctl {

namespace fs = std::filesystem;
using namespace kiosk::content;
using nlohmann::json;

namespace {

struct Phase {
  double seconds = 0;
  double peak_mb = 0;
};

template <typename F>
Phase run_in_child(F work) {
  auto start = std::chrono::steady_clock::now();
  pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    int code = 0;
    try {
      work();
    } catch (const std::exception& e) {
      std::fprintf(stderr, "bench phase failed: %s\n", e.what());
      code = 1;
    }
    std::fflush(nullptr);
    _exit(code);
  }
  int status = 0;
  rusage ru{};
  if (wait4(pid, &status, 0, &ru) < 0) throw std::runtime_error("wait failed");
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) throw std::runtime_error("a benchmark phase failed");
  Phase p;
  p.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  p.peak_mb = static_cast<double>(ru.ru_maxrss) / 1024.0;
  return p;
}

}  // namespace

void register_bench_commands(CLI::App& app, Action& action) {
  auto* bench = app.add_subcommand("bench", "Benchmarks that print figures");
  bench->require_subcommand(1);
  bench->fallthrough();
  register_search_bench(*bench, action);
  register_scan_bench(*bench, action);
  register_print_bench(*bench, action);
  register_speech_bench(*bench, action);
  register_payment_bench(*bench, action);
  register_queue_bench(*bench, action);
  register_display_bench(*bench, action);
  register_slips_bench(*bench, action);
  register_fleet_bench(*bench, action);
  auto* cmd = bench->add_subcommand("content", "Build, verify and install a synthetic pack");
  auto count = std::make_shared<int>(10000);
  cmd->add_option("--procedures", *count, "Procedures in the synthetic pack");
  cmd->callback([&action, count] {
    action = [count] {
      kiosk::files::TempDir work;
      const fs::path src = work.path() / "src", pack = work.path() / "bench.kpack", store = work.path() / "store";
      write_synthetic_source(src, *count);
      auto kp = generate_keypair();
      Phase build = run_in_child([&] { build_pack(src, pack, kp.secret); });
      Phase verify = run_in_child([&] {
        kiosk::files::TempDir tmp(work.path(), "verify-");
        verify_and_extract(pack, {kp.pub}, tmp.path());
        load_pack_content(tmp.path());
      });
      Phase install = run_in_child([&] { ContentStore(store).install(pack, {kp.pub}); });
      const double pack_mb = static_cast<double>(fs::file_size(pack)) / (1024.0 * 1024.0);
      std::ostringstream t;
      t.setf(std::ios::fixed);
      t.precision(3);
      t << "content pack benchmark: " << *count << " procedures, pack " << pack_mb << " MB\n"
        << "  build+sign: " << build.seconds << " s, peak " << build.peak_mb << " MB\n"
        << "  verify:     " << verify.seconds << " s, peak " << verify.peak_mb << " MB\n"
        << "  install:    " << install.seconds << " s, peak " << install.peak_mb << " MB (target <= 3 s, <= 200 MB)\n";
      json j = {{"procedures", *count},
                {"pack_mb", pack_mb},
                {"build", {{"seconds", build.seconds}, {"peak_mb", build.peak_mb}}},
                {"verify", {{"seconds", verify.seconds}, {"peak_mb", verify.peak_mb}}},
                {"install", {{"seconds", install.seconds}, {"peak_mb", install.peak_mb}}}};
      return Output{t.str(), j};
    };
  });
}

}  // namespace kioskctl

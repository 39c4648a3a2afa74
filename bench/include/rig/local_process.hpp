// Programs the rig runs: openssl to make certificates, servers in the background.
#pragma once
#include <string>
#include <vector>

namespace kiosk::rig {

// Runs a program (found through PATH) and waits; throws with what it wrote to stderr on failure.
void run_checked(const std::string& program, const std::vector<std::string>& args);
// Starts a program in the background, its output appended to `log_file`; returns its pid.
int spawn(const std::string& program, const std::vector<std::string>& args, const std::string& log_file);
// SIGTERM, then SIGKILL if it lingers past `grace_ms`; reaps it.
void terminate(int pid, int grace_ms = 3000);

int free_port();  // on 127.0.0.1
bool listening(int port);
bool wait_listening(int port, int timeout_ms);

// The resident memory (MB) and CPU time (s) of a process, from /proc.
double rss_mb(int pid);
double cpu_seconds(int pid);

}  // namespace kiosk::rig

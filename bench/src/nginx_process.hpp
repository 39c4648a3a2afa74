// nginx as the rig runs it: in the foreground, everything (logs, temp files, pid) inside one
// directory, listening on 127.0.0.1 only. Shared by the rig's HTTPS and hostile servers.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace kiosk::rig {

// The configuration's head, up to and including "http {" and the access log
// (`dir`/logs/access.log); the caller adds its server blocks and the closing brace.
std::string nginx_config_head(const std::filesystem::path& dir);
// Writes `dir`/nginx.conf and starts nginx on it; returns its pid once every port listens.
// Throws (pointing at the error log) when it does not start.
int start_nginx(const std::filesystem::path& dir, const std::string& config, const std::vector<int>& ports);

}  // namespace kiosk::rig

// The outcome of the kiosk's last pass over its content channel, kept beside the channel's state
// (STORE/channel/last-pass.json) so the staff's health report, `kioskctl health` and the fleet's
// health report say what became of the last update, whichever process asks.
#pragma once
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace kiosk::app {

struct UpdateRecord {
  std::string outcome;  // content::kind_name(...), or "failed"
  std::string version;  // the channel's version, when known
  std::string detail;   // for IT: what failed
  int64_t at = 0;       // Unix time of the pass
};

void write_update_record(const std::filesystem::path& store, const UpdateRecord& r);
std::optional<UpdateRecord> read_update_record(const std::filesystem::path& store);
// One line for staff, in Vietnamese: "Cập nhật qua kênh lúc 10:15 30/11: đã cài bản 2.0.0".
std::string update_record_text(const UpdateRecord& r);

}  // namespace kiosk::app

#include "model/update_record.hpp"

#include <ctime>
#include <nlohmann/json.hpp>

#include "common/files.hpp"
#include "common/text.hpp"

namespace kiosk::app {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

fs::path record_file(const fs::path& store) { return store / "channel" / "last-pass.json"; }

}  // namespace

void write_update_record(const fs::path& store, const UpdateRecord& r) {
  fs::create_directories(store / "channel");
  files::write_file_durable(record_file(store),
                            json{{"outcome", r.outcome}, {"version", r.version}, {"detail", r.detail}, {"at", r.at}}.dump(-1, ' ', false, json::error_handler_t::replace) + "\n",
                            0644);
}

std::optional<UpdateRecord> read_update_record(const fs::path& store) {
  std::error_code ec;
  if (!fs::exists(record_file(store), ec)) return std::nullopt;
  const json j = json::parse(files::read_file(record_file(store)), nullptr, false);
  if (!j.is_object()) return std::nullopt;
  UpdateRecord r;
  r.outcome = j.value("outcome", "");
  r.version = j.value("version", "");
  r.detail = j.value("detail", "");
  r.at = j.value("at", int64_t{0});
  return r;
}

std::string update_record_text(const UpdateRecord& r) {
  std::tm tm{};
  const std::time_t t = static_cast<std::time_t>(r.at);
  localtime_r(&t, &tm);
  char when[32];
  std::strftime(when, sizeof when, "%H:%M %d/%m", &tm);
  std::string what;
  if (r.outcome == "installed") what = "đã cài bản " + r.version;
  else if (r.outcome == "unchanged" || r.outcome == "up-to-date") what = "không có bản mới";
  else if (r.outcome == "not-in-rollout") what = "bản " + r.version + " chưa đến lượt kiosk này";
  else if (r.outcome == "pinned") what = "giữ bản đã ghim, không cài " + r.version;
  else if (r.outcome == "too-new-for-kiosk") what = "bản " + r.version + " cần phần mềm kiosk mới hơn";
  else if (r.outcome == "rolled-back") what = "bản " + r.version + " không chạy được, đã quay lại bản trước";
  else what = "lỗi: " + text::shorten(text::printable(r.detail), 120);
  return "Cập nhật qua kênh lúc " + std::string(when) + ": " + what;
}

}  // namespace kiosk::app

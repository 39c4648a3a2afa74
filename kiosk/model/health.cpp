#include "model/health.hpp"

#include <ifaddrs.h>
#include <net/if.h>
#include <sys/statvfs.h>
#include <sys/timex.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <filesystem>

#include "common/http.hpp"
#include "common/sqlite.hpp"
#include "common/text.hpp"
#include "content/store.hpp"
#include "model/kind_texts.hpp"
#include "model/problem_log.hpp"
#include "model/update_record.hpp"
#include "outbox/outbox.hpp"
#include "printing/cups_printer.hpp"

namespace kiosk::app {

namespace fs = std::filesystem;
using Level = HealthCheck::Level;

namespace {

HealthCheck check_app() { return {"app", "Phần mềm kiosk", Level::Ok, std::string("phiên bản ") + KIOSK_VERSION}; }

// "2026-11-26T08:00:00Z" -> days before `now`; -1 when it cannot be read.
long days_since(const std::string& iso, std::chrono::system_clock::time_point now) {
  std::tm tm{};
  if (std::sscanf(iso.c_str(), "%d-%d-%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3) return -1;
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  const std::time_t t = timegm(&tm);
  return static_cast<long>((std::chrono::system_clock::to_time_t(now) - t) / 86400);
}

HealthCheck check_content(const KioskConfig& c, std::chrono::system_clock::time_point now) {
  HealthCheck h{"content", "Nội dung thủ tục", Level::Ok, ""};
  try {
    const auto pack = content::ContentStore(c.store).current();
    if (!pack) return {h.id, h.label, Level::Fail, "chưa cài gói nội dung nào (kioskctl content install)"};
    const long age = days_since(pack->manifest.created, now);
    h.detail = pack->manifest.pack_id + " " + pack->manifest.version + ", tạo ngày " + pack->manifest.created.substr(0, 10);
    if (age >= 0) h.detail += " (" + std::to_string(age) + " ngày trước)";
    // Fees and papers change with new decrees: a pack half a year old is likely out of date.
    if (age > 180) h.level = Level::Warn;
    if (const auto last = read_update_record(c.store)) {
      h.lines.push_back(update_record_text(*last));
      if (last->outcome == "rolled-back") h.level = Level::Warn;
    }
  } catch (const std::exception& e) {
    return {h.id, h.label, Level::Fail, std::string("không đọc được kho nội dung: ") + e.what()};
  }
  return h;
}

HealthCheck check_printer(const KioskConfig& c) {
  HealthCheck h{"printer", "Máy in", Level::Ok, ""};
  if (!c.printing) return {h.id, h.label, Level::Off, "kiosk không có máy in (printer = none)"};
  const auto st = printing::CupsPrinter(c.printer, 3000, c.cups_server).status();
  const auto problem = printing::main_problem(st);
  const std::string name = st.name.empty() ? (c.printer.empty() ? "(mặc định)" : c.printer) : st.name;
  if (problem == printing::PrinterProblem::None) {
    h.detail = name + ": sẵn sàng";
    if (!st.reasons.empty() && st.reasons.front() != "none") h.detail += " (" + st.reasons.front() + ")";
    return h;
  }
  const bool paper = problem == printing::PrinterProblem::MediaEmpty;
  return {h.id, h.label, paper ? Level::Warn : Level::Fail,
          name + ": " + printer_problem_words(problem, Language::Vi) + " (" + printing::problem_id(problem) + ")"};
}

HealthCheck check_backend(const KioskConfig& c) {
  HealthCheck h{"backend", "Hệ thống một cửa", Level::Ok, ""};
  if (c.backend_url.empty()) return {h.id, h.label, Level::Off, "chưa cấu hình (backend_url)"};
  http::Options o;
  o.policy.allow_http_loopback = c.backend_allow_http;
  o.ca_bundle = c.backend_ca_bundle;  // a province's private CA, as for lookups
  o.connect_timeout = std::chrono::milliseconds(2000);
  o.total_timeout = std::chrono::milliseconds(3000);
  o.max_bytes = 64 * 1024;
  const auto t0 = std::chrono::steady_clock::now();
  try {
    http::check_url(c.backend_url, http::Policy{c.backend_allow_http});
    const auto r = http::perform({"GET", c.backend_url, {}, {}}, o);
    const long ms = static_cast<long>(
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count());
    if (const auto* e = std::get_if<http::Error>(&r))
      return {h.id, h.label, Level::Fail, std::string("không kết nối được (") + http::kind_name(e->kind) + ")"};
    // Any answer means the server is there; the address itself may have no page.
    const auto& resp = std::get<http::Response>(r);
    h.detail = "trả lời sau " + std::to_string(ms) + " ms (HTTP " + std::to_string(resp.status) + ")";
    if (resp.status >= 500 || ms > 2000) h.level = Level::Warn;
  } catch (const std::exception& e) {
    return {h.id, h.label, Level::Fail, std::string("địa chỉ không dùng được: ") + e.what()};
  }
  return h;
}

HealthCheck check_network() {
  HealthCheck h{"network", "Mạng", Level::Fail, "không có kết nối mạng nào đang hoạt động"};
  ifaddrs* list = nullptr;
  if (getifaddrs(&list) != 0) return h;
  std::vector<std::string> up;
  for (ifaddrs* i = list; i; i = i->ifa_next) {
    if (!i->ifa_addr || (i->ifa_flags & IFF_LOOPBACK) || !(i->ifa_flags & IFF_UP) || !(i->ifa_flags & IFF_RUNNING)) continue;
    if (i->ifa_addr->sa_family != AF_INET && i->ifa_addr->sa_family != AF_INET6) continue;
    if (std::find(up.begin(), up.end(), i->ifa_name) == up.end()) up.emplace_back(i->ifa_name);
  }
  freeifaddrs(list);
  if (up.empty()) return h;
  h.level = Level::Ok;
  h.detail.clear();
  for (const auto& n : up) h.detail += (h.detail.empty() ? "" : ", ") + n;
  h.detail = "đang hoạt động: " + h.detail;
  return h;
}

HealthCheck check_devices() {
  HealthCheck h{"devices", "Máy quét, camera", Level::Ok, ""};
  int cameras = 0, serial = 0;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator("/dev", ec)) {
    const std::string n = e.path().filename().string();
    if (n.rfind("video", 0) == 0) ++cameras;
    if (n.rfind("ttyACM", 0) == 0 || n.rfind("ttyUSB", 0) == 0) ++serial;
  }
  h.detail = std::to_string(cameras) + " camera, " + std::to_string(serial) + " máy quét nối tiếp";
  // A keyboard-wedge scanner is a keyboard: it cannot be told apart here.
  if (cameras == 0 && serial == 0) {
    h.level = Level::Warn;
    h.detail += " (máy quét kiểu bàn phím không thấy được ở đây)";
  }
  return h;
}

HealthCheck check_disk(const KioskConfig& c) {
  HealthCheck h{"disk", "Ổ đĩa", Level::Ok, ""};
  fs::path dir = c.state_db.parent_path();
  std::error_code ec;
  while (!dir.empty() && !fs::exists(dir, ec)) dir = dir.parent_path();
  struct statvfs v{};
  if (dir.empty() || statvfs(dir.c_str(), &v) != 0) return {h.id, h.label, Level::Fail, "không đọc được dung lượng trống"};
  const double free_mb = static_cast<double>(v.f_bavail) * static_cast<double>(v.f_frsize) / (1024.0 * 1024.0);
  char buf[96];
  std::snprintf(buf, sizeof buf, "còn trống %.1f GB", free_mb / 1024.0);
  h.detail = buf;
  // Print files, the journal and content packs need room; below 100 MB installs and prints fail.
  if (free_mb < 100) h.level = Level::Fail;
  else if (free_mb < 1024) h.level = Level::Warn;
  return h;
}

HealthCheck check_clock() {
  timex tx{};
  const int state = adjtimex(&tx);
  // Payments (QR expiry), TLS certificates and appointment dates all depend on the time.
  if (state == TIME_ERROR || (tx.status & STA_UNSYNC))
    return {"clock", "Đồng hồ", Level::Warn, "chưa đồng bộ giờ qua mạng (NTP)"};
  return {"clock", "Đồng hồ", Level::Ok, "đã đồng bộ"};
}

HealthCheck check_outbox(const KioskConfig& c) {
  HealthCheck h{"outbox", "Dữ liệu chờ gửi", Level::Ok, ""};
  std::error_code ec;
  if (!fs::exists(c.state_db, ec)) return {h.id, h.label, Level::Ok, "chưa có dữ liệu"};
  try {
    db::Db db(c.state_db.string(), db::Mode::ReadOnly);
    outbox::Outbox box(db);
    const size_t pending = box.pending().size(), rejected = box.rejected().size();
    h.detail = std::to_string(pending) + " chờ gửi, " + std::to_string(rejected) + " bị từ chối";
    if (rejected > 0 || pending > 100) h.level = Level::Warn;
  } catch (const std::exception&) {
    h.detail = "chưa có dữ liệu";
  }
  return h;
}

// Payments the kiosk still follows, and those staff must look at: paid late or a wrong amount,
// or paid but still unknown to the backend ten minutes on (reported within seconds normally).
HealthCheck check_payments(const KioskConfig& c, std::chrono::system_clock::time_point now) {
  HealthCheck h{"payments", "Thanh toán", Level::Ok, "chưa có giao dịch"};
  if (!c.backend_url.empty() && c.payment_gateway != "none" && !c.kiosk_number) {
    // Receipts need the kiosk's number in the fleet: payment stays off until IT sets it.
    h.level = Level::Warn;
    h.detail = "thu phí đang tắt: chưa đặt kiosk_number trong kiosk.conf";
  }
  std::error_code ec;
  if (!fs::exists(c.state_db, ec)) return h;
  try {
    db::Db db(c.state_db.string(), db::Mode::ReadOnly);
    const int64_t t = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
    auto s = db.prepare(
        "SELECT count(*) FILTER (WHERE state IN ('created','requested','underpaid')), "
        "count(*) FILTER (WHERE (state='paid' AND (late=1 OR amount_paid<>amount OR (reported=0 AND paid_at<?1))) "
        "OR state='underpaid' OR anomaly IS NOT NULL OR (late=1 AND amount_paid>0)), "
        "count(*) FILTER (WHERE state='paid' AND paid_at>=?2) FROM payments");
    s.bind(1, t - 600).bind(2, t - 86400);
    s.step();
    const int64_t open = s.int64(0), exceptions = s.int64(1), today = s.int64(2);
    const std::string figures = std::to_string(today) + " đã thanh toán trong 24 giờ qua, " + std::to_string(open) + " đang chờ, " +
                                std::to_string(exceptions) + " cần cán bộ xem";
    h.detail = h.level == Level::Ok ? figures : h.detail + "; " + figures;
    if (exceptions > 0) {
      h.level = Level::Warn;
      h.detail += " (kioskctl payment exceptions)";
    }
  } catch (const db::Error&) {
    // No payment journal yet (payments not configured, or an older database).
  }
  return h;
}

// The latest warnings and errors the kiosk logged (a day back), newest first.
HealthCheck check_problems(const KioskConfig& c, std::chrono::system_clock::time_point now) {
  HealthCheck h{"problems", "Lỗi gần đây", Level::Ok, "không có lỗi nào trong 24 giờ qua"};
  const int64_t t = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  const auto recent = recent_problems(c.state_db, t - 86400, 50);
  if (recent.empty()) return h;
  int errors = 0, warnings = 0;
  for (const auto& p : recent) (p.error ? errors : warnings) += p.repeats;
  h.detail = std::to_string(errors) + " lỗi, " + std::to_string(warnings) + " cảnh báo trong 24 giờ qua";
  if (errors > 0) h.level = Level::Warn;
  for (size_t i = 0; i < recent.size() && i < 3; ++i) {
    const auto& p = recent[i];
    std::tm tm{};
    const std::time_t at = static_cast<std::time_t>(p.last_at);
    localtime_r(&at, &tm);
    char when[32];
    std::strftime(when, sizeof when, "%d/%m %H:%M", &tm);
    std::string line = std::string(when) + " " + p.component + ": " + p.message;
    line = text::shorten(line, 160);
    if (p.repeats > 1) line += " (" + std::to_string(p.repeats) + " lần)";
    h.lines.push_back(std::move(line));
  }
  return h;
}

}  // namespace

const char* level_name(HealthCheck::Level l) {
  switch (l) {
    case Level::Ok: return "ok";
    case Level::Warn: return "warn";
    case Level::Fail: return "fail";
    case Level::Off: return "off";
  }
  return "?";
}

std::vector<HealthCheck> check_health(const KioskConfig& c, std::chrono::system_clock::time_point now) {
  return {check_app(),     check_content(c, now), check_printer(c), check_backend(c),
          check_network(), check_devices(),       check_disk(c),    check_clock(),
          check_outbox(c),  check_payments(c, now), check_problems(c, now)};
}

}  // namespace kiosk::app

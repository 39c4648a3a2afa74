#include <algorithm>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "common/files.hpp"
#include "common/text.hpp"
#include "content/document_classes.hpp"
#include "content/national_import.hpp"
#include "content/pack.hpp"

namespace kiosk::content {

using nlohmann::json;
namespace fs = std::filesystem;

namespace {

constexpr std::string_view kNoInfo = "Không có thông tin";

std::string str(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return {};
  std::string v = text::trim(text::to_nfc(it->get<std::string>()));
  return v == kNoInfo ? std::string() : v;
}

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  for (const auto& part : text::split(s, ',')) {
    auto t = text::trim(part);
    if (!t.empty()) out.push_back(t);
  }
  return out;
}

// "Cấp Bộ" and "Cấp bộ" are one level.
std::string normalise_level(std::string level) {
  if (level == "Cấp Bộ") return "Cấp bộ";
  if (level == "Cấp Tỉnh") return "Cấp tỉnh";
  if (level == "Cấp Xã") return "Cấp xã";
  return level;
}

// The result text carries portal UI residue after "Mã: KQ..."; cut it there.
std::string clean_result(std::string r) {
  for (std::string_view cut : {"Mã: KQ", "Từ khóa", "Chọn cơ quan thực hiện"}) {
    auto pos = r.find(cut);
    if (pos != std::string::npos) r = r.substr(0, pos);
  }
  return text::squash_spaces(r);
}

void tally(const Procedure& p, ImportReport& r) {
  r.channels_parsed += static_cast<int>(p.channels.size());
  for (const auto& c : p.channels)
    for (const auto& f : c.fees) {
      if (f.kind == Fee::Kind::Fixed) ++r.fees_fixed;
      if (f.kind == Fee::Kind::Free) ++r.fees_free;
      if (f.kind == Fee::Kind::Text) ++r.fees_text;
    }
  if (p.channels.empty() && !p.raw_fees.empty()) ++r.fee_tables_raw;
  r.documents_parsed += static_cast<int>(p.documents.size());
  if (p.documents.empty() && !p.raw_documents.empty()) ++r.document_tables_raw;
  count_classes(p, r.classes);
  r.forms += static_cast<int>(p.forms.size());
  r.legal_parsed += static_cast<int>(p.legal_basis.size());
}

Procedure from_national(const json& j, const std::map<std::string, std::string>& counters) {
  Procedure p;
  p.code = str(j, "ma_thu_tuc");
  p.name = text::squash_spaces(str(j, "ten_thu_tuc"));
  p.field = str(j, "linh_vuc");
  for (auto& l : split_list(str(j, "cap_thuc_hien"))) p.levels.push_back(normalise_level(l));
  std::string agency = str(j, "co_quan_thuc_hien");
  if (agency.empty()) agency = str(j, "co_quan_co_tham_quyen");
  if (!agency.empty()) p.agencies.push_back(text::squash_spaces(agency));
  if (auto it = counters.find(str(j, "source_ministry_folder")); it != counters.end()) p.counter = it->second;
  p.audience = str(j, "doi_tuong_thuc_hien");
  p.source_url = str(j, "detail_url");
  p.conditions = str(j, "yeu_cau_dieu_kien");
  p.result = clean_result(str(j, "ket_qua_xu_ly"));
  p.steps = national::parse_steps(str(j, "trinh_tu_thuc_hien"));

  const std::string fees = str(j, "cach_thuc_thuc_hien");
  p.channels = national::parse_channels(fees);
  if (p.channels.empty()) p.raw_fees = fees;

  const std::string docs = str(j, "thanh_phan_ho_so");
  auto parsed = national::parse_documents(docs);
  p.documents = std::move(parsed.documents);
  p.forms = std::move(parsed.forms);
  if (p.documents.empty()) p.raw_documents = docs;
  classify_documents(p);

  const std::string legal = str(j, "can_cu_phap_ly");
  p.legal_basis = national::parse_legal_basis(legal);
  // The legal table's columns run together, so the published text stays beside the parse.
  p.raw_legal_basis = legal;
  return p;
}

Procedure from_structured(const json& j) {
  Procedure p;
  const json& m = j.value("metadata", json::object());
  const json& c = j.value("content", json::object());
  const json& t = j.value("tables", json::object());
  p.code = str(m, "mã_thủ_tục");
  if (p.code.empty()) p.code = str(j, "thu_tuc_id");
  p.name = text::squash_spaces(str(m, "tên_thủ_tục"));
  p.field = str(m, "lĩnh_vực");
  for (auto& l : split_list(str(m, "cấp_thực_hiện"))) p.levels.push_back(normalise_level(l));
  std::string agency = str(c, "cơ_quan_thực_hiện");
  if (agency.empty()) agency = str(c, "cơ_quan_có_thẩm_quyền");
  if (!agency.empty()) p.agencies.push_back(agency);
  p.audience = str(c, "đối_tượng_thực_hiện");
  p.conditions = str(c, "yêu_cầu_điều_kiện_thực_hiện");
  p.result = str(c, "kết_quả_thực_hiện");
  // Steps here are one paragraph: split before each "Bước N:".
  std::string steps = str(c, "trình_tự_thực_hiện");
  for (size_t pos; (pos = steps.find(" Bước ")) != std::string::npos;) steps.replace(pos, 1, "\n");
  p.steps = national::parse_steps(steps);
  for (const auto& row : t.value("hinh_thuc_nop", json::array())) {
    Channel ch;
    ch.name = str(row, "hinh_thuc");
    if (ch.name.empty()) continue;
    ch.time = national::parse_time(str(row, "thoi_han_giai_quyet"));
    ch.fees = national::parse_fee(str(row, "phi_le_phi"));
    ch.note = text::squash_spaces(str(row, "mo_ta"));
    p.channels.push_back(std::move(ch));
  }
  for (const auto& row : t.value("thanh_phan_ho_so", json::array())) {
    Document d;
    d.name = text::squash_spaces(str(row, "ten_giay_to"));
    if (d.name.empty()) continue;
    // ghi_chu holds "Bản chính: 1\nBản sao: 0"; so_luong, despite its name, holds the form file.
    std::string note = str(row, "ghi_chu");
    std::vector<std::string> copies;
    for (const auto& line : text::split(note, '\n')) {
      auto l = text::trim(line);
      auto colon = l.find(':');
      if (colon == std::string::npos) continue;
      std::string kind = text::trim(l.substr(0, colon)), n = text::trim(l.substr(colon + 1));
      if (!n.empty() && n != "0") copies.push_back(n + " " + (kind == "Bản chính" ? "bản chính" : "bản sao"));
    }
    for (size_t i = 0; i < copies.size(); ++i) d.copies += (i ? ", " : "") + copies[i];
    std::string file = str(row, "so_luong");
    if (!file.empty() && file.find('.') != std::string::npos) national::attach_form(d, p.forms, file);
    p.documents.push_back(std::move(d));
  }
  classify_documents(p);
  for (const auto& row : t.value("can_cu_phap_ly", json::array())) {
    LegalBasis lb{text::squash_spaces(str(row, "trich_yeu")), str(row, "so_ky_hieu")};
    if (!lb.title.empty()) p.legal_basis.push_back(std::move(lb));
  }
  return p;
}

}  // namespace

ImportReport import_national(const ImportOptions& opts, const fs::path& out_dir) {
  ImportReport report;
  std::map<std::string, std::string> counters;
  if (opts.counters_json) {
    json c = json::parse(files::read_file(*opts.counters_json));
    for (auto it = c.begin(); it != c.end(); ++it)
      if (it.value().is_string()) counters[it.key()] = it.value().get<std::string>();
  }
  std::map<std::string, double> popularity;
  if (opts.popularity_jsonl) {
    std::ifstream in(*opts.popularity_jsonl);
    std::string line;
    while (std::getline(in, line)) {
      json j = json::parse(line, nullptr, false);
      if (j.is_object() && j.contains("code") && j.contains("weight") && j["weight"].is_number())
        popularity[j["code"].get<std::string>()] = j["weight"].get<double>();
    }
  }

  std::vector<Procedure> procs;
  std::map<std::string, size_t> seen;
  auto add = [&](Procedure p, const std::string& where) {
    if (p.code.empty() || p.name.empty()) {
      ++report.skipped;
      report.problems.push_back(where + ": no code or name");
      return false;
    }
    if (seen.count(p.code)) {
      ++report.skipped;
      report.problems.push_back(where + ": duplicate code " + p.code);
      return false;
    }
    if (auto it = popularity.find(p.code); it != popularity.end()) {
      p.popularity = it->second;
      ++report.with_popularity;
    }
    seen[p.code] = procs.size();
    tally(p, report);
    procs.push_back(std::move(p));
    return true;
  };

  std::ifstream in(opts.national_jsonl, std::ios::binary);
  if (!in) throw PackError("cannot read " + opts.national_jsonl.string());
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    const std::string where = opts.national_jsonl.filename().string() + ":" + std::to_string(line_no);
    if (text::trim(line).empty()) continue;
    if (!text::is_valid_utf8(line)) {
      ++report.skipped;
      report.problems.push_back(where + ": invalid UTF-8");
      continue;
    }
    json j = json::parse(line, nullptr, false);
    if (!j.is_object()) {
      ++report.skipped;
      report.problems.push_back(where + ": not a JSON object");
      continue;
    }
    if (add(from_national(j, counters), where)) ++report.from_national;
  }

  if (opts.structured_dir) {
    std::vector<fs::path> paths;
    for (const auto& e : fs::directory_iterator(*opts.structured_dir))
      if (e.path().extension() == ".json") paths.push_back(e.path());
    std::sort(paths.begin(), paths.end());
    for (const auto& path : paths) {
      json j = json::parse(files::read_file(path), nullptr, false);
      if (!j.is_object()) {
        ++report.skipped;
        report.problems.push_back(path.filename().string() + ": not a JSON object");
        continue;
      }
      if (add(from_structured(j), path.filename().string())) ++report.from_structured;
    }
  }

  fs::create_directories(out_dir);
  std::ofstream out(out_dir / "procedures.jsonl", std::ios::binary | std::ios::trunc);
  for (const auto& p : procs) out << procedure_to_json(p).dump() << '\n';
  out.close();
  if (!out) throw PackError("cannot write " + (out_dir / "procedures.jsonl").string());
  report.procedures = static_cast<int>(procs.size());
  return report;
}

}  // namespace kiosk::content

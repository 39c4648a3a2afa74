#include "content/synthetic.hpp"

#include <fstream>
#include <nlohmann/json.hpp>
#include <random>

#include "common/files.hpp"

namespace kiosk::content {

using nlohmann::json;

void write_synthetic_source(const std::filesystem::path& dir, int count, uint32_t seed, const std::string& version) {
  static const char* verbs[] = {"Cấp", "Cấp lại", "Cấp đổi", "Đăng ký", "Gia hạn", "Xác nhận", "Thay đổi", "Điều chỉnh"};
  static const char* objects[] = {"giấy phép lái xe", "giấy khai sinh", "kết hôn", "hộ kinh doanh", "thường trú",
                                  "tạm trú", "giấy chứng nhận quyền sử dụng đất", "căn cước", "hộ chiếu",
                                  "mã số thuế", "bảo hiểm xã hội", "giấy phép xây dựng", "doanh nghiệp tư nhân"};
  static const char* fields[] = {"Hộ tịch", "Đường bộ", "Đất đai", "Cư trú", "Thuế", "Xây dựng", "Bảo hiểm"};
  static const char* levels[] = {"Cấp tỉnh", "Cấp xã", "Cấp bộ"};
  std::mt19937 rng(seed);
  std::filesystem::create_directories(dir);
  json meta = {{"pack_id", "synthetic"},
               {"publisher", "Synthetic benchmark data"},
               {"version", version},
               {"min_kiosk_version", "0.1.0"},
               {"center", {{"name", "Trung tâm thử nghiệm (dữ liệu tổng hợp)"}, {"sample", true}}}};
  files::write_file_durable(dir / "pack.json", meta.dump(1));
  std::ofstream out(dir / "procedures.jsonl", std::ios::trunc);
  for (int i = 0; i < count; ++i) {
    std::string name = std::string(verbs[rng() % 8]) + " " + objects[rng() % 13] + " (trường hợp " +
                       std::to_string(i) + ")";
    json fees = json::array();
    if (rng() % 3 == 0)
      fees.push_back({{"kind", "free"}, {"text", "Miễn phí"}});
    else
      fees.push_back({{"kind", "fixed"}, {"amount_vnd", (1 + rng() % 50) * 10000}, {"text", "Lệ phí"}});
    json docs = json::array();
    for (int d = 0; d < 3; ++d)
      docs.push_back({{"name", "Giấy tờ số " + std::to_string(d + 1) + " của " + name}, {"copies", "1 bản chính"}});
    json p = {{"code", "9." + std::to_string(100000 + i)},
              {"name", name},
              {"field", fields[rng() % 7]},
              {"levels", {levels[rng() % 3]}},
              {"agencies", {"Sở thử nghiệm " + std::to_string(rng() % 20)}},
              {"popularity", rng() % 100000},
              {"channels", {{{"name", "Trực tiếp"}, {"time", {{"text", "5 Ngày làm việc"}, {"days", 5}, {"working_days", true}}}, {"fees", fees}}}},
              {"documents", docs},
              {"steps", {"Bước 1: Nộp hồ sơ tại Bộ phận một cửa.", "Bước 2: Nhận kết quả."}},
              {"result", "Kết quả của " + name}};
    out << p.dump() << '\n';
  }
}

}  // namespace kiosk::content

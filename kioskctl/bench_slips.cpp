// `kioskctl bench slips`: degraded slips (crooked, far, shaky, out of focus, dim, a finger on a
// corner, dark mode), decoded by the kiosk's pipeline, by one plain ZXing call, and by zbar
// (Debian's zbar-tools, when installed) on the same images.
#include <cstdio>
#include <map>
#include <memory>
#include <random>
#include <sstream>

#include "commands.hpp"
#include "common/files.hpp"
#include "common/text.hpp"
#include "dossier/degrade.hpp"
#include "dossier/qr_encode.hpp"

namespace kioskctl {

using nlohmann::json;
namespace dz = kiosk::dossier;

namespace {

struct PcloseFree {
  void operator()(FILE* f) const { pclose(f); }
};

// zbarimg on one file: what it read, or nothing.
std::string zbar(const std::filesystem::path& png) {
  const std::string cmd = "zbarimg -q --raw -Sdisable -Sqrcode.enable '" + png.string() + "' 2>/dev/null";
  std::unique_ptr<FILE, PcloseFree> p(popen(cmd.c_str(), "r"));
  if (!p) return {};
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p.get())) > 0) out.append(buf, n);
  return kiosk::text::trim(out);
}

}  // namespace

void register_slips_bench(CLI::App& bench, Action& action) {
  auto* cmd = bench.add_subcommand("slips", "Degraded slips: the kiosk's pipeline vs a plain ZXing call vs zbar");
  auto slips = std::make_shared<int>(8);
  auto out_dir = std::make_shared<std::string>();
  cmd->add_option("--slips", *slips, "How many different slips")->check(CLI::Range(1, 200));
  cmd->add_option("--out", *out_dir, "Keep the images here (default: a temporary directory)");
  cmd->callback([&action, slips, out_dir] {
    action = [=] {
      std::mt19937 rng(20261126);
      std::unique_ptr<kiosk::files::TempDir> tmp;
      std::filesystem::path dir = *out_dir;
      if (dir.empty()) {
        tmp = std::make_unique<kiosk::files::TempDir>();
        dir = tmp->path();
      }
      std::filesystem::create_directories(dir);
      const bool have_zbar = std::system("command -v zbarimg >/dev/null 2>&1") == 0;
      struct Row {
        int n = 0, plain = 0, pipeline = 0, zbar = 0;
      };
      std::map<std::string, Row> rows;
      std::vector<std::string> order;
      for (int i = 0; i < *slips; ++i) {
        char code[64];
        std::snprintf(code, sizeof code, "000.00.12.H%02d-2611%02d-%04d", 1 + i % 60, 1 + i % 28, 1 + i * 37 % 9999);
        const std::string payload = std::string("https://dichvucong.example.vn/portaldvc/tra-cuu?SGT=0010990") +
                                    std::to_string(10000 + i * 7919 % 89999) + "&MHS=" + code;
        for (auto& d : dz::degraded_frames(payload, rng)) {
          if (!rows.count(d.name)) order.push_back(d.name);
          Row& r = rows[d.name];
          ++r.n;
          r.plain += dz::decode_plain(d.image).text == payload;
          r.pipeline += dz::decode(d.image).text == payload;
          if (have_zbar) {
            const auto png = dir / (d.name + "-" + std::to_string(i) + ".png");
            dz::save_png(d.image, png);
            r.zbar += zbar(png) == payload;
          }
        }
      }
      std::ostringstream t;
      json j = json::array();
      Row total;
      t << "degradation            n  pipeline  zxing-plain  zbar\n";
      for (const auto& name : order) {
        const Row& r = rows[name];
        char line[160];
        std::snprintf(line, sizeof line, "%-20s %3d  %8d  %11d  %4s\n", name.c_str(), r.n, r.pipeline, r.plain,
                      have_zbar ? std::to_string(r.zbar).c_str() : "-");
        t << line;
        j.push_back({{"degradation", name}, {"n", r.n}, {"pipeline", r.pipeline}, {"zxing_plain", r.plain},
                     {"zbar", have_zbar ? json(r.zbar) : json()}});
        total.n += r.n;
        total.pipeline += r.pipeline;
        total.plain += r.plain;
        total.zbar += r.zbar;
      }
      char line[160];
      std::snprintf(line, sizeof line, "%-20s %3d  %8d  %11d  %4s\n", "total", total.n, total.pipeline, total.plain,
                    have_zbar ? std::to_string(total.zbar).c_str() : "-");
      t << line;
      return Output{t.str(), {{"rows", j},
                              {"total", {{"n", total.n}, {"pipeline", total.pipeline}, {"zxing_plain", total.plain},
                                         {"zbar", have_zbar ? json(total.zbar) : json()}}}}};
    };
  });
}

}  // namespace kioskctl

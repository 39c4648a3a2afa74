// `kioskctl content lint`: the procedures whose documents table the importer could only guess at,
// for the staff who prepare packs to check against the published text before a pack goes out.
#include <sstream>

#include "commands.hpp"
#include "common/text.hpp"
#include "content/catalog.hpp"
#include "content/document_classes.hpp"
#include "content/store.hpp"

namespace kioskctl {

using nlohmann::json;
using namespace kiosk::content;

namespace {

// Why a procedure is listed, in the words a staff member acts on.
std::vector<std::string> findings(const Procedure& p) {
  std::vector<std::string> out;
  for (size_t i = 0; i < p.documents.size(); ++i) {
    const Document& d = p.documents[i];
    if (d.sure) continue;
    std::string what = d.kind == Document::Kind::Paper ? "giấy tờ? (không ghi số bản)" : "lưu ý?";
    if (d.kind == Document::Kind::Paper && (d.originals || d.copies_n)) what = "giấy tờ? (trong phần lưu ý)";
    out.push_back("dòng " + std::to_string(i + 1) + ": " + what + " — " + kiosk::text::shorten(kiosk::text::printable(d.name), 120));
  }
  const bool papers = std::any_of(p.documents.begin(), p.documents.end(),
                                  [](const Document& d) { return d.kind == Document::Kind::Paper; });
  if (!p.documents.empty() && !papers) out.push_back("không có giấy tờ nào cần mang: mọi dòng đều là lưu ý");
  if (p.documents.empty() && !p.raw_documents.empty()) out.push_back("bảng thành phần hồ sơ không tách được dòng");
  return out;
}

}  // namespace

void register_content_lint(CLI::App& content, Action& action) {
  auto* cmd = content.add_subcommand("lint", "Procedures whose documents could not be classified with confidence, or that map to no queue service");
  auto store = std::make_shared<std::string>();
  cmd->add_option("--store", *store, "Content store directory")->required();
  cmd->callback([&action, store] {
    action = [=] {
      Catalog cat(ContentStore(*store).current_catalog());
      const QueueMap queue = cat.queue_map();
      json list = json::array(), unmapped = json::array();
      std::ostringstream text;
      int procedures = 0;
      cat.for_each_procedure([&](const Procedure& p) {
        ++procedures;
        if (!queue.empty() && !queue.service_for(p)) unmapped.push_back({{"code", p.code}, {"name", p.name}, {"counter", p.counter}});
        auto f = findings(p);
        if (f.empty()) return;
        list.push_back({{"code", p.code}, {"name", p.name}, {"popularity", p.popularity}, {"findings", f}});
        text << p.code << "  " << p.name << "\n";
        for (const auto& line : f) text << "    " << line << "\n";
      });
      text << list.size() << " of " << procedures << " procedures need a look (most used first)\n";
      if (queue.empty()) {
        text << "the pack maps no procedure to a queue service (no queue.json): the kiosk offers no queue numbers\n";
      } else {
        for (const auto& u : unmapped)
          text << "  no queue service: " << u["code"].get<std::string>() << "  " << kiosk::text::shorten(u["name"].get<std::string>(), 100) << "\n";
        text << unmapped.size() << " of " << procedures << " procedures have no queue service (queue.json maps none to them)\n";
      }
      return Output{text.str(), {{"procedures", procedures}, {"to_check", list}, {"no_queue_service", unmapped}, {"queue_map", !queue.empty()}}};
    };
  });
}

}  // namespace kioskctl

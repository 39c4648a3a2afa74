#include "content/pack_content.hpp"

#include <fstream>
#include <set>
#include <string_view>

#include "common/files.hpp"
#include "common/text.hpp"
#include "content/pack.hpp"
#include "pack_paths.hpp"

namespace kiosk::content {

using nlohmann::json;

namespace {

json parse_json_file(const std::filesystem::path& path, const std::string& name) {
  std::string body = files::read_file(path);
  if (!text::is_valid_utf8(body)) throw PackError(name + " is not valid UTF-8");
  json j = json::parse(body, nullptr, false);
  if (j.is_discarded()) throw PackError(name + " is not valid JSON");
  return j;
}

std::vector<Agency> parse_agencies(const json& j) {
  if (!j.is_array()) throw PackError("agencies.json must be an array");
  std::vector<Agency> out;
  for (const auto& a : j) {
    if (!a.is_object() || !a.contains("code") || !a["code"].is_string() || !a.contains("name") ||
        !a["name"].is_string())
      throw PackError("agencies.json: every agency needs a code and a name");
    Agency ag{a["code"].get<std::string>(), text::to_nfc(a["name"].get<std::string>()), {}};
    if (auto c = a.find("counters"); c != a.end() && c->is_array()) {
      for (const auto& cj : *c) {
        if (!cj.is_object() || !cj.contains("id") || !cj["id"].is_string())
          throw PackError("agencies.json: counter without id in " + ag.code);
        Counter counter{cj["id"].get<std::string>(), text::to_nfc(cj.value("name", "")), {}};
        if (auto f = cj.find("fields"); f != cj.end() && f->is_array())
          for (const auto& fv : *f)
            if (fv.is_string()) counter.fields.push_back(text::to_nfc(fv.get<std::string>()));
        ag.counters.push_back(std::move(counter));
      }
    }
    out.push_back(std::move(ag));
  }
  return out;
}

}  // namespace

PackContent load_pack_content(const std::filesystem::path& dir) {
  PackContent pc;
  if (!std::filesystem::exists(dir / "pack.json")) throw PackError("pack lacks pack.json");
  pc.meta = parse_json_file(dir / "pack.json", "pack.json");
  if (!pc.meta.is_object()) throw PackError("pack.json must be an object");
  for (const char* k : {"pack_id", "publisher", "version"}) {
    if (!pc.meta.contains(k) || !pc.meta[k].is_string() || pc.meta[k].get<std::string>().empty())
      throw PackError(std::string("pack.json lacks '") + k + "'");
  }
  if (!pc.meta.contains("center") || !pc.meta["center"].is_object() || !pc.meta["center"].contains("name"))
    throw PackError("pack.json lacks the center's identity (center.name)");

  if (std::filesystem::exists(dir / "agencies.json"))
    pc.agencies = parse_agencies(parse_json_file(dir / "agencies.json", "agencies.json"));

  if (std::filesystem::exists(dir / "synonyms.json")) {
    json s = parse_json_file(dir / "synonyms.json", "synonyms.json");
    if (!s.is_array()) throw PackError("synonyms.json must be an array of term groups");
    for (const auto& g : s) {
      if (!g.is_array()) throw PackError("synonyms.json: each group must be an array of strings");
      std::vector<std::string> group;
      for (const auto& t : g)
        if (t.is_string()) group.push_back(text::to_nfc(t.get<std::string>()));
      if (group.size() >= 2) pc.synonyms.push_back(std::move(group));
    }
  }

  if (std::filesystem::exists(dir / "rating.json")) {
    pc.rating = parse_rating_setup(files::read_file(dir / "rating.json"), pc.agencies);
    for (const auto& o : pc.rating.officers)
      if (!o.photo.empty() && !std::filesystem::is_regular_file(dir / o.photo))
        throw PackError("rating.json: officer " + o.id + "'s photo " + o.photo + " is not in the pack");
  }

  const auto procs_path = dir / "procedures.jsonl";
  if (!std::filesystem::exists(procs_path)) throw PackError("pack lacks procedures.jsonl");
  std::ifstream in(procs_path, std::ios::binary);
  std::string line;
  size_t line_no = 0;
  std::set<std::string> codes;
  while (std::getline(in, line)) {
    ++line_no;
    if (text::trim(line).empty()) continue;
    const std::string where = "procedures.jsonl line " + std::to_string(line_no);
    if (!text::is_valid_utf8(line)) throw PackError(where + ": invalid UTF-8");
    json j = json::parse(line, nullptr, false);
    if (j.is_discarded()) throw PackError(where + ": not valid JSON");
    Procedure p;
    try {
      p = procedure_from_json(j);
    } catch (const std::exception& e) {
      throw PackError(where + ": " + e.what());
    }
    if (!codes.insert(p.code).second) throw PackError(where + ": duplicate procedure code " + p.code);
    for (auto& f : p.forms) {
      if (!f.file) continue;
      // A form is a file of this pack: never an absolute path, "..", or anything outside it.
      if (auto why = detail::unsafe_path_reason(*f.file)) throw PackError(where + ": form file '" + *f.file + "': " + *why);
      if (!std::filesystem::is_regular_file(dir / *f.file))
        throw PackError(where + ": form file " + *f.file + " is not in the pack");
      // Printable is what the file is, not what the pack claims: only a PDF prints on the kiosk.
      std::ifstream ff(dir / *f.file, std::ios::binary);
      char magic[5] = {};
      ff.read(magic, sizeof magic);
      f.printable = ff.gcount() == 5 && std::string_view(magic, 5) == "%PDF-";
    }
    pc.procedures.push_back(std::move(p));
  }
  if (pc.procedures.empty()) throw PackError("procedures.jsonl holds no procedures");
  if (std::filesystem::exists(dir / "queue.json")) pc.queue = parse_queue_map(files::read_file(dir / "queue.json"), pc.procedures);
  return pc;
}

}  // namespace kiosk::content

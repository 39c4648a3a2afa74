#include <algorithm>
#include <filesystem>
#include <sstream>

#include <iostream>

#include "commands.hpp"
#include "common/files.hpp"
#include "content/catalog.hpp"
#include "content/document_classes.hpp"
#include "content/national_import.hpp"
#include "content/pack.hpp"
#include "content/signing.hpp"
#include "content/store.hpp"
#include "search/index.hpp"

namespace kioskctl {

namespace fs = std::filesystem;
using namespace kiosk::content;
using nlohmann::json;

std::vector<PublicKey> load_trust(const std::vector<std::string>& paths) {
  return read_trusted_keys(std::vector<std::filesystem::path>(paths.begin(), paths.end()));
}

namespace {

// Key files, or directories of them (an installed kiosk's /etc/tthc-kiosk/trusted-keys/: every
// *.pub in it). An empty directory trusts nobody, and says so.

json pack_json(const InstalledPack& p) {
  return {{"pack_id", p.manifest.pack_id},   {"version", p.manifest.version},
          {"publisher", p.manifest.publisher}, {"created", p.manifest.created},
          {"files", p.manifest.files.size()},   {"dir", p.dir.string()}};
}

json stats_json(const CatalogStats& s) {
  return {{"procedures", s.procedures},
          {"agencies", s.agencies},
          {"fees", {{"fixed", s.fees_fixed}, {"free", s.fees_free}, {"text", s.fees_text}}},
          {"procedures_with_fees", s.procedures_with_fees},
          {"procedures_raw_fees_only", s.procedures_raw_fees_only},
          {"documents", s.documents},
          {"procedures_with_documents", s.procedures_with_documents},
          {"procedures_raw_documents_only", s.procedures_raw_documents_only},
          {"forms", s.forms},
          {"printable_forms", s.printable_forms},
          {"synonym_groups", s.synonym_groups}};
}

std::string stats_text(const CatalogStats& s) {
  std::ostringstream o;
  o << "  thủ tục (procedures):      " << s.procedures << "\n"
    << "  cơ quan (agencies):        " << s.agencies << "\n"
    << "  phí, lệ phí (fees):        " << s.fees_fixed << " fixed, " << s.fees_free << " free, " << s.fees_text
    << " text\n"
    << "    procedures with parsed fees:      " << s.procedures_with_fees << "\n"
    << "    procedures with raw fee text only: " << s.procedures_raw_fees_only << "\n"
    << "  thành phần hồ sơ (documents): " << s.documents << " in " << s.procedures_with_documents
    << " procedures\n"
    << "    procedures with raw document text only: " << s.procedures_raw_documents_only << "\n"
    << "  biểu mẫu (forms):          " << s.forms << " (" << s.printable_forms << " printable)\n"
    << "  synonym groups:            " << s.synonym_groups << "\n";
  return o.str();
}

json classes_json(const ClassCounts& c) {
  return {{"papers", c.papers},
          {"cases", c.cases},
          {"notes", c.notes},
          {"unsure", c.unsure},
          {"procedures_with_cases", c.procedures_with_cases},
          {"procedures_unsure", c.procedures_unsure}};
}

std::string classes_text(const ClassCounts& c) {
  std::ostringstream o;
  o << "    giấy tờ cần mang (papers): " << c.papers << "; trường hợp (cases): " << c.cases << " in "
    << c.procedures_with_cases << " procedures; lưu ý (notes): " << c.notes << "\n"
    << "    rows classified by a guess: " << c.unsure << " in " << c.procedures_unsure
    << " procedures (kioskctl content lint)\n";
  return o.str();
}

}  // namespace

void register_content_commands(CLI::App& app, Action& action) {
  auto* content = app.add_subcommand("content", "Content packs: build, sign, verify, install, roll back");
  content->require_subcommand(1);
  content->fallthrough();
  register_content_lint(*content, action);
  register_content_channel(*content, action);

  {
    auto* cmd = content->add_subcommand("keygen", "Create an Ed25519 signing key pair");
    auto out = std::make_shared<std::string>("pack-signing");
    cmd->add_option("-o,--output", *out, "Key file prefix: writes PREFIX.key and PREFIX.pub");
    cmd->callback([&action, out] {
      action = [out] {
        fs::path key = *out + ".key", pub = *out + ".pub";
        if (fs::exists(key)) throw std::runtime_error(key.string() + " exists; refusing to overwrite a key");
        auto kp = generate_keypair();
        write_secret_key(key, kp.secret);
        write_public_key(pub, kp.pub);
        return Output{"secret key: " + key.string() + "\npublic key: " + pub.string() + "\nkey id: " +
                          key_id(kp.pub) + "\n",
                      {{"secret", key.string()}, {"public", pub.string()}, {"key_id", key_id(kp.pub)}}};
      };
    });
  }
  {
    auto* cmd = content->add_subcommand("build", "Build and sign a pack from a source directory");
    auto src = std::make_shared<std::string>();
    auto out = std::make_shared<std::string>();
    auto key = std::make_shared<std::string>();
    cmd->add_option("SRC_DIR", *src)->required()->check(CLI::ExistingDirectory);
    cmd->add_option("-o,--output", *out, "Pack file to write")->required();
    cmd->add_option("--key", *key, "Secret key file")->required()->check(CLI::ExistingFile);
    cmd->callback([&action, src, out, key] {
      action = [=] {
        auto m = build_pack(*src, *out, read_secret_key(*key));
        return Output{"built " + *out + ": " + m.pack_id + " " + m.version + ", " + std::to_string(m.files.size()) +
                          " files, signed by " + m.signing_key_id + "\n",
                      {{"pack", *out}, {"pack_id", m.pack_id}, {"version", m.version}, {"files", m.files.size()},
                       {"key_id", m.signing_key_id}}};
      };
    });
  }
  {
    auto* cmd = content->add_subcommand("verify", "Verify a pack's signature, files and content");
    auto pack = std::make_shared<std::string>();
    auto trust = std::make_shared<std::vector<std::string>>();
    cmd->add_option("PACK", *pack)->required();
    cmd->add_option("--trust", *trust, "Trusted public key files")->required();
    cmd->callback([&action, pack, trust] {
      action = [=] {
        kiosk::files::TempDir tmp;
        auto v = verify_and_extract(*pack, load_trust(*trust), tmp.path());
        auto loaded = load_pack_content(tmp.path());
        return Output{"OK: " + v.manifest.pack_id + " " + v.manifest.version + ", " +
                          std::to_string(loaded.procedures.size()) + " procedures, signed by " + key_id(v.signer) +
                          "\n",
                      {{"ok", true}, {"pack_id", v.manifest.pack_id}, {"version", v.manifest.version},
                       {"procedures", loaded.procedures.size()}, {"key_id", key_id(v.signer)}}};
      };
    });
  }
  {
    auto* cmd = content->add_subcommand("install", "Verify and install a pack into a store");
    auto pack = std::make_shared<std::string>();
    auto store = std::make_shared<std::string>();
    auto trust = std::make_shared<std::vector<std::string>>();
    cmd->add_option("PACK", *pack)->required();
    cmd->add_option("--store", *store, "Content store directory")->required();
    cmd->add_option("--trust", *trust, "Trusted public key files")->required();
    auto other_pack = std::make_shared<bool>(false), older = std::make_shared<bool>(false);
    cmd->add_flag("--allow-other-pack", *other_pack,
                  "Replace the installed pack with one of another pack id (recorded in the store's history)");
    cmd->add_flag("--allow-older", *older,
                  "Install a version not newer than the installed one (a downgrade; recorded in the store's history)");
    cmd->callback([&action, pack, store, trust, other_pack, older] {
      action = [=] {
        ContentStore s(*store);
        kiosk::content::InstallPolicy policy;
        policy.allow_other_pack = *other_pack;
        policy.allow_older = *older;
        auto r = s.install(*pack, load_trust(*trust), {kiosk::search::index_extension()}, policy);
        json j = pack_json(r.pack);
        j["already_installed"] = r.already_installed;
        j["overrides"] = r.overrides;
        std::string text = (r.already_installed ? "already installed: " : "installed ") + r.pack.manifest.pack_id + " " +
                           r.pack.manifest.version + " in " + *store + "\n";
        for (const auto& o : r.overrides) {
          text += "OVERRIDE (recorded in " + *store + "/history.log): " + o + "\n";
          std::cerr << "kioskctl: WARN override: " << o << "\n";
        }
        return Output{text, j};
      };
    });
  }
  {
    auto* cmd = content->add_subcommand("rollback", "Return to the previously installed pack");
    auto store = std::make_shared<std::string>();
    cmd->add_option("--store", *store, "Content store directory")->required();
    cmd->callback([&action, store] {
      action = [=] {
        ContentStore s(*store);
        auto cur = s.rollback();
        return Output{"rolled back to " + cur.manifest.pack_id + " " + cur.manifest.version + "\n", pack_json(cur)};
      };
    });
  }
  {
    auto* cmd = content->add_subcommand("info", "Show the installed pack and its counts");
    auto store = std::make_shared<std::string>();
    cmd->add_option("--store", *store, "Content store directory")->required();
    cmd->callback([&action, store] {
      action = [=] {
        ContentStore s(*store);
        auto cur = s.current();
        if (!cur) throw std::runtime_error("no content pack is installed in " + *store);
        Catalog cat(cur->dir / "catalog.sqlite");
        auto st = cat.stats();
        json j = pack_json(*cur);
        j["center"] = cat.center();
        j["counts"] = stats_json(st);
        ClassCounts classes;
        cat.for_each_procedure([&](const Procedure& p) { count_classes(p, classes); });
        j["counts"]["document_classes"] = classes_json(classes);
        if (auto prev = s.previous()) j["previous"] = pack_json(*prev);
        std::string text = "pack:      " + cur->manifest.pack_id + " " + cur->manifest.version + "\npublisher: " +
                           cur->manifest.publisher + "\ncreated:   " + cur->manifest.created + "\ncenter:    " +
                           cat.center().value("name", "") + "\n" + stats_text(st) + classes_text(classes);
        if (auto prev = s.previous()) text += "previous:  " + prev->manifest.pack_id + " " + prev->manifest.version + "\n";
        const auto u = s.usable();
        j["usable"] = u.pack ? json(pack_json(*u.pack)) : json();
        j["problems"] = u.problems;
        for (const auto& p : j["problems"]) text += "PROBLEM:   " + p.get<std::string>() + "\n";
        j["history"] = s.history();
        return Output{text, j};
      };
    });
  }
  {
    auto* cmd = content->add_subcommand("import-national", "Import the national portal's procedure data");
    auto opts = std::make_shared<ImportOptions>();
    auto in = std::make_shared<std::string>();
    auto out = std::make_shared<std::string>();
    auto structured = std::make_shared<std::string>();
    auto popularity = std::make_shared<std::string>();
    auto counters = std::make_shared<std::string>();
    cmd->add_option("FILE", *in, "national JSONL file")->required()->check(CLI::ExistingFile);
    cmd->add_option("-o,--output", *out, "Source directory to write procedures.jsonl into")->required();
    cmd->add_option("--structured", *structured, "Directory of structured procedure JSON files")
        ->check(CLI::ExistingDirectory);
    cmd->add_option("--popularity", *popularity, "Popularity JSONL (code, weight)")->check(CLI::ExistingFile);
    cmd->add_option("--counters", *counters, "JSON map: ministry folder -> counter label")->check(CLI::ExistingFile);
    cmd->callback([&action, opts, in, out, structured, popularity, counters] {
      action = [=] {
        ImportOptions o;
        o.national_jsonl = *in;
        if (!structured->empty()) o.structured_dir = *structured;
        if (!popularity->empty()) o.popularity_jsonl = *popularity;
        if (!counters->empty()) o.counters_json = *counters;
        auto r = import_national(o, *out);
        std::ostringstream t;
        t << "imported " << r.procedures << " procedures (" << r.from_national << " national, " << r.from_structured
          << " structured), skipped " << r.skipped << "\n"
          << "  channels parsed: " << r.channels_parsed << "; fees: " << r.fees_fixed << " fixed, " << r.fees_free
          << " free, " << r.fees_text << " text; fee tables kept raw: " << r.fee_tables_raw << "\n"
          << "  documents parsed: " << r.documents_parsed << "; document tables kept raw: " << r.document_tables_raw
          << "; forms: " << r.forms << "\n"
          << classes_text(r.classes)
          << "  legal basis items: " << r.legal_parsed << "; with popularity: " << r.with_popularity << "\n";
        for (const auto& p : r.problems) t << "  problem: " << p << "\n";
        json j = {{"procedures", r.procedures},         {"from_national", r.from_national},
                  {"from_structured", r.from_structured}, {"skipped", r.skipped},
                  {"channels_parsed", r.channels_parsed}, {"fees_fixed", r.fees_fixed},
                  {"fees_free", r.fees_free},             {"fees_text", r.fees_text},
                  {"fee_tables_raw", r.fee_tables_raw},   {"documents_parsed", r.documents_parsed},
                  {"document_tables_raw", r.document_tables_raw}, {"forms", r.forms},
                  {"legal_parsed", r.legal_parsed},       {"with_popularity", r.with_popularity},
                  {"document_classes", classes_json(r.classes)}, {"problems", r.problems}};
        return Output{t.str(), j};
      };
    });
  }
}

}  // namespace kioskctl

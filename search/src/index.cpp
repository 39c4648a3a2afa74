#include "search/index.hpp"

#include <map>

#include "search/dictionary.hpp"
#include "search/fold.hpp"

namespace kiosk::search {

namespace {

bool contains_phrase(const std::string& padded_text, const std::string& phrase) {
  return padded_text.find(" " + phrase + " ") != std::string::npos;
}

std::string join_folded(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) {
    std::string f = fold(p);
    if (f.empty()) continue;
    if (!out.empty()) out += ' ';
    out += f;
  }
  return out;
}

}  // namespace

content::CatalogExtension index_extension() {
  return [](db::Db& db, const content::PackContent& content) {
    // Text is folded before it reaches FTS5, so its tokenizer only splits on spaces; the prefix
    // indexes make the first letters typed cheap to match.
    db.exec(
        "CREATE VIRTUAL TABLE search_fts USING fts5(name, alt_names, synonyms, field, agencies, documents, details,"
        " tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3')");

    std::vector<std::vector<std::string>> groups = builtin_synonyms();
    for (const auto& g : content.synonyms) {
      std::vector<std::string> folded;
      for (const auto& t : g) folded.push_back(fold(t));
      groups.push_back(std::move(folded));
    }

    std::map<std::string, const content::Procedure*> by_code;
    for (const auto& p : content.procedures) by_code[p.code] = &p;

    auto ids = db.prepare("SELECT id, code FROM procedures");
    auto put = db.prepare(
        "INSERT INTO search_fts(rowid, name, alt_names, synonyms, field, agencies, documents, details) "
        "VALUES(?,?,?,?,?,?,?,?)");
    while (ids.step()) {
      const content::Procedure& p = *by_code.at(ids.text(1));
      const std::string name = fold(p.name);
      const std::string alt = join_folded(p.alt_names);
      std::vector<std::string> doc_names;
      for (const auto& d : p.documents) doc_names.push_back(d.name);
      for (const auto& f : p.forms) doc_names.push_back(f.name);
      const std::string docs = join_folded(doc_names);

      // A procedure answers to every name of what it mentions: "giấy phép lái xe" also to GPLX
      // and "bằng lái", and the reverse.
      const std::string padded = " " + name + " " + alt + " " + docs + " ";
      std::string syn;
      for (const auto& g : groups) {
        bool hit = false;
        for (const auto& term : g) hit = hit || contains_phrase(padded, term);
        if (!hit) continue;
        for (const auto& term : g) {
          if (!syn.empty()) syn += ' ';
          syn += term;
        }
      }

      std::vector<std::string> details = {p.result};
      for (const auto& c : p.channels)
        for (const auto& f : c.fees) details.push_back(f.text);
      put.bind(1, ids.int64(0))
          .bind(2, name)
          .bind(3, alt)
          .bind(4, syn)
          .bind(5, fold(p.field))
          .bind(6, join_folded(p.agencies))
          .bind(7, docs)
          .bind(8, join_folded(details))
          .run();
    }
    db.exec("INSERT INTO search_fts(search_fts) VALUES('optimize')");
  };
}

}  // namespace kiosk::search

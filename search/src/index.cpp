#include "search/index.hpp"

#include <unordered_map>

#include "search/fold.hpp"

namespace kiosk::search {

namespace {

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
    // indexes make the first letters typed cheap to match. Synonyms are applied at query time.
    db.exec(
        "CREATE VIRTUAL TABLE search_fts USING fts5(name, alt_names, field, agencies, documents, details,"
        " tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3')");
    // What ranking reads of every procedure at start-up, apart from the big text columns.
    db.exec("CREATE TABLE search_names(id INTEGER PRIMARY KEY, name TEXT NOT NULL, popularity REAL NOT NULL)");
    // What questions ask about beyond the name (how to apply, who may, on what conditions, what
    // one gets, under which law): ranked in memory (BM25F), never matched by FTS5, so a keyword
    // found only in a procedure's steps does not crowd the keyword tiers.
    db.exec(
        "CREATE TABLE search_fields(id INTEGER PRIMARY KEY, steps TEXT NOT NULL, conditions TEXT NOT NULL,"
        " audience TEXT NOT NULL, result TEXT NOT NULL, legal TEXT NOT NULL)");
    auto put_fields = db.prepare(
        "INSERT INTO search_fields(id, steps, conditions, audience, result, legal) VALUES(?,?,?,?,?,?)");
    auto put_name = db.prepare("INSERT INTO search_names(id, name, popularity) VALUES(?,?,?)");
    std::unordered_map<std::string, const content::Procedure*> by_code;
    for (const auto& p : content.procedures) by_code[p.code] = &p;

    auto ids = db.prepare("SELECT id, code FROM procedures");
    auto put = db.prepare(
        "INSERT INTO search_fts(rowid, name, alt_names, field, agencies, documents, details) VALUES(?,?,?,?,?,?,?)");
    while (ids.step()) {
      const content::Procedure& p = *by_code.at(ids.text(1));
      std::vector<std::string> doc_names;
      for (const auto& d : p.documents) doc_names.push_back(d.name);
      for (const auto& f : p.forms) doc_names.push_back(f.name);
      std::vector<std::string> details = {p.result};
      for (const auto& c : p.channels)
        for (const auto& f : c.fees) details.push_back(f.text);
      std::string names = fold(p.name);
      if (std::string alt = join_folded(p.alt_names); !alt.empty()) names += " " + alt;
      put_name.bind(1, ids.int64(0)).bind(2, names).bind(3, p.popularity).run();
      std::vector<std::string> legal;
      for (const auto& l : p.legal_basis) legal.push_back(l.title + " " + l.number);
      put_fields.bind(1, ids.int64(0))
          .bind(2, join_folded(p.steps))
          .bind(3, fold(p.conditions))
          .bind(4, fold(p.audience))
          .bind(5, fold(p.result))
          .bind(6, join_folded(legal))
          .run();
      put.bind(1, ids.int64(0))
          .bind(2, fold(p.name))
          .bind(3, join_folded(p.alt_names))
          .bind(4, fold(p.field))
          .bind(5, join_folded(p.agencies))
          .bind(6, join_folded(doc_names))
          .bind(7, join_folded(details))
          .run();
    }
    db.exec("INSERT INTO search_fts(search_fts) VALUES('optimize')");
  };
}

}  // namespace kiosk::search

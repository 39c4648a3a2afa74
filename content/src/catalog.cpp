#include "content/catalog.hpp"

#include <algorithm>

#include "common/text.hpp"

namespace kiosk::content {

using nlohmann::json;

namespace {

constexpr const char* kSchema = R"SQL(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE agencies(code TEXT PRIMARY KEY, name TEXT NOT NULL, doc TEXT NOT NULL);
CREATE TABLE procedures(
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  field TEXT NOT NULL,
  levels TEXT NOT NULL,
  agencies TEXT NOT NULL,
  popularity REAL NOT NULL,
  raw_fees INTEGER NOT NULL,
  raw_documents INTEGER NOT NULL,
  doc TEXT NOT NULL);
CREATE TABLE fees(procedure_id INTEGER NOT NULL REFERENCES procedures(id), channel TEXT NOT NULL,
  kind TEXT NOT NULL, amount_vnd INTEGER, text TEXT NOT NULL);
CREATE TABLE documents(procedure_id INTEGER NOT NULL REFERENCES procedures(id), ord INTEGER NOT NULL,
  name TEXT NOT NULL, copies TEXT NOT NULL, form_id TEXT);
CREATE TABLE forms(procedure_id INTEGER NOT NULL REFERENCES procedures(id), id TEXT NOT NULL,
  name TEXT NOT NULL, file TEXT, printable INTEGER NOT NULL);
CREATE TABLE synonyms(group_id INTEGER NOT NULL, term TEXT NOT NULL);
CREATE TABLE rating_setup(doc TEXT NOT NULL);
CREATE TABLE queue_map(doc TEXT NOT NULL);
CREATE INDEX fees_by_procedure ON fees(procedure_id);
CREATE INDEX documents_by_procedure ON documents(procedure_id);
CREATE INDEX forms_by_procedure ON forms(procedure_id);
CREATE INDEX procedures_by_popularity ON procedures(popularity DESC);
)SQL";

std::string join(const std::vector<std::string>& v, std::string_view sep) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) {
    if (i) out += sep;
    out += v[i];
  }
  return out;
}

json agency_to_json(const Agency& a) {
  json counters = json::array();
  for (const auto& c : a.counters) counters.push_back({{"id", c.id}, {"name", c.name}, {"fields", c.fields}});
  return {{"code", a.code}, {"name", a.name}, {"counters", counters}};
}

}  // namespace

void build_catalog(const PackContent& content, const Manifest& manifest, const std::filesystem::path& db_path,
                   const std::vector<CatalogExtension>& extensions) {
  db::Db db(db_path.string(), db::Mode::Create);
  // Built once into a fresh file that nobody reads yet; durability comes from the fsync after.
  db.exec("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA page_size=4096;");
  db.exec(kSchema);
  db::Transaction tx(db);
  {
    auto put = db.prepare("INSERT INTO meta(key, value) VALUES(?, ?)");
    auto meta = [&](const std::string& k, const std::string& v) { put.bind(1, k).bind(2, v).run(); };
    meta("pack_id", manifest.pack_id);
    meta("publisher", manifest.publisher);
    meta("version", manifest.version);
    meta("created", manifest.created);
    meta("schema_version", std::to_string(manifest.schema_version));
    meta("signing_key_id", manifest.signing_key_id);
    meta("center", content.meta["center"].dump());
    meta("pack_meta", content.meta.dump());
  }
  {
    auto put = db.prepare("INSERT INTO agencies(code, name, doc) VALUES(?, ?, ?)");
    for (const auto& a : content.agencies) put.bind(1, a.code).bind(2, a.name).bind(3, agency_to_json(a).dump()).run();
  }
  auto put_proc = db.prepare(
      "INSERT INTO procedures(code, name, field, levels, agencies, popularity, raw_fees, raw_documents, doc) "
      "VALUES(?,?,?,?,?,?,?,?,?)");
  auto put_fee = db.prepare("INSERT INTO fees(procedure_id, channel, kind, amount_vnd, text) VALUES(?,?,?,?,?)");
  auto put_doc = db.prepare("INSERT INTO documents(procedure_id, ord, name, copies, form_id) VALUES(?,?,?,?,?)");
  auto put_form = db.prepare("INSERT INTO forms(procedure_id, id, name, file, printable) VALUES(?,?,?,?,?)");
  // Ids follow popularity, most used first, so a reader scanning in id order (search's early
  // stop for very short queries) meets the likeliest procedures first.
  std::vector<const Procedure*> ordered;
  for (const auto& p : content.procedures) ordered.push_back(&p);
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const Procedure* a, const Procedure* b) { return a->popularity > b->popularity; });
  for (const Procedure* pp : ordered) {
    const Procedure& p = *pp;
    put_proc.bind(1, p.code)
        .bind(2, p.name)
        .bind(3, p.field)
        .bind(4, join(p.levels, ", "))
        .bind(5, join(p.agencies, ", "))
        .bind(6, p.popularity)
        .bind(7, p.raw_fees.empty() ? 0 : 1)
        .bind(8, p.raw_documents.empty() ? 0 : 1)
        .bind(9, procedure_to_json(p).dump())
        .run();
    const int64_t id = db.last_insert_rowid();
    for (const auto& c : p.channels)
      for (const auto& f : c.fees)
        put_fee.bind(1, id).bind(2, c.name).bind(3, fee_kind_name(f.kind)).bind(4, f.amount_vnd).bind(5, f.text).run();
    int ord = 0;
    for (const auto& d : p.documents)
      put_doc.bind(1, id).bind(2, ord++).bind(3, d.name).bind(4, d.copies).bind(5, d.form_id).run();
    for (const auto& f : p.forms)
      put_form.bind(1, id).bind(2, f.id).bind(3, f.name).bind(4, f.file).bind(5, f.printable ? 1 : 0).run();
  }
  {
    auto put = db.prepare("INSERT INTO synonyms(group_id, term) VALUES(?, ?)");
    int64_t g = 0;
    for (const auto& group : content.synonyms) {
      for (const auto& t : group) put.bind(1, g).bind(2, t).run();
      ++g;
    }
  }
  db.prepare("INSERT INTO rating_setup(doc) VALUES(?)").bind(1, to_json(content.rating).dump()).run();
  db.prepare("INSERT INTO queue_map(doc) VALUES(?)").bind(1, to_json(content.queue).dump()).run();
  for (const auto& ext : extensions) ext(db, content);
  tx.commit();
  db.exec("ANALYZE");
}

Catalog::Catalog(const std::filesystem::path& db_path) : db_(db_path.string(), db::Mode::Immutable) {}

std::string Catalog::meta(const std::string& key) const {
  auto s = db_.prepare("SELECT value FROM meta WHERE key = ?");
  s.bind(1, key);
  return s.step() ? s.text(0) : std::string();
}

json Catalog::center() const {
  auto j = json::parse(meta("center"), nullptr, false);
  return j.is_discarded() ? json::object() : j;
}

CatalogStats Catalog::stats() const {
  CatalogStats st;
  auto one = [&](const char* sql) {
    auto s = db_.prepare(sql);
    return s.step() ? s.int64(0) : 0;
  };
  st.procedures = one("SELECT count(*) FROM procedures");
  st.agencies = one("SELECT count(*) FROM agencies");
  st.fees_fixed = one("SELECT count(*) FROM fees WHERE kind = 'fixed'");
  st.fees_free = one("SELECT count(*) FROM fees WHERE kind = 'free'");
  st.fees_text = one("SELECT count(*) FROM fees WHERE kind = 'text'");
  st.procedures_with_fees = one("SELECT count(DISTINCT procedure_id) FROM fees");
  st.procedures_raw_fees_only =
      one("SELECT count(*) FROM procedures p WHERE raw_fees = 1 AND NOT EXISTS "
          "(SELECT 1 FROM fees f WHERE f.procedure_id = p.id)");
  st.documents = one("SELECT count(*) FROM documents");
  st.procedures_with_documents = one("SELECT count(DISTINCT procedure_id) FROM documents");
  st.procedures_raw_documents_only =
      one("SELECT count(*) FROM procedures p WHERE raw_documents = 1 AND NOT EXISTS "
          "(SELECT 1 FROM documents d WHERE d.procedure_id = p.id)");
  st.forms = one("SELECT count(*) FROM forms");
  st.printable_forms = one("SELECT count(*) FROM forms WHERE printable = 1");
  st.synonym_groups = one("SELECT count(DISTINCT group_id) FROM synonyms");
  return st;
}

std::optional<Procedure> Catalog::procedure(const std::string& code) const {
  auto s = db_.prepare("SELECT doc FROM procedures WHERE code = ?");
  s.bind(1, code);
  if (!s.step()) return std::nullopt;
  return procedure_from_json(json::parse(s.text(0)));
}

std::vector<ProcedureSummary> Catalog::most_popular(int limit) const {
  auto s = db_.prepare(
      "SELECT code, name, field, agencies, popularity FROM procedures ORDER BY popularity DESC, code LIMIT ?");
  s.bind(1, limit);
  std::vector<ProcedureSummary> out;
  while (s.step()) out.push_back({s.text(0), s.text(1), s.text(2), s.text(3), s.real(4)});
  return out;
}

std::vector<std::string> Catalog::fields() const {
  // Most used fields first: a citizen should not have to scroll past rare ones to find "Hộ tịch".
  auto s = db_.prepare(
      "SELECT field FROM procedures WHERE field <> '' GROUP BY field ORDER BY sum(popularity) DESC, count(*) DESC, field");
  std::vector<std::string> out;
  while (s.step()) out.push_back(s.text(0));
  return out;
}

std::vector<std::string> Catalog::procedure_codes() const {
  auto s = db_.prepare("SELECT code FROM procedures ORDER BY id");
  std::vector<std::string> out;
  while (s.step()) out.push_back(s.text(0));
  return out;
}

void Catalog::for_each_procedure(const std::function<void(const Procedure&)>& visit) const {
  auto s = db_.prepare("SELECT doc FROM procedures ORDER BY id");
  while (s.step()) visit(procedure_from_json(json::parse(s.text(0))));
}

std::vector<Agency> Catalog::agencies() const {
  auto s = db_.prepare("SELECT doc FROM agencies ORDER BY name");
  std::vector<Agency> out;
  while (s.step()) {
    auto j = json::parse(s.text(0));
    Agency a{j["code"], j["name"], {}};
    for (const auto& c : j["counters"]) a.counters.push_back({c["id"], c["name"], c["fields"]});
    out.push_back(std::move(a));
  }
  return out;
}

QueueMap Catalog::queue_map() const {
  // Packs from before queue numbers have no such table: no procedure maps to a service.
  auto has = db_.prepare("SELECT count(*) FROM sqlite_master WHERE type='table' AND name='queue_map'");
  if (!has.step() || has.int64(0) == 0) return {};
  auto s = db_.prepare("SELECT doc FROM queue_map LIMIT 1");
  if (!s.step()) return {};
  // Checked when the pack was built; read back as it was written.
  const json j = json::parse(s.text(0), nullptr, false);
  QueueMap m;
  if (!j.is_object()) return m;
  m.center = j.value("center", "");
  m.priorities = j.value("priorities", std::vector<std::string>{});
  for (const auto& r : j.value("services", json::array()))
    m.rules.push_back({r.value("service", ""), r.value("procedures", std::vector<std::string>{}), r.value("counters", std::vector<std::string>{}),
                       r.value("fields", std::vector<std::string>{}), r.value("agencies", std::vector<std::string>{})});
  return m;
}

RatingSetup Catalog::rating_setup() const {
  // A catalog built before packs carried a roster has no such table: no rating there.
  auto has = db_.prepare("SELECT count(*) FROM sqlite_master WHERE type='table' AND name='rating_setup'");
  if (!has.step() || has.int64(0) == 0) return {};
  auto s = db_.prepare("SELECT doc FROM rating_setup LIMIT 1");
  if (!s.step()) return {};
  try {
    return parse_rating_setup(s.text(0), agencies());
  } catch (const std::exception&) {
    return {};
  }
}

}  // namespace kiosk::content

#include <nlohmann/json.hpp>
#include <stdexcept>

#include "common/text.hpp"
#include "content/document_classes.hpp"
#include "content/procedure.hpp"

namespace kiosk::content {

using nlohmann::json;

namespace {

std::string req_string(const json& j, const char* key, const std::string& where) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string() || text::trim(it->get<std::string>()).empty())
    throw std::invalid_argument(where + ": missing required field '" + key + "'");
  return text::to_nfc(it->get<std::string>());
}

std::string opt_string(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return {};
  if (!it->is_string()) throw std::invalid_argument(std::string("field '") + key + "' must be a string");
  return text::to_nfc(it->get<std::string>());
}

std::vector<std::string> opt_strings(const json& j, const char* key) {
  std::vector<std::string> out;
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return out;
  if (!it->is_array()) throw std::invalid_argument(std::string("field '") + key + "' must be an array");
  for (const auto& v : *it) {
    if (!v.is_string()) throw std::invalid_argument(std::string("field '") + key + "' must hold strings");
    out.push_back(text::to_nfc(v.get<std::string>()));
  }
  return out;
}

const json& opt_array(const json& j, const char* key) {
  static const json empty = json::array();
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return empty;
  if (!it->is_array()) throw std::invalid_argument(std::string("field '") + key + "' must be an array");
  return *it;
}

Fee::Kind fee_kind_from(const std::string& s) {
  if (s == "fixed") return Fee::Kind::Fixed;
  if (s == "free") return Fee::Kind::Free;
  if (s == "text") return Fee::Kind::Text;
  throw std::invalid_argument("unknown fee kind '" + s + "'");
}

Document::Kind document_kind_from(const std::string& s) {
  if (s == "paper") return Document::Kind::Paper;
  if (s == "case") return Document::Kind::Case;
  if (s == "note") return Document::Kind::Note;
  throw std::invalid_argument("unknown document class '" + s + "'");
}

int opt_count(const json& j, const char* key, const std::string& where) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return 0;
  if (!it->is_number_integer() || it->get<int64_t>() < 0 || it->get<int64_t>() > 99)
    throw std::invalid_argument(where + ": '" + key + "' must be a count from 0 to 99");
  return it->get<int>();
}

}  // namespace

std::string document_kind_name(Document::Kind k) {
  switch (k) {
    case Document::Kind::Paper: return "paper";
    case Document::Kind::Case: return "case";
    case Document::Kind::Note: return "note";
  }
  return "paper";
}

std::string fee_kind_name(Fee::Kind k) {
  switch (k) {
    case Fee::Kind::Fixed: return "fixed";
    case Fee::Kind::Free: return "free";
    case Fee::Kind::Text: return "text";
  }
  return "text";
}

std::string format_vnd(int64_t amount) {
  std::string digits = std::to_string(amount);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += '.';
    out += digits[i];
  }
  return out + " ₫";
}

std::string fee_label(const Fee& fee, const std::string& free_word) {
  if (fee.kind == Fee::Kind::Fixed && fee.amount_vnd) return format_vnd(*fee.amount_vnd);
  if (fee.kind == Fee::Kind::Free) return free_word;
  return fee.text;
}

Procedure procedure_from_json(const json& j) {
  if (!j.is_object()) throw std::invalid_argument("procedure must be a JSON object");
  Procedure p;
  p.code = req_string(j, "code", "procedure");
  const std::string where = "procedure " + p.code;
  p.name = req_string(j, "name", where);
  p.field = opt_string(j, "field");
  p.alt_names = opt_strings(j, "alt_names");
  p.levels = opt_strings(j, "levels");
  p.agencies = opt_strings(j, "agencies");
  p.counter = opt_string(j, "counter");
  p.conditions = opt_string(j, "conditions");
  p.result = opt_string(j, "result");
  p.audience = opt_string(j, "audience");
  p.source_url = opt_string(j, "source_url");
  p.steps = opt_strings(j, "steps");
  p.raw_fees = opt_string(j, "raw_fees");
  p.raw_documents = opt_string(j, "raw_documents");
  p.raw_legal_basis = opt_string(j, "raw_legal_basis");
  if (auto it = j.find("popularity"); it != j.end() && !it->is_null()) {
    if (!it->is_number()) throw std::invalid_argument(where + ": popularity must be a number");
    p.popularity = it->get<double>();
  }
  for (const auto& c : opt_array(j, "channels")) {
    Channel ch;
    ch.name = req_string(c, "name", where + " channel");
    ch.note = opt_string(c, "note");
    if (auto t = c.find("time"); t != c.end() && t->is_object()) {
      ch.time.text = opt_string(*t, "text");
      ch.time.working_days = t->value("working_days", false);
      if (auto d = t->find("days"); d != t->end() && d->is_number()) ch.time.days = d->get<double>();
    }
    for (const auto& f : opt_array(c, "fees")) {
      Fee fee;
      fee.kind = fee_kind_from(req_string(f, "kind", where + " fee"));
      fee.text = opt_string(f, "text");
      if (fee.kind == Fee::Kind::Fixed) {
        auto a = f.find("amount_vnd");
        if (a == f.end() || !a->is_number_integer() || a->get<int64_t>() < 0)
          throw std::invalid_argument(where + ": a fixed fee needs a non-negative integer amount_vnd");
        fee.amount_vnd = a->get<int64_t>();
      }
      ch.fees.push_back(std::move(fee));
    }
    p.channels.push_back(std::move(ch));
  }
  for (const auto& f : opt_array(j, "forms")) {
    Form form;
    form.id = req_string(f, "id", where + " form");
    form.name = req_string(f, "name", where + " form");
    if (auto file = opt_string(f, "file"); !file.empty()) form.file = file;
    form.template_name = opt_string(f, "template_name");
    form.printable = f.value("printable", false);
    p.forms.push_back(std::move(form));
  }
  // Schema 1 packs carry no classes: their rows are classified here, as the importer would.
  bool classified = false;
  p.cases = opt_strings(j, "cases");
  for (const auto& d : opt_array(j, "documents")) {
    Document doc;
    doc.name = req_string(d, "name", where + " document");
    doc.copies = opt_string(d, "copies");
    doc.note = opt_string(d, "note");
    if (auto form = opt_string(d, "form"); !form.empty()) doc.form_id = form;
    if (auto cls = opt_string(d, "class"); !cls.empty()) {
      classified = true;
      doc.kind = document_kind_from(cls);
      doc.title = opt_string(d, "title");
      doc.detail = opt_string(d, "detail");
      doc.originals = opt_count(d, "original", where);
      doc.copies_n = opt_count(d, "copy", where);
      doc.show = d.value("show", false);
      doc.sure = !d.value("unsure", false);
      if (auto g = d.find("case"); g != d.end() && !g->is_null()) {
        if (!g->is_number_integer() || g->get<int64_t>() < 0 || g->get<int64_t>() >= static_cast<int64_t>(p.cases.size()))
          throw std::invalid_argument(where + ": a document's case must index the procedure's cases");
        doc.group = g->get<int>();
      }
      if (doc.kind == Document::Kind::Paper && doc.title.empty()) doc.title = doc.name;
    }
    p.documents.push_back(std::move(doc));
  }
  if (!classified) classify_documents(p);
  for (const auto& l : opt_array(j, "legal_basis")) {
    LegalBasis lb;
    lb.title = req_string(l, "title", where + " legal basis");
    lb.number = opt_string(l, "number");
    p.legal_basis.push_back(std::move(lb));
  }
  return p;
}

json procedure_to_json(const Procedure& p) {
  json j = {{"code", p.code}, {"name", p.name}};
  auto put = [&](const char* k, const std::string& v) {
    if (!v.empty()) j[k] = v;
  };
  auto put_list = [&](const char* k, const std::vector<std::string>& v) {
    if (!v.empty()) j[k] = v;
  };
  put("field", p.field);
  put_list("alt_names", p.alt_names);
  put_list("levels", p.levels);
  put_list("agencies", p.agencies);
  put("counter", p.counter);
  put("conditions", p.conditions);
  put("result", p.result);
  put("audience", p.audience);
  put("source_url", p.source_url);
  put_list("steps", p.steps);
  put("raw_fees", p.raw_fees);
  put("raw_documents", p.raw_documents);
  put("raw_legal_basis", p.raw_legal_basis);
  if (p.popularity > 0) j["popularity"] = p.popularity;
  if (!p.channels.empty()) {
    json chans = json::array();
    for (const auto& c : p.channels) {
      json jc = {{"name", c.name}};
      json t = {{"text", c.time.text}, {"working_days", c.time.working_days}};
      if (c.time.days) t["days"] = *c.time.days;
      jc["time"] = t;
      json fees = json::array();
      for (const auto& f : c.fees) {
        json jf = {{"kind", fee_kind_name(f.kind)}, {"text", f.text}};
        if (f.amount_vnd) jf["amount_vnd"] = *f.amount_vnd;
        fees.push_back(jf);
      }
      jc["fees"] = fees;
      if (!c.note.empty()) jc["note"] = c.note;
      chans.push_back(jc);
    }
    j["channels"] = chans;
  }
  if (!p.forms.empty()) {
    json forms = json::array();
    for (const auto& f : p.forms) {
      json jf = {{"id", f.id}, {"name", f.name}, {"printable", f.printable}};
      if (f.file) jf["file"] = *f.file;
      if (!f.template_name.empty()) jf["template_name"] = f.template_name;
      forms.push_back(jf);
    }
    j["forms"] = forms;
  }
  if (!p.documents.empty()) {
    json docs = json::array();
    for (const auto& d : p.documents) {
      json jd = {{"name", d.name}};
      if (!d.copies.empty()) jd["copies"] = d.copies;
      if (!d.note.empty()) jd["note"] = d.note;
      if (d.form_id) jd["form"] = *d.form_id;
      jd["class"] = document_kind_name(d.kind);
      if (!d.title.empty() && d.title != d.name) jd["title"] = d.title;
      if (!d.detail.empty()) jd["detail"] = d.detail;
      if (d.originals) jd["original"] = d.originals;
      if (d.copies_n) jd["copy"] = d.copies_n;
      if (d.show) jd["show"] = true;
      if (d.group >= 0) jd["case"] = d.group;
      if (!d.sure) jd["unsure"] = true;
      docs.push_back(jd);
    }
    j["documents"] = docs;
  }
  put_list("cases", p.cases);
  if (!p.legal_basis.empty()) {
    json lbs = json::array();
    for (const auto& l : p.legal_basis) {
      json jl = {{"title", l.title}};
      if (!l.number.empty()) jl["number"] = l.number;
      lbs.push_back(jl);
    }
    j["legal_basis"] = lbs;
  }
  return j;
}

}  // namespace kiosk::content

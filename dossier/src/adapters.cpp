#include "dossier/adapters.hpp"

#include <nlohmann/json.hpp>

#include "common/text.hpp"

namespace kiosk::dossier {

using nlohmann::json;

namespace {

json parse(std::string_view body) {
  if (!text::is_valid_utf8(body)) throw AdapterError("backend answer is not UTF-8");
  json j = json::parse(body, nullptr, false);
  if (j.is_discarded()) throw AdapterError("backend answer is not JSON");
  return j;
}

std::string str(const json& j, const char* key) {
  if (!j.is_object()) return {};
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return {};
  return text::to_nfc(it->get<std::string>());
}

const json& obj(const json& j, const char* key) {
  static const json empty = json::object();
  if (!j.is_object()) return empty;
  auto it = j.find(key);
  return it != j.end() && it->is_object() ? *it : empty;
}

long num(const json& j, const char* key) {
  if (!j.is_object()) return 0;
  auto it = j.find(key);
  if (it == j.end()) return 0;
  if (it->is_number_integer()) return it->get<long>();
  if (it->is_string()) {
    try {
      return std::stol(it->get<std::string>());
    } catch (const std::exception&) {
    }
  }
  return 0;
}

}  // namespace

DossierStatus parse_generic(std::string_view body) {
  const json j = parse(body);
  if (!j.is_object()) throw AdapterError("backend answer is not a JSON object");
  DossierStatus d;
  d.code = str(j, "code");
  if (d.code.empty()) throw AdapterError("backend answer has no dossier code");
  d.procedure_code = str(obj(j, "procedure"), "code");
  d.procedure_name = str(obj(j, "procedure"), "name");
  d.owner_name = str(obj(j, "owner"), "name");
  d.owner_id = str(obj(j, "owner"), "id_number");
  d.received = parse_date(str(j, "received_at"));
  d.appointment = parse_date(str(j, "appointment_at"));
  d.completed = parse_date(str(j, "completed_at"));
  d.status = status_from_id(num(obj(j, "status"), "id"));
  d.status_text = str(obj(j, "status"), "text");
  d.current_unit = str(j, "current_unit");
  d.counter = str(j, "counter");
  d.supplement_note = str(j, "supplement_note");
  if (auto it = j.find("steps"); it != j.end() && it->is_array())
    for (const auto& s : *it) d.steps.push_back({str(s, "unit"), str(s, "at"), str(s, "action")});
  return d;
}

DossierStatus parse_igate(std::string_view body) {
  const json j = parse(body);
  if (!j.is_object() || !j.contains("content") || !j["content"].is_array())
    throw AdapterError("iGate answer has no content list");
  if (j["content"].empty()) throw AdapterError("iGate found no dossier with this code");
  const json& c = j["content"][0];
  if (!c.is_object()) throw AdapterError("iGate dossier is not an object");
  DossierStatus d;
  d.code = str(c, "code");
  if (d.code.empty()) throw AdapterError("iGate dossier has no code");
  d.appointment = parse_date(str(c, "appointmentDate"));
  d.received = parse_date(str(c, "acceptedDate"));
  d.completed = parse_date(str(c, "completedDate"));
  d.status = status_from_id(num(obj(c, "dossierStatus"), "id"));
  d.status_text = str(obj(c, "dossierStatus"), "name");
  // The task status names the step under way, per language; Vietnamese is languageId 228.
  const json& task = obj(c, "dossierTaskStatus");
  if (auto it = task.find("name"); it != task.end() && it->is_array()) {
    for (const auto& n : *it)
      if (num(n, "languageId") == 228 || d.current_unit.empty()) d.current_unit = str(n, "name");
  }
  const json& proc = obj(c, "procedure");
  d.procedure_code = str(proc, "code");
  if (auto it = proc.find("translate"); it != proc.end() && it->is_array()) {
    for (const auto& t : *it)
      if (num(t, "languageId") == 228 || d.procedure_name.empty()) d.procedure_name = str(t, "name");
  }
  const json& applicant = obj(obj(c, "applicant"), "data");
  d.owner_name = str(applicant, "fullname");
  d.owner_id = str(applicant, "identityNumber");
  return d;
}

}  // namespace kiosk::dossier

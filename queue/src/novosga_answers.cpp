#include "queue/novosga_answers.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <memory>
#include <nlohmann/json.hpp>

#include "common/text.hpp"
#include "json_fields.hpp"

namespace kiosk::queue::novosga {

using nlohmann::json;
using namespace fields;

namespace {

// NovoSGA's ids are integers; ours are texts.
std::string int_id_at(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_number_integer() || it->get<int64_t>() < 0) throw BadAnswer(std::string("'") + key + "' is not an id");
  return std::to_string(it->get<int64_t>());
}

void throw_if_error(const json& j) {
  if (j.is_object() && j.contains("error")) {
    const auto& e = j["error"];
    throw Refusal(e.is_string() ? text::printable(e.get<std::string>()).substr(0, 200) : std::string("an error"));
  }
}

Ticket::State state_of(const std::string& status) {
  if (status == "emitida") return Ticket::State::Waiting;
  if (status == "chamado" || status == "iniciado") return Ticket::State::Called;
  if (status == "encerrado") return Ticket::State::Served;
  // Cancelled, or sent to another service by the triage: no longer in this queue.
  if (status == "nao_compareceu" || status == "cancelada" || status == "erro_triagem") return Ticket::State::NoShow;
  throw BadAnswer("unknown atendimento status '" + status + "'");
}

// "2026-12-07 08:31:00" (the center's time) as ISO 8601.
std::string iso_of(const std::string& s) {
  if (s.size() != 19 || s[10] != ' ') throw BadAnswer("'chegada' is not a date and time");
  return s.substr(0, 10) + "T" + s.substr(11);
}

Ticket atendimento(const json& a, const std::string& center, std::string* documento) {
  if (!a.is_object()) throw BadAnswer("an atendimento is not an object");
  Ticket t;
  t.id = int_id_at(a, "id");
  const json& senha = object_at(a, "senha");
  t.number = text_at(senha, "format", 16, true);
  t.center = center;
  t.service = int_id_at(object_at(a, "servico"), "id");
  t.issued_at = iso_of(text_at(a, "chegada", 19, true));
  t.hash = id_at(a, "hash", 128);
  t.state = state_of(text_at(a, "status", 32, true));
  if (auto l = a.find("local"); l != a.end() && !l->is_null()) {
    if (!l->is_number_integer() || l->get<int64_t>() < 0 || l->get<int64_t>() > 9999) throw BadAnswer("'local' is not a desk number");
    t.called_counter = std::to_string(l->get<int64_t>());
  }
  if (t.state == Ticket::State::Called && !t.called_counter.empty()) t.counters = {t.called_counter};
  // The officer's login: the rating roster's id for that officer (docs/queue.md).
  if (auto u = a.find("usuario"); u != a.end() && !u->is_null()) {
    const std::string login = text_at(a, "usuario", 64, true);
    for (unsigned char c : login)
      if (!std::isalnum(c) && c != '-' && c != '_' && c != '.') throw BadAnswer("'usuario' is not a login");
    t.officer = Officer{login, ""};
  }
  if (documento) {
    documento->clear();
    if (auto c = a.find("cliente"); c != a.end() && c->is_object()) *documento = text_at(*c, "documento", 64, false);
  }
  return t;
}

}  // namespace

std::string slug(std::string_view name) {
  utf8proc_uint8_t* out = nullptr;
  const auto n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(name.data()), static_cast<utf8proc_ssize_t>(name.size()), &out,
                              static_cast<utf8proc_option_t>(UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_CASEFOLD));
  std::unique_ptr<utf8proc_uint8_t, decltype(&std::free)> hold(out, &std::free);
  if (n < 0) return {};
  std::string s(reinterpret_cast<const char*>(out), static_cast<size_t>(n));
  // đ has no decomposition: it is its own letter, read as d.
  for (size_t at; (at = s.find("\xC4\x91")) != std::string::npos;) s.replace(at, 2, "d");
  std::string id;
  for (unsigned char c : s) {
    if (std::isalnum(c) && c < 0x80) id += static_cast<char>(c);
    else if (!id.empty() && id.back() != '-') id += '-';
  }
  while (!id.empty() && id.back() == '-') id.pop_back();
  return id;
}

Token parse_token(std::string_view body) {
  const json j = parse_object(body);
  Token t;
  auto it = j.find("access_token");
  if (it == j.end() || !it->is_string() || it->get<std::string>().empty() || it->get<std::string>().size() > 4096)
    throw BadAnswer("no 'access_token'");
  t.access_token = it->get<std::string>();
  for (unsigned char c : t.access_token)
    if (c <= 0x20 || c >= 0x7f) throw BadAnswer("'access_token' is not a token");
  if (auto e = j.find("expires_in"); e != j.end() && !e->is_null()) t.expires_in = int_at(j, "expires_in", 30 * 24 * 3600);
  return t;
}

std::vector<Service> parse_services(std::string_view body) {
  const json j = parse_any(body);
  throw_if_error(j);
  if (!j.is_array() || j.size() > 500) throw BadAnswer("the unit's services are not a list");
  std::vector<Service> out;
  for (const auto& su : j) {
    if (!su.is_object()) throw BadAnswer("a servicoUnidade is not an object");
    if (auto a = su.find("ativo"); a != su.end() && a->is_boolean() && !a->get<bool>()) continue;
    const json& servico = object_at(su, "servico");
    Service s;
    s.id = int_id_at(servico, "id");
    s.name = text_at(servico, "nome", 200, true);
    if (auto d = su.find("departamento"); d != su.end() && d->is_object()) s.agency = text_at(*d, "nome", 200, false);
    if (auto p = su.find("prioridade"); p != su.end() && !p->is_null()) {
      if (!p->is_boolean()) throw BadAnswer("'prioridade' is not true or false");
      s.priority = p->get<bool>();
    }
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<Prioridade> parse_priorities(std::string_view body) {
  const json j = parse_any(body);
  throw_if_error(j);
  if (!j.is_array() || j.size() > 100) throw BadAnswer("the priorities are not a list");
  std::vector<Prioridade> out;
  for (const auto& p : j) {
    if (!p.is_object()) throw BadAnswer("a prioridade is not an object");
    if (auto a = p.find("ativo"); a != p.end() && a->is_boolean() && !a->get<bool>()) continue;
    Prioridade v;
    v.id = int_id_at(p, "id");
    v.slug = slug(text_at(p, "nome", 200, true));
    v.descricao = text_at(p, "descricao", 200, false);
    v.peso = int_at(p, "peso", 1000);
    out.push_back(std::move(v));
  }
  return out;
}

Ticket parse_atendimento(std::string_view body, const std::string& center, std::string* documento) {
  const json j = parse_object(body);
  throw_if_error(j);
  return atendimento(j, center, documento);
}

std::vector<Entry> parse_atendimentos(std::string_view body, const std::string& center) {
  const json j = parse_any(body);
  throw_if_error(j);
  if (!j.is_array()) throw BadAnswer("the unit's atendimentos are not a list");
  std::vector<Entry> out;
  out.reserve(j.size());
  for (const auto& a : j) {
    Entry e;
    e.ticket = atendimento(a, center, &e.documento);
    out.push_back(std::move(e));
  }
  return out;
}

std::vector<Call> parse_painel(std::string_view body) {
  const json j = parse_any(body);
  throw_if_error(j);
  if (!j.is_array() || j.size() > 100) throw BadAnswer("the panel is not a list");
  std::vector<Call> out;
  for (const auto& p : j) {
    if (!p.is_object()) throw BadAnswer("a panel row is not an object");
    Call c;
    c.seq = std::stoll(int_id_at(p, "id"));
    const std::string sigla = text_at(p, "siglaSenha", 3, false);
    auto n = p.find("numeroSenha");
    if (n == p.end() || !n->is_number_integer() || n->get<int64_t>() < 0 || n->get<int64_t>() > 99999) throw BadAnswer("'numeroSenha' is not a number");
    std::string digits = std::to_string(n->get<int64_t>());
    if (digits.size() < 3) digits.insert(0, 3 - digits.size(), '0');
    c.number = sigla + digits;
    auto l = p.find("numeroLocal");
    if (l == p.end() || !l->is_number_integer() || l->get<int64_t>() < 0 || l->get<int64_t>() > 9999) throw BadAnswer("'numeroLocal' is not a desk number");
    c.counter = std::to_string(l->get<int64_t>());
    if (auto sv = p.find("servico"); sv != p.end() && sv->is_object()) c.service = int_id_at(*sv, "id");
    out.push_back(std::move(c));
  }
  std::sort(out.begin(), out.end(), [](const Call& a, const Call& b) { return a.seq < b.seq; });
  for (size_t i = 1; i < out.size(); ++i)
    if (out[i].seq == out[i - 1].seq) throw BadAnswer("two panel rows with one id");
  return out;
}

}  // namespace kiosk::queue::novosga

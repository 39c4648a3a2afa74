// The sample center as NovoSGA 2 answers it (docs/queue.md, "The simulator"): unit 1, the same
// services numbered 1–7, the center's priorities, OAuth2 password grant, POST /api/distribui
// (no idempotency keys: every POST is a new number, as in NovoSGA), and the same tickets as the
// generic side, so /_sim/queue/call calls both.
#include "queue_sim_state.hpp"

namespace sim {

namespace {

constexpr const char* kClientId = "tthc-kiosk";
constexpr const char* kClientSecret = "sim-client-secret";
constexpr const char* kUser = "kiosk-07";
constexpr const char* kPassword = "sim-password";

const json& prioridades() {
  static const json p = json::array({
      {{"id", 1}, {"nome", "Không ưu tiên"}, {"descricao", ""}, {"peso", 0}, {"ativo", true}},
      {{"id", 2}, {"nome", "Người cao tuổi"}, {"descricao", "Từ 60 tuổi"}, {"peso", 1}, {"ativo", true}},
      {{"id", 3}, {"nome", "Người khuyết tật"}, {"descricao", ""}, {"peso", 1}, {"ativo", true}},
      {{"id", 4}, {"nome", "Phụ nữ mang thai"}, {"descricao", ""}, {"peso", 1}, {"ativo", true}},
      {{"id", 5}, {"nome", "Trẻ em dưới 6 tuổi"}, {"descricao", ""}, {"peso", 1}, {"ativo", true}},
      {{"id", 6}, {"nome", "Cựu chiến binh"}, {"descricao", ""}, {"peso", 1}, {"ativo", false}},
  });
  return p;
}

// Our service ids as NovoSGA's servico ids (their place in the list, from 1).
int servico_id(const std::string& service) {
  for (size_t i = 0; i < services().size(); ++i)
    if (services()[i]["id"] == service) return static_cast<int>(i) + 1;
  return 0;
}

std::string pad3(int n) {
  std::string s = std::to_string(n);
  return s.size() < 3 ? std::string(3 - s.size(), '0') + s : s;
}

// An internal ticket as NovoSGA's Atendimento::jsonSerialize shapes it.
json atendimento(const json& t) {
  const json& svc = services()[static_cast<size_t>(servico_id(t["service"]) - 1)];
  static const std::map<std::string, std::string> status = {
      {"waiting", "emitida"}, {"called", "chamado"}, {"served", "encerrado"}, {"no-show", "nao_compareceu"}};
  const int seq = t["seq"];
  const std::string arrived = t["issued_at"].get<std::string>().substr(0, 19);
  json a = {{"id", std::stoi(t["id"].get<std::string>().substr(1))},
            {"senha", {{"sigla", svc["letter"]}, {"numero", seq}, {"format", svc["letter"].get<std::string>() + pad3(seq)}}},
            {"servico", {{"id", servico_id(t["service"])}, {"nome", svc["name"]}}},
            {"chegada", arrived.substr(0, 10) + " " + arrived.substr(11)},
            {"espera", "00:00:00"},
            {"prioridade", t.value("prioridade", json(nullptr))},
            {"numero", seq},
            {"status", status.at(t["state"])},
            {"cliente", {{"nome", t.value("kiosk", "")}, {"documento", t.value("documento", "")}}},
            {"hash", t["hash"]}};
  if (t.contains("officer")) a["usuario"] = t["officer"]["id"];
  if (t.contains("counter")) {
    const std::string c = t["counter"];
    if (!c.empty() && std::all_of(c.begin(), c.end(), ::isdigit)) a["local"] = std::stoi(c);
  }
  return a;
}

}  // namespace

void QueueSim::novosga_routes(httplib::Server& srv) {
  State& s = *s_;
  // Every /api/ call but the token needs a token this server gave.
  auto authorised = [&s](const httplib::Request& req, httplib::Response& res) {
    const std::string h = req.get_header_value("Authorization");
    std::lock_guard lock(s.mu);
    if (h.rfind("Bearer ", 0) == 0 && s.tokens.count(h.substr(7))) return true;
    s.answer(res, 401, {{"error", "access_denied"}, {"error_description", "OAuth2 authentication required"}});
    return false;
  };
  srv.Post("/api/token", [&s](const httplib::Request& req, httplib::Response& res) {
    if (req.get_param_value("grant_type") != "password" || req.get_param_value("client_id") != kClientId ||
        req.get_param_value("client_secret") != kClientSecret)
      return s.answer(res, 400, {{"error", "invalid_client"}, {"error_description", "The client credentials are invalid"}});
    if (req.get_param_value("username") != kUser || req.get_param_value("password") != kPassword)
      return s.answer(res, 400, {{"error", "invalid_grant"}, {"error_description", "Invalid username and password combination"}});
    std::string token;
    {
      std::lock_guard lock(s.mu);
      token = "simtok" + std::to_string(s.tokens.size() + 1) + "x" + std::to_string(std::hash<size_t>{}(s.order.size()) % 100000);
      s.tokens.insert(token);
    }
    s.answer(res, 200, {{"access_token", token}, {"expires_in", 3600}, {"token_type", "bearer"}, {"scope", nullptr}});
  });
  srv.Get("/api/unidades", [&s, authorised](const httplib::Request& req, httplib::Response& res) {
    if (!authorised(req, res)) return;
    s.answer(res, 200, json::array({{{"id", 1}, {"nome", "Trung tâm Phục vụ hành chính công tỉnh"}, {"descricao", ""}, {"ativo", true}}}));
  });
  srv.Get("/api/unidades/1/servicos", [&s, authorised](const httplib::Request& req, httplib::Response& res) {
    if (!authorised(req, res)) return;
    json list = json::array();
    for (const auto& v : services())
      list.push_back({{"sigla", v["letter"]},
                      {"peso", 1},
                      {"local", {{"id", 1}, {"nome", "Quầy"}}},
                      {"servico", {{"id", servico_id(v["id"])}, {"nome", v["name"]}, {"descricao", ""}, {"ativo", true}}},
                      {"departamento", {{"id", servico_id(v["id"])}, {"nome", v["agency"]}}},
                      {"ativo", true},
                      {"prioridade", v["priority"]},
                      {"mensagem", ""},
                      {"numeroInicial", 1},
                      {"numeroFinal", nullptr},
                      {"incremento", 1}});
    s.answer(res, 200, list);
  });
  srv.Get("/api/prioridades", [&s, authorised](const httplib::Request& req, httplib::Response& res) {
    if (!authorised(req, res)) return;
    s.answer(res, 200, prioridades());
  });
  // As NovoSGA's TriagemController: a failure is {"error": "…"} with 200.
  srv.Post("/api/distribui", [&s, authorised](const httplib::Request& req, httplib::Response& res) {
    if (!authorised(req, res)) return;
    const json body = json::parse(req.body, nullptr, false);
    auto int_of = [&](const char* k) { return body.is_object() && body.contains(k) && body[k].is_number_integer() ? body[k].get<int>() : -1; };
    const int unidade = int_of("unidade"), servico = int_of("servico"), prioridade = int_of("prioridade");
    if (unidade != 1) return s.answer(res, 200, {{"error", "Unidade inválida"}});
    if (servico < 1 || servico > static_cast<int>(services().size())) return s.answer(res, 200, {{"error", "Serviço inválido"}});
    const json* prio = nullptr;
    for (const auto& p : prioridades())
      if (p["id"] == prioridade && p["ativo"].get<bool>()) prio = &p;
    if (!prio) return s.answer(res, 200, {{"error", "Prioridade inválida"}});
    const json& svc = services()[static_cast<size_t>(servico - 1)];
    if ((*prio)["peso"].get<int>() > 0 && !svc["priority"].get<bool>())
      return s.answer(res, 200, {{"error", "Serviço não atende prioridade"}});
    std::string documento, nome;
    if (body.contains("cliente") && body["cliente"].is_object()) {
      documento = body["cliente"].value("documento", "");
      nome = body["cliente"].value("nome", "");
    }
    json a;
    {
      std::lock_guard lock(s.mu);
      ++s.posts;
      json t = s.issue(svc, (*prio)["id"] == 1 ? "none" : "novosga-" + std::to_string(prioridade), nome, documento);
      t["prioridade"] = *prio;
      s.tickets[t["id"]] = t;
      a = atendimento(t);
    }
    s.answer(res, 200, a);
  });
  srv.Get(R"(/api/atendimentos/(\d{1,9}))", [&s, authorised](const httplib::Request& req, httplib::Response& res) {
    if (!authorised(req, res)) return;
    std::lock_guard lock(s.mu);
    auto it = s.tickets.find("t" + std::string(req.matches[1]));
    if (it == s.tickets.end()) return s.answer(res, 404, {{"error", "Atendimento não encontrado"}});
    s.answer(res, 200, atendimento(it->second));
  });
  srv.Get("/api/unidades/1/atendimentos", [&s, authorised](const httplib::Request& req, httplib::Response& res) {
    if (!authorised(req, res)) return;
    json list = json::array();
    {
      std::lock_guard lock(s.mu);
      for (const auto& id : s.order)
        if (id[0] == 't') list.push_back(atendimento(s.tickets[id]));  // the demo's seeded tickets are not NovoSGA's
    }
    s.answer(res, 200, list);
  });
  // As PainelController: the last ten calls of the services asked, newest first.
  srv.Get("/api/unidades/1/painel", [&s, authorised](const httplib::Request& req, httplib::Response& res) {
    if (!authorised(req, res)) return;
    json list = json::array();
    {
      std::lock_guard lock(s.mu);
      for (auto it = s.calls.rbegin(); it != s.calls.rend() && list.size() < 10; ++it) {
        const json& t = s.tickets[(*it)["ticket"].get<std::string>()];
        const std::string c = (*it)["counter"];
        if (t["id"].get<std::string>()[0] != 't' || c.empty() || !std::all_of(c.begin(), c.end(), ::isdigit)) continue;
        const json& svc = services()[static_cast<size_t>(servico_id(t["service"]) - 1)];
        list.push_back({{"id", (*it)["seq"]}, {"siglaSenha", svc["letter"]}, {"numeroSenha", t["seq"]}, {"mensagem", ""},
                        {"local", "Quầy"}, {"numeroLocal", std::stoi(c)}, {"peso", 0}, {"prioridade", ""},
                        {"nomeCliente", ""}, {"documentoCliente", ""}, {"servico", {{"id", servico_id(t["service"])}}}});
      }
    }
    s.answer(res, 200, list);
  });
  // Every token given so far stops working (as after the server's restart or their expiry).
  srv.Post("/_sim/queue/expire-tokens", [&s](const httplib::Request&, httplib::Response& res) {
    std::lock_guard lock(s.mu);
    s.tokens.clear();
    res.set_content("{}", "application/json");
  });
}

}  // namespace sim

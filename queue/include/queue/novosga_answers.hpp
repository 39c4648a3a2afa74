// NovoSGA 2's answers read strictly (docs/queue.md, "The novosga adapter"): used by the novosga
// adapter; public for its tests and fuzz target.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "queue/answers.hpp"

namespace kiosk::queue::novosga {

struct Token {
  std::string access_token;
  int expires_in = 0;  // seconds; 0 when the server does not say
};
Token parse_token(std::string_view body);

// GET /api/unidades/<id>/servicos: the active services of the unit. Counters are not known
// before a ticket is called (NovoSGA's officers pick their desk at login).
std::vector<Service> parse_services(std::string_view body);

struct Prioridade {
  std::string id;
  std::string slug;  // the name as an id: "Người cao tuổi" -> "nguoi-cao-tuoi"
  std::string descricao;
  int peso = 0;
};
std::vector<Prioridade> parse_priorities(std::string_view body);
std::string slug(std::string_view name);

// An atendimento (POST /api/distribui, GET /api/atendimentos/<id>) as our Ticket, for `center`.
// The client (documento) it was issued for, if any, in `documento`. A body {"error": "…"} (how
// distribui answers a failure, with 200) throws Refusal.
struct Refusal : std::runtime_error {
  using std::runtime_error::runtime_error;
};
Ticket parse_atendimento(std::string_view body, const std::string& center, std::string* documento = nullptr);

// GET /api/unidades/<id>/atendimentos: the unit's tickets of the day, in issue order.
struct Entry {
  Ticket ticket;
  std::string documento;
};
std::vector<Entry> parse_atendimentos(std::string_view body, const std::string& center);

// GET /api/unidades/<id>/painel?servicos=…: the last calls (PainelSenha rows, newest first as
// NovoSGA sends them), as our calls oldest first. `recall` is left to the caller (NovoSGA marks
// none: a recall is another row of the same number).
std::vector<Call> parse_painel(std::string_view body);

}  // namespace kiosk::queue::novosga

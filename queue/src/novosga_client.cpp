// The "novosga" adapter: NovoSGA 2's REST API as its own triage app uses it (OAuth2 password
// grant, the unit's services and priorities, POST /api/distribui). NovoSGA keeps no idempotency
// keys, so a number is never asked twice blindly: the tap's key rides in the ticket's client
// document, and a tap that may have reached the server is first looked for among the unit's
// tickets (docs/queue.md, "The novosga adapter").
#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>

#include "adapters.hpp"
#include "common/secret.hpp"
#include "queue/novosga_answers.hpp"
#include "server_call.hpp"

namespace kiosk::queue {

namespace {

using Clock = std::chrono::steady_clock;
using nlohmann::json;

// NovoSGA's cliente.documento holds 30 characters: the tap's 32 random hex digits, cut to 24
// (96 bits), are still one tap's own.
std::string documento_of(const std::string& key) {
  const std::string hex = key.rfind("tap-", 0) == 0 ? key.substr(4) : key;
  return "tthc-" + hex.substr(0, 24);
}

class NovosgaClient final : public QueueClient {
 public:
  explicit NovosgaClient(ClientSettings s) : s_(std::move(s)), center_("novosga-" + s_.novosga.unit) {}
  ~NovosgaClient() override { wipe_string(token_); }

  Result<ServiceList> services() override {
    return call<ServiceList>("GET", unit_path("/servicos"), "", [&](std::string_view b) {
      return ServiceList{center_, novosga::parse_services(b)};
    });
  }

  Result<Ticket> take(const TicketRequest& r) override {
    const std::string doc = documento_of(r.idempotency_key);
    if (r.maybe_sent) {
      // An earlier try may have been issued: find it, or ask again only when surely not.
      auto found = find(doc);
      if (auto* e = std::get_if<QueueError>(&found)) return std::move(*e);
      if (auto& t = std::get<std::optional<Ticket>>(found)) return with_ahead(std::move(*t));
    }
    auto prio = priority_for(r.priority);
    if (auto* e = std::get_if<QueueError>(&prio)) return std::move(*e);
    int64_t unit = 0, service = 0, priority = 0;
    if (!as_int(s_.novosga.unit, unit) || !as_int(r.service, service) || !as_int(std::get<std::string>(prio), priority))
      return QueueError{QueueError::Kind::Refused, "NovoSGA's ids are numbers: unit " + s_.novosga.unit + ", service " + r.service};
    const json body = {{"unidade", unit},
                       {"servico", service},
                       {"prioridade", priority},
                       {"cliente", {{"nome", r.kiosk}, {"documento", doc}}}};
    // One try only: a resend after a lost answer would be a second number.
    auto t = call<Ticket>("POST", "/api/distribui", body.dump(),
                          [&](std::string_view b) { return novosga::parse_atendimento(b, center_); }, 1);
    if (auto* ok = std::get_if<Ticket>(&t)) return with_ahead(std::move(*ok));
    return t;
  }

  // NovoSGA's bookings (agendamentos) come from its own scheduling module, which its triage API
  // does not check in: the citizen is sent to the desk.
  Result<Ticket> check_in(const CheckInRequest&) override {
    return QueueError{QueueError::Kind::Refused, "check-in is not offered by the novosga adapter"};
  }

  Result<Ticket> ticket(const std::string& id) override {
    return call<Ticket>("GET", "/api/atendimentos/" + http::escape(id), "",
                        [&](std::string_view b) { return novosga::parse_atendimento(b, center_); });
  }

  // The panel's last ten calls: those after `after`. A number already called at that desk is a
  // recall (NovoSGA's "chamar novamente" writes the same number again).
  Result<std::vector<Call>> calls(int64_t after) override {
    if (service_ids_.empty()) {
      auto list = services();
      if (auto* e = std::get_if<QueueError>(&list)) return std::move(*e);
      for (const auto& sv : std::get<ServiceList>(list).services) service_ids_ += (service_ids_.empty() ? "" : ",") + sv.id;
      if (service_ids_.empty()) return std::vector<Call>{};
    }
    auto rows = call<std::vector<Call>>("GET", unit_path("/painel") + "?servicos=" + service_ids_, "",
                                        [](std::string_view b) { return novosga::parse_painel(b); });
    if (auto* e = std::get_if<QueueError>(&rows)) return std::move(*e);
    std::vector<Call> out;
    for (auto& c : std::get<std::vector<Call>>(rows)) {
      const std::string called = c.number + "@" + c.counter;
      c.recall = std::find(called_.begin(), called_.end(), called) != called_.end();
      if (c.seq <= after) {
        if (!c.recall) called_.push_back(called);
        continue;
      }
      if (!c.recall) called_.push_back(called);
      out.push_back(std::move(c));
    }
    if (called_.size() > 500) called_.erase(called_.begin(), called_.begin() + 250);
    return out;
  }

  Result<std::vector<ServiceStatus>> status() override {
    auto list = atendimentos();
    if (auto* e = std::get_if<QueueError>(&list)) return std::move(*e);
    std::vector<ServiceStatus> out;
    auto slot = [&](const std::string& service) -> ServiceStatus& {
      for (auto& s : out)
        if (s.service == service) return s;
      return out.emplace_back(ServiceStatus{service, "", 0});
    };
    for (const auto& e : std::get<std::vector<novosga::Entry>>(list)) {
      ServiceStatus& s = slot(e.ticket.service);
      if (e.ticket.state == Ticket::State::Waiting) ++s.waiting;
      if (e.ticket.state == Ticket::State::Called) s.serving = e.ticket.number;
    }
    return out;
  }

 private:
  std::string unit_path(const char* tail) const { return "/api/unidades/" + http::escape(s_.novosga.unit) + tail; }

  static bool as_int(const std::string& s, int64_t& out) {
    if (s.empty() || s.size() > 18) return false;
    for (char c : s)
      if (c < '0' || c > '9') return false;
    out = std::stoll(s);
    return true;
  }

  // "none" is the center's normal priority (weight 0); a category is the active prioridade whose
  // name reads as its id ("Người cao tuổi") or whose description is the id itself.
  // The list is read again every ten minutes (the center rarely changes it; one request less a tap).
  Result<std::string> priority_for(Priority p) {
    if (priorities_.empty() || Clock::now() > priorities_until_) {
      auto list = call<std::vector<novosga::Prioridade>>("GET", "/api/prioridades", "",
                                                         [](std::string_view b) { return novosga::parse_priorities(b); });
      if (auto* e = std::get_if<QueueError>(&list)) return std::move(*e);
      priorities_ = std::move(std::get<std::vector<novosga::Prioridade>>(list));
      priorities_until_ = Clock::now() + std::chrono::minutes(10);
    }
    const std::string want = priority_id(p);
    for (const auto& v : priorities_) {
      if (p == Priority::None ? v.peso == 0 : (v.slug == want || v.descricao == want)) return v.id;
    }
    return QueueError{QueueError::Kind::Refused, "the server has no priority '" + want + "'"};
  }

  Result<std::vector<novosga::Entry>> atendimentos() {
    // A whole day of a busy unit's tickets: more than the usual 1 MB cap.
    return call<std::vector<novosga::Entry>>(
        "GET", unit_path("/atendimentos"), "", [&](std::string_view b) { return novosga::parse_atendimentos(b, center_); }, 2,
        16u << 20);
  }

  Result<std::optional<Ticket>> find(const std::string& doc) {
    auto list = atendimentos();
    if (auto* e = std::get_if<QueueError>(&list)) return std::move(*e);
    for (auto& e : std::get<std::vector<novosga::Entry>>(list))
      if (e.documento == doc) return std::optional<Ticket>(std::move(e.ticket));
    return std::optional<Ticket>();
  }

  // NovoSGA says nothing of the queue before a ticket: it is counted from the unit's tickets
  // (those of the same service still waiting, issued before it). Not known when that list
  // cannot be read; the ticket stands all the same.
  Ticket with_ahead(Ticket t) {
    t.ahead_known = false;
    auto list = atendimentos();
    if (auto* entries = std::get_if<std::vector<novosga::Entry>>(&list)) {
      int ahead = 0;
      for (const auto& e : *entries) {
        if (e.ticket.id == t.id) {
          t.waiting_ahead = ahead;
          t.ahead_known = true;
          break;
        }
        ahead += e.ticket.service == t.service && e.ticket.state == Ticket::State::Waiting;
      }
    }
    return t;
  }

  Result<std::string> token(bool fresh) {
    if (!fresh && !token_.empty() && Clock::now() < token_until_) return token_;
    const auto& a = s_.novosga;
    const std::string form = "grant_type=password&client_id=" + http::escape(a.client_id) + "&client_secret=" + http::escape(a.client_secret) +
                             "&username=" + http::escape(a.username) + "&password=" + http::escape(a.password);
    auto sent = send(s_, "POST", "/api/token", form, {"Content-Type: application/x-www-form-urlencoded"}, 2);
    if (auto* e = std::get_if<QueueError>(&sent)) return std::move(*e);
    const auto& r = std::get<http::Response>(sent);
    if (auto e = status_error(r)) {
      e->detail = "token: " + e->detail;
      return std::move(*e);
    }
    try {
      auto t = novosga::parse_token(r.body);
      wipe_string(token_);
      token_ = std::move(t.access_token);
      // Renewed a minute early, so a request never leaves with a token about to lapse.
      const int life = t.expires_in > 0 ? std::max(t.expires_in - 60, 1) : 300;
      token_until_ = Clock::now() + std::chrono::seconds(life);
      return token_;
    } catch (const BadAnswer& e) {
      return QueueError{QueueError::Kind::BadAnswer, std::string("token: ") + e.what()};
    }
  }

  template <class T, class Parse>
  Result<T> call(const char* method, const std::string& path, std::string body, Parse parse, int attempts = 2,
                 size_t max_bytes = 0) {
    // A token the server no longer takes (401) is renewed once; the request was not served.
    for (int round = 0; round < 2; ++round) {
      auto tok = token(round > 0);
      if (auto* e = std::get_if<QueueError>(&tok)) return std::move(*e);
      std::vector<std::string> headers{"Authorization: Bearer " + std::get<std::string>(tok)};
      if (!body.empty()) headers.push_back("Content-Type: application/json");
      ClientSettings s = s_;
      if (max_bytes) s.http.max_bytes = max_bytes;
      auto sent = send(s, method, path, body, std::move(headers), attempts);
      if (auto* e = std::get_if<QueueError>(&sent)) return std::move(*e);
      const auto& r = std::get<http::Response>(sent);
      if (r.status == 401 && round == 0) continue;
      if (auto e = status_error(r)) return std::move(*e);
      try {
        return parse(r.body);
      } catch (const novosga::Refusal& e) {
        return QueueError{QueueError::Kind::Refused, e.what()};
      } catch (const BadAnswer& e) {
        return QueueError{QueueError::Kind::BadAnswer, e.what()};
      }
    }
    return QueueError{QueueError::Kind::Refused, "HTTP 401: the account is refused"};
  }

  ClientSettings s_;
  std::string center_;
  std::string token_;
  Clock::time_point token_until_{};
  std::vector<novosga::Prioridade> priorities_;
  std::string service_ids_;          // for the panel: "1,2,3"
  std::vector<std::string> called_;  // "A001@5": numbers seen called at a desk
  Clock::time_point priorities_until_{};
};

}  // namespace

std::unique_ptr<QueueClient> make_novosga_client(const ClientSettings& s) {
  if (s.novosga.unit.empty() || s.novosga.client_id.empty() || s.novosga.username.empty())
    throw std::invalid_argument("the novosga adapter needs a unit and an account (client id, secret, user, password)");
  return std::make_unique<NovosgaClient>(s);
}

}  // namespace kiosk::queue

// kioskctl queue …: the center's queue server as the kiosk sees it (its services, a number
// taken, a ticket's state, the hall's state) and the kiosk's own taps; for IT and for tests.
#include <ctime>
#include <sstream>

#include "commands.hpp"
#include "common/text.hpp"
#include "queue/client.hpp"
#include "queue/ticket_book.hpp"

namespace kioskctl {

using nlohmann::json;
namespace qu = kiosk::queue;

namespace {


int64_t now() { return static_cast<int64_t>(std::time(nullptr)); }

struct ServerOptions {
  std::string url, adapter = "generic";
  bool allow_http = false;
  std::string unit, credentials;  // novosga
};

void add_server_options(CLI::App* cmd, ServerOptions& o) {
  cmd->add_option("--queue", o.url, "The queue server's address")->required();
  cmd->add_option("--adapter", o.adapter, "generic or novosga")->check(CLI::IsMember({"generic", "novosga"}));
  cmd->add_flag("--allow-http", o.allow_http, "Plain http to this machine (a stand-in)");
  cmd->add_option("--unit", o.unit, "novosga: the unit (unidade) to take numbers for");
  cmd->add_option("--credentials", o.credentials, "novosga: a folder with client-id, client-secret, username, password (0600)");
}

std::unique_ptr<qu::QueueClient> client(const ServerOptions& o) {
  qu::ClientSettings s;
  s.url = o.url;
  s.adapter = o.adapter;
  s.http.policy.allow_http_loopback = o.allow_http;
  if (o.adapter == "novosga") s.novosga = qu::read_novosga_account(o.credentials, o.unit);
  return qu::make_client(s);
}

template <class T>
const T& value_or_throw(const qu::Result<T>& r) {
  if (const auto* e = std::get_if<qu::QueueError>(&r))
    throw std::runtime_error(std::string("queue server ") + qu::kind_name(e->kind) + ": " + kiosk::text::printable(e->detail));
  return std::get<T>(r);
}

// "quầy 1, 2"; a server that names the desk only when calling has none to list.
std::string counters_text(const std::vector<std::string>& c) {
  if (c.empty()) return "quầy: khi gọi số";
  std::string out;
  for (const auto& s : c) out += (out.empty() ? "" : ", ") + s;
  return "quầy " + out;
}

std::string ticket_line(const qu::Ticket& t) {
  std::ostringstream o;
  o << t.number << "  " << t.service << "  " << counters_text(t.counters) << "  " << qu::state_id(t.state);
  if (t.state == qu::Ticket::State::Waiting)
    o << (t.ahead_known ? "  trước còn " + std::to_string(t.waiting_ahead) + " người" : std::string())
      << (t.estimated_wait_minutes > 0 ? ", khoảng " + std::to_string(t.estimated_wait_minutes) + " phút" : std::string());
  if (!t.called_counter.empty()) o << "  gọi tại quầy " << t.called_counter;
  if (t.officer) o << "  (" << (t.officer->name.empty() ? t.officer->id : t.officer->name) << ")";
  return o.str() + "\n";
}

json tap_json(const qu::Tap& t) {
  return {{"key", t.key},
          {"service", t.service},
          {"procedure", t.procedure},
          {"priority", qu::priority_id(t.priority)},
          {"kiosk", t.kiosk},
          {"asked_at", t.asked_at},
          {"state", qu::tap_state_id(t.state)},
          {"ticket", t.ticket ? json::parse(qu::ticket_json(*t.ticket))["ticket"] : json()},
          {"error", t.error}};
}

Output ticket_output(const qu::Ticket& t) { return Output{ticket_line(t), json::parse(qu::ticket_json(t))["ticket"]}; }

}  // namespace

void register_queue_commands(CLI::App& app, Action& action) {
  auto* queue = app.add_subcommand("queue", "The center's queue server: services, numbers, the hall's state");
  queue->require_subcommand(1);
  {
    auto* cmd = queue->add_subcommand("services", "The services the queue server issues numbers for");
    auto o = std::make_shared<ServerOptions>();
    add_server_options(cmd, *o);
    cmd->callback([&action, o] {
      action = [=] {
        const auto list = value_or_throw(client(*o)->services());
        json arr = json::array();
        std::ostringstream t;
        t << "center " << list.center << "\n";
        for (const auto& s : list.services) {
          arr.push_back({{"id", s.id}, {"name", s.name}, {"agency", s.agency}, {"counters", s.counters},
                         {"open_hours", s.open_hours}, {"priority", s.priority}});
          t << s.id << "  " << s.name << "  (" << s.agency << ")  " << counters_text(s.counters)
            << (s.priority ? "  ưu tiên" : "") << "\n";
        }
        return Output{t.str(), {{"center", list.center}, {"services", arr}}};
      };
    });
  }
  {
    auto* cmd = queue->add_subcommand("take", "Take a number for a service, as one tap on the kiosk (kept in the state database)");
    auto o = std::make_shared<ServerOptions>();
    auto service = std::make_shared<std::string>();
    auto priority = std::make_shared<std::string>("none");
    auto procedure = std::make_shared<std::string>();
    auto db = std::make_shared<std::string>(kDefaultStateDb);
    auto kiosk_id = std::make_shared<std::string>("kioskctl");
    add_server_options(cmd, *o);
    cmd->add_option("SERVICE", *service, "The service's id")->required();
    cmd->add_option("--priority", *priority, "none, nguoi-cao-tuoi, nguoi-khuyet-tat, phu-nu-mang-thai, tre-em-duoi-6-tuoi");
    cmd->add_option("--procedure", *procedure, "The procedure's code the number is for");
    cmd->add_option("--state", *db, "The kiosk's state database");
    cmd->add_option("--kiosk-id", *kiosk_id, "Which kiosk asks");
    cmd->callback([&action, o, service, priority, procedure, db, kiosk_id] {
      action = [=] {
        const auto p = qu::priority_from_id(*priority);
        if (!p) throw std::runtime_error("unknown priority '" + *priority + "'");
        auto c = client(*o);
        // The center the server speaks for: a ticket naming another is refused.
        const std::string center = value_or_throw(c->services()).center;
        qu::TicketBook book(*db);
        const auto tap = book.open_tap(*service, *procedure, *p, *kiosk_id, now());
        return ticket_output(value_or_throw(book.fetch(*c, tap.key, center, now())));
      };
    });
  }
  {
    auto* cmd = queue->add_subcommand("resume", "Ask again, with their own keys, for the taps never answered");
    auto o = std::make_shared<ServerOptions>();
    auto db = std::make_shared<std::string>(kDefaultStateDb);
    add_server_options(cmd, *o);
    cmd->add_option("--state", *db, "The kiosk's state database");
    cmd->callback([&action, o, db] {
      action = [=] {
        auto c = client(*o);
        const std::string center = value_or_throw(c->services()).center;
        qu::TicketBook book(*db);
        json arr = json::array();
        std::ostringstream t;
        int failed = 0;
        for (const auto& tap : book.unanswered()) {
          const auto r = book.fetch(*c, tap.key, center, now());
          if (const auto* e = std::get_if<qu::QueueError>(&r)) {
            ++failed;
            t << tap.key << "  " << qu::kind_name(e->kind) << ": " << kiosk::text::printable(e->detail) << "\n";
          } else {
            t << tap.key << "  " << ticket_line(std::get<qu::Ticket>(r));
          }
          arr.push_back(tap_json(*book.get(tap.key)));
        }
        return Output{t.str().empty() ? "no unanswered taps\n" : t.str(), arr, failed ? 1 : 0};
      };
    });
  }
  {
    auto* cmd = queue->add_subcommand("ticket", "A ticket's state: waiting, called at a counter, served, no-show");
    auto o = std::make_shared<ServerOptions>();
    auto id = std::make_shared<std::string>();
    add_server_options(cmd, *o);
    cmd->add_option("ID", *id, "The ticket's id")->required();
    cmd->callback([&action, o, id] { action = [=] { return ticket_output(value_or_throw(client(*o)->ticket(*id))); }; });
  }
  {
    auto* cmd = queue->add_subcommand("status", "Per service: the number now served and how many wait");
    auto o = std::make_shared<ServerOptions>();
    add_server_options(cmd, *o);
    cmd->callback([&action, o] {
      action = [=] {
        const auto list = value_or_throw(client(*o)->status());
        json arr = json::array();
        std::ostringstream t;
        for (const auto& s : list) {
          arr.push_back({{"service", s.service}, {"serving", s.serving}, {"waiting", s.waiting}});
          t << s.service << "  đang phục vụ " << (s.serving.empty() ? "-" : s.serving) << "  chờ " << s.waiting << "\n";
        }
        return Output{t.str(), arr};
      };
    });
  }
  {
    auto* cmd = queue->add_subcommand("taps", "The kiosk's taps that asked for a number, newest first");
    auto db = std::make_shared<std::string>(kDefaultStateDb);
    auto limit = std::make_shared<int>(50);
    cmd->add_option("--state", *db, "The kiosk's state database");
    cmd->add_option("--limit", *limit, "How many");
    cmd->callback([&action, db, limit] {
      action = [=] {
        qu::TicketBook book(*db);
        json arr = json::array();
        std::ostringstream t;
        for (const auto& tap : book.recent(*limit)) {
          arr.push_back(tap_json(tap));
          t << tap.key << "  " << tap.service << "  " << qu::tap_state_id(tap.state);
          if (tap.ticket) t << "  " << tap.ticket->number;
          if (!tap.error.empty()) t << "  (" << kiosk::text::printable(tap.error) << ")";
          t << "\n";
        }
        return Output{t.str().empty() ? "no taps\n" : t.str(), arr};
      };
    });
  }
}

}  // namespace kioskctl

// Any answer a queue server could send, in our protocol or NovoSGA's: services, a ticket, the
// hall's state, a token, or a BadAnswer (NovoSGA's {"error"}: a Refusal), never a crash or
// another exception. A ticket accepted survives its own round trip and holds
// no control character (it is shown, spoken and printed). Any queue.json a pack could carry: a
// map whose every service is one it names, or a PackError.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "content/pack.hpp"
#include "content/queue_map.hpp"
#include "queue/answers.hpp"
#include "queue/novosga_answers.hpp"
#include "queue/ticket_book.hpp"

namespace {

bool has_control(const std::string& s) {
  for (unsigned char c : s)
    if (c < 0x20 || c == 0x7f) return true;
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string body(reinterpret_cast<const char*>(data) + 1, size - 1);
  using namespace kiosk::queue;
  // Any scan is also tried as a queue paper: either nothing, or ids that round-trip.
  if (const auto b = parse_booking_qr(body); b && parse_booking_qr(booking_qr_payload(*b))->booking != b->booking) std::abort();
  if (const auto t = parse_ticket_qr(body); t && (t->id.empty() || t->hash.find('|') != std::string::npos)) std::abort();
  try {
    switch (data[0] % 8) {
      case 3: {
        kiosk::content::Procedure p;
        p.code = "1.000894";
        p.field = "Hộ tịch";
        p.counter = "Quầy 11";
        p.agencies = {"Sở Tư pháp"};
        try {
          const auto m = kiosk::content::parse_queue_map(body, {p});
          if (const auto s = m.service_for(p); s && s->empty()) std::abort();
        } catch (const kiosk::content::PackError& e) {
          if (std::string(e.what()).empty()) std::abort();
        }
        break;
      }
      case 0: {
        const Ticket t = parse_ticket(body);
        if (has_control(t.number) || t.waiting_ahead < 0) std::abort();
        const Ticket again = parse_ticket(ticket_json(t));
        if (again.id != t.id || again.number != t.number || again.counters != t.counters || again.state != t.state ||
            again.ahead_known != t.ahead_known)
          std::abort();
        break;
      }
      case 1:
        for (const auto& s : parse_services(body).services)
          if (s.id.empty() || has_control(s.name)) std::abort();
        break;
      case 2:
        // The hall's calls: in order, never a negative seq (they are how no call is said twice).
        try {
          int64_t last = -1;
          for (const auto& c : parse_calls(body)) {
            if (c.seq <= last || c.number.empty()) std::abort();
            last = c.seq;
          }
        } catch (const BadAnswer&) {
        }
        for (const auto& s : parse_status(body))
          if (s.waiting < 0) std::abort();
        break;
      case 4: {
        std::string doc;
        const Ticket t = novosga::parse_atendimento(body, "novosga-1", &doc);
        if (t.id.empty() || has_control(t.number) || has_control(doc)) std::abort();
        // Kept in the tap and read back by our own parser: the same ticket.
        if (parse_ticket(ticket_json(t)).id != t.id) std::abort();
        break;
      }
      case 5:
        try {
          int64_t last = -1;
          for (const auto& c : novosga::parse_painel(body)) {
            if (c.seq <= last || c.counter.empty()) std::abort();
            last = c.seq;
          }
        } catch (const BadAnswer&) {
        }
        for (const auto& e : novosga::parse_atendimentos(body, "novosga-1"))
          if (e.ticket.id.empty()) std::abort();
        break;
      case 6:
        for (const auto& s : novosga::parse_services(body))
          if (s.id.empty() || has_control(s.agency)) std::abort();
        for (const auto& p : novosga::parse_priorities(body))
          if (p.slug.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") != std::string::npos) std::abort();
        break;
      default:
        if (novosga::parse_token(body).access_token.empty()) std::abort();
    }
  } catch (const novosga::Refusal&) {
  } catch (const BadAnswer& e) {
    if (std::string(e.what()).empty()) std::abort();
  }
  return 0;
}

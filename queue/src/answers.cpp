#include "queue/answers.hpp"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>

#include "common/text.hpp"
#include "json_fields.hpp"

namespace kiosk::queue {

using namespace fields;

using nlohmann::json;


const char* priority_id(Priority p) {
  switch (p) {
    case Priority::None: return "none";
    case Priority::Elderly: return "nguoi-cao-tuoi";
    case Priority::Disabled: return "nguoi-khuyet-tat";
    case Priority::Pregnant: return "phu-nu-mang-thai";
    case Priority::YoungChild: return "tre-em-duoi-6-tuoi";
  }
  return "none";
}

std::optional<Priority> priority_from_id(const std::string& id) {
  for (Priority p : {Priority::None, Priority::Elderly, Priority::Disabled, Priority::Pregnant, Priority::YoungChild})
    if (id == priority_id(p)) return p;
  return std::nullopt;
}

const char* state_id(Ticket::State s) {
  switch (s) {
    case Ticket::State::Waiting: return "waiting";
    case Ticket::State::Called: return "called";
    case Ticket::State::Served: return "served";
    case Ticket::State::NoShow: return "no-show";
  }
  return "waiting";
}

std::string ticket_qr_payload(const Ticket& t) { return "TTHCQ1|" + t.center + "|" + t.id + "|" + t.hash; }

namespace {

// "<prefix><a>|<b>|<c>" with three id-like parts (the third up to 128), or nothing.
std::optional<std::array<std::string, 3>> three_ids(std::string_view payload, std::string_view prefix) {
  if (payload.size() > 300 || payload.substr(0, prefix.size()) != prefix) return std::nullopt;
  std::vector<std::string> parts;
  std::string cur;
  for (char c : payload.substr(prefix.size())) {
    if (c == '|') {
      parts.push_back(std::move(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  parts.push_back(std::move(cur));
  if (parts.size() != 3) return std::nullopt;
  auto id_like = [](const std::string& s, size_t max) {
    return !s.empty() && s.size() <= max &&
           std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isalnum(c) || c == '-' || c == '_' || c == '.'; });
  };
  if (!id_like(parts[0], 64) || !id_like(parts[1], 64) || !id_like(parts[2], 128)) return std::nullopt;
  return std::array<std::string, 3>{parts[0], parts[1], parts[2]};
}

}  // namespace

std::optional<TicketRef> parse_ticket_qr(std::string_view payload) {
  auto p = three_ids(payload, "TTHCQ1|");
  if (!p) return std::nullopt;
  return TicketRef{(*p)[0], (*p)[1], (*p)[2]};
}

std::string booking_qr_payload(const BookingRef& b) { return "TTHCB1|" + b.center + "|" + b.booking + "|" + b.code; }

std::optional<BookingRef> parse_booking_qr(std::string_view payload) {
  auto p = three_ids(payload, "TTHCB1|");
  if (!p) return std::nullopt;
  return BookingRef{(*p)[0], (*p)[1], (*p)[2]};
}

std::string issued_at_words(const std::string& iso) {
  // YYYY-MM-DDTHH:MM…
  auto digits = [&](size_t from, size_t n) {
    if (iso.size() < from + n) return false;
    for (size_t i = from; i < from + n; ++i)
      if (!std::isdigit(static_cast<unsigned char>(iso[i]))) return false;
    return true;
  };
  if (!(digits(0, 4) && iso[4] == '-' && digits(5, 2) && iso[7] == '-' && digits(8, 2) && iso[10] == 'T' && digits(11, 2) && iso[13] == ':' &&
        digits(14, 2)))
    return iso;
  return iso.substr(11, 5) + " " + iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
}

ServiceList parse_services(std::string_view body) {
  const json j = parse_object(body);
  ServiceList out;
  out.center = id_at(j, "center");
  auto it = j.find("services");
  if (it == j.end() || !it->is_array()) throw BadAnswer("no list 'services'");
  if (it->size() > 500) throw BadAnswer("more services than a center has");
  for (const auto& s : *it) {
    if (!s.is_object()) throw BadAnswer("a service is not an object");
    Service v;
    v.id = id_at(s, "id");
    v.name = text_at(s, "name", 200, true);
    v.agency = text_at(s, "agency", 200, false);
    v.counters = counters_at(s);
    v.open_hours = text_at(s, "open_hours", 100, false);
    if (auto p = s.find("priority"); p != s.end()) {
      if (!p->is_boolean()) throw BadAnswer("'priority' is not true or false");
      v.priority = p->get<bool>();
    }
    out.services.push_back(std::move(v));
  }
  return out;
}

Ticket parse_ticket(std::string_view body) {
  const json j = parse_object(body);
  const json& t = object_at(j, "ticket");
  Ticket v;
  v.id = id_at(t, "id");
  v.number = text_at(t, "number", 16, true);
  v.center = id_at(t, "center");
  v.service = id_at(t, "service");
  v.counters = counters_at(t);
  v.waiting_ahead = int_at(t, "waiting_ahead", 100000);
  if (auto k = t.find("ahead_known"); k != t.end()) {
    if (!k->is_boolean()) throw BadAnswer("'ahead_known' is not true or false");
    v.ahead_known = k->get<bool>();
  }
  v.estimated_wait_minutes = int_at(t, "estimated_wait_minutes", 24 * 60);
  v.issued_at = text_at(t, "issued_at", 40, true);
  v.hash = id_at(t, "hash", 128);
  v.state = state_from(text_at(t, "state", 16, true));
  v.called_counter = text_at(t, "counter", 16, false);
  if (auto o = t.find("officer"); o != t.end() && !o->is_null()) {
    if (!o->is_object()) throw BadAnswer("'officer' is not an object");
    v.officer = Officer{id_at(*o, "id"), text_at(*o, "name", 200, false)};
  }
  if (v.state == Ticket::State::Called && v.called_counter.empty()) throw BadAnswer("a called ticket without its counter");
  return v;
}

std::vector<ServiceStatus> parse_status(std::string_view body) {
  const json j = parse_object(body);
  auto it = j.find("services");
  if (it == j.end() || !it->is_array() || it->size() > 500) throw BadAnswer("no list 'services'");
  std::vector<ServiceStatus> out;
  for (const auto& s : *it) {
    if (!s.is_object()) throw BadAnswer("a service's status is not an object");
    out.push_back({id_at(s, "id"), text_at(s, "serving", 16, false), int_at(s, "waiting", 100000)});
  }
  return out;
}

std::vector<Call> parse_calls(std::string_view body) {
  const json j = parse_object(body);
  auto it = j.find("calls");
  if (it == j.end() || !it->is_array() || it->size() > 1000) throw BadAnswer("no list 'calls'");
  std::vector<Call> out;
  int64_t last = -1;
  for (const auto& c : *it) {
    if (!c.is_object()) throw BadAnswer("a call is not an object");
    Call v;
    auto seq = c.find("seq");
    if (seq == c.end() || !seq->is_number_integer() || seq->get<int64_t>() < 0) throw BadAnswer("'seq' is not a whole number");
    v.seq = seq->get<int64_t>();
    // Out of order, the display could not say which calls it has seen.
    if (v.seq <= last) throw BadAnswer("calls not in order");
    last = v.seq;
    v.number = text_at(c, "number", 16, true);
    v.service = id_at(c, "service");
    v.counter = text_at(c, "counter", 16, true);
    if (auto r = c.find("recall"); r != c.end()) {
      if (!r->is_boolean()) throw BadAnswer("'recall' is not true or false");
      v.recall = r->get<bool>();
    }
    out.push_back(std::move(v));
  }
  return out;
}

}  // namespace kiosk::queue

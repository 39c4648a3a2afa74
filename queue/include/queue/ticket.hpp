// What the center's queue server (hệ thống xếp hàng) hands out and answers: its services, a
// ticket (số thứ tự) and where it is, and the hall's state. The kiosk never makes a number up:
// every ticket here came from the server, and was checked to be the one asked for.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kiosk::queue {

// A service the queue server issues tickets for (a counter group: "Hộ tịch — Sở Tư pháp").
struct Service {
  std::string id;
  std::string name;
  std::string agency;
  std::vector<std::string> counters;  // as the hall shows them: "11", "12"
  std::string open_hours;             // as the server says them: "07:30-11:30, 13:30-17:00"
  bool priority = false;              // takes priority tickets (người cao tuổi, khuyết tật…)
};

struct ServiceList {
  std::string center;  // the center the server speaks for; tickets must name the same one
  std::vector<Service> services;
};

// The priority categories a center may configure; None is never assumed otherwise.
enum class Priority { None, Elderly, Disabled, Pregnant, YoungChild };
const char* priority_id(Priority p);                    // "none", "nguoi-cao-tuoi", …
std::optional<Priority> priority_from_id(const std::string& id);

struct Officer {
  std::string id, name;
};

struct Ticket {
  enum class State { Waiting, Called, Served, NoShow };
  std::string id;        // the server's, for looking it up again
  std::string number;    // as shown and called: "B-1023"
  std::string center;
  std::string service;   // the service id it was issued for
  std::vector<std::string> counters;
  int waiting_ahead = 0;
  bool ahead_known = true;         // false: the server did not say (the screen says nothing of it)
  int estimated_wait_minutes = 0;  // 0: no estimate
  std::string issued_at;  // as the server says it (ISO 8601)
  std::string hash;       // the server's check value, printed in the ticket's QR
  State state = State::Waiting;
  std::string called_counter;     // once called
  std::optional<Officer> officer;  // who called it, when the server says
};
const char* state_id(Ticket::State s);

// A number called to a counter, as the hall's display announces it. `seq` grows with every call
// (a recall is a new call of the same number); the display asks for the calls after the last
// it saw, so none is announced twice or missed.
struct Call {
  int64_t seq = 0;
  std::string number;   // "B-1023"
  std::string service;  // its service id
  std::string counter;  // where to go: "5"
  bool recall = false;  // called again (the citizen did not come)
};

// Per service, what the hall shows.
struct ServiceStatus {
  std::string service;
  std::string serving;  // the number now served, or empty
  int waiting = 0;
};

}  // namespace kiosk::queue

#include "hall/hall_board.hpp"

#include <algorithm>
#include <cctype>

#include "vntext/number_words.hpp"

namespace kiosk::hall {

void HallBoard::set_services(std::vector<queue::Service> list) {
  services = std::move(list);
  std::vector<CounterNow> next;
  for (const auto& s : services)
    for (const auto& c : s.counters) {
      if (std::any_of(next.begin(), next.end(), [&](const CounterNow& n) { return n.counter == c; })) continue;
      CounterNow n{c, "", s.id, {}};
      for (const auto& old : counters)
        if (old.counter == c) n = old;
      next.push_back(std::move(n));
    }
  // Counters named only by calls (a server that lists none) stay.
  for (const auto& old : counters)
    if (std::none_of(next.begin(), next.end(), [&](const CounterNow& n) { return n.counter == old.counter; })) next.push_back(old);
  counters = std::move(next);
}

std::vector<queue::Call> HallBoard::apply(const std::vector<queue::Call>& calls, Clock::time_point now, bool flash) {
  std::vector<queue::Call> fresh;
  for (const auto& c : calls) {
    if (c.seq <= last_seq) continue;
    last_seq = c.seq;
    auto it = std::find_if(counters.begin(), counters.end(), [&](const CounterNow& n) { return n.counter == c.counter; });
    if (it == counters.end()) it = counters.insert(counters.end(), CounterNow{c.counter, "", c.service, {}});
    it->number = c.number;
    it->service = c.service;
    it->called_at = flash ? now : Clock::time_point{};
    recent.push_front(c);
    if (recent.size() > kRecent) recent.pop_back();
    fresh.push_back(c);
  }
  return fresh;
}

void HallBoard::set_status(const std::vector<queue::ServiceStatus>& status) {
  waiting.clear();
  for (const auto& s : status) waiting[s.service] = s.waiting;
}

const queue::Service* HallBoard::service(const std::string& id) const {
  for (const auto& s : services)
    if (s.id == id) return &s;
  return nullptr;
}

namespace {

// A letter as it is called in a hall: "B" -> "bê".
std::string letter_name(char c) {
  static const std::map<char, const char*> names = {
      {'A', "a"},   {'B', "bê"},  {'C', "xê"},   {'D', "đê"},  {'E', "e"},    {'F', "ép"}, {'G', "giê"},
      {'H', "hát"}, {'I', "i"},   {'J', "gi"},   {'K', "ca"},  {'L', "e lờ"}, {'M', "em"}, {'N', "en"},
      {'O', "o"},   {'P', "pê"},  {'Q', "quy"},  {'R', "e rờ"}, {'S', "ét"},  {'T', "tê"}, {'U', "u"},
      {'V', "vê"},  {'W', "vê kép"}, {'X', "ích"}, {'Y', "i dài"}, {'Z', "dét"}};
  const auto it = names.find(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  return it == names.end() ? std::string() : it->second;
}

// Letters spelled, runs of digits as numbers ("B-1023" -> "bê một nghìn không trăm hai mươi ba").
std::string number_spoken(const std::string& number) {
  std::string out, digits;
  auto flush = [&] {
    if (digits.empty()) return;
    // Leading zeros are read ("A007": a không không bảy), as on the ticket.
    size_t zeros = 0;
    while (zeros + 1 < digits.size() && digits[zeros] == '0') ++zeros;
    for (size_t i = 0; i < zeros; ++i) out += (out.empty() ? "" : " ") + std::string("không");
    out += (out.empty() ? "" : " ") + vntext::number_words(std::stoull(digits.substr(zeros, 15)));
    digits.clear();
  };
  for (char c : number) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      digits += c;
      continue;
    }
    flush();
    const std::string l = letter_name(c);
    if (!l.empty()) out += (out.empty() ? "" : " ") + l;
  }
  flush();
  return out;
}

}  // namespace

std::string call_sentence(const queue::Call& c) {
  std::string counter = c.counter;
  const bool numeric = !counter.empty() && counter.size() < 6 && std::all_of(counter.begin(), counter.end(), ::isdigit);
  return std::string(c.recall ? "Mời lại công dân có số " : "Mời công dân có số ") + number_spoken(c.number) + " đến quầy số " +
         (numeric ? vntext::number_words(std::stoull(counter)) : counter);
}

std::string test_call_sentence() {
  return "Gọi thử. Đây là thử loa gọi số của trung tâm, quý vị không cần làm gì";
}

}  // namespace kiosk::hall

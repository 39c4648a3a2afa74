// `kioskctl bench queue`: what taking a queue number costs, against a queue server (the local
// stand-in in dev.sh bench: loopback round trips, not a center's network).
//   - tap to ticket: the tap made durable, the server asked, its answer checked and kept; then
//     the ticket laid out as the 80 mm PDF the printer gets (CUPS itself is `bench print`'s);
//   - a hall of kiosks: K kiosks (threads, each its own state database and client) taking numbers
//     at once for S seconds: every number distinct within its service, every kiosk's taps
//     accounted for (issued here = issued there), none left unanswered.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <ctime>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include "bench_figures.hpp"
#include "commands.hpp"
#include "common/files.hpp"
#include "printing/documents.hpp"
#include "printing/pdf_layout.hpp"
#include "queue/answers.hpp"
#include "queue/client.hpp"
#include "queue/ticket_book.hpp"

namespace kioskctl {

using nlohmann::json;
namespace qu = kiosk::queue;
using Clock = std::chrono::steady_clock;

namespace {

int64_t now() { return static_cast<int64_t>(std::time(nullptr)); }

std::unique_ptr<qu::QueueClient> client_for(const std::string& url) {
  qu::ClientSettings s;
  s.url = url;
  s.http.policy.allow_http_loopback = true;
  return qu::make_client(s);
}

json spread_json(const Spread& s) { return {{"p50_ms", s.p50}, {"p99_ms", s.p99}, {"max_ms", s.max}}; }

}  // namespace

void register_queue_bench(CLI::App& bench, Action& action) {
  auto* cmd = bench.add_subcommand("queue", "Queue numbers: tap to ticket, and a hall of kiosks taking numbers at once");
  auto url = std::make_shared<std::string>();
  auto taps = std::make_shared<int>(200);
  auto kiosks = std::make_shared<int>(20);
  auto seconds = std::make_shared<int>(60);
  cmd->add_option("--queue", *url, "The queue server (plain http allowed to this machine only)")->required();
  cmd->add_option("--taps", *taps, "Taps for the tap-to-ticket figures");
  cmd->add_option("--kiosks", *kiosks, "Kiosks taking numbers at once");
  cmd->add_option("--seconds", *seconds, "How long they take numbers");
  cmd->callback([&action, url, taps, kiosks, seconds] {
    action = [=] {
      kiosk::files::TempDir dir;
      auto c = client_for(*url);
      const auto list = std::get<qu::ServiceList>(c->services());
      if (list.services.empty()) throw std::runtime_error("the queue server has no services");
      // Tap to ticket, then to the printer's PDF.
      std::vector<double> to_ticket, to_pdf;
      {
        qu::TicketBook book(dir.path() / "one.db");
        for (int i = 0; i < *taps; ++i) {
          const auto& svc = list.services[static_cast<size_t>(i) % list.services.size()];
          const auto t0 = Clock::now();
          const auto tap = book.open_tap(svc.id, "", qu::Priority::None, "bench", now());
          const auto r = book.fetch(*c, tap.key, list.center, now());
          if (const auto* e = std::get_if<qu::QueueError>(&r)) throw std::runtime_error(std::string("a tap failed: ") + e->detail);
          to_ticket.push_back(ms_since(t0));
          const auto& t = std::get<qu::Ticket>(r);
          kiosk::printing::QueueTicketData d;
          d.number = t.number;
          d.service = svc.name;
          d.agency = svc.agency;
          for (const auto& cn : t.counters) d.counters += (d.counters.empty() ? "" : ", ") + cn;
          d.waiting_ahead = t.ahead_known ? t.waiting_ahead : -1;
          d.wait_minutes = t.estimated_wait_minutes;
          d.issued_at = qu::issued_at_words(t.issued_at);
          d.qr_payload = qu::ticket_qr_payload(t);
          const std::string pdf = kiosk::printing::render_pdf_bytes(kiosk::printing::queue_ticket(d, json::object()), kiosk::printing::Paper::Roll80);
          if (pdf.size() < 100) throw std::runtime_error("the ticket did not lay out");
          to_pdf.push_back(ms_since(t0));
        }
      }
      // A hall of kiosks at once.
      std::atomic<bool> stop{false};
      std::vector<std::thread> threads;
      std::vector<int> issued(static_cast<size_t>(*kiosks), 0), failed(static_cast<size_t>(*kiosks), 0);
      std::vector<std::vector<double>> latencies(static_cast<size_t>(*kiosks));
      std::vector<std::vector<std::string>> numbers(static_cast<size_t>(*kiosks));
      std::mutex first_mu;
      std::string first_failure;  // what the first failed tap was told, for whoever reads the figures
      for (int k = 0; k < *kiosks; ++k)
        threads.emplace_back([&, k] {
          auto kc = client_for(*url);
          qu::TicketBook book(dir.path() / ("kiosk-" + std::to_string(k) + ".db"));
          const std::string id = "bench-k" + std::to_string(k);
          for (size_t i = static_cast<size_t>(k); !stop.load(); ++i) {
            const auto& svc = list.services[i % list.services.size()];
            const auto t0 = Clock::now();
            const auto tap = book.open_tap(svc.id, "", qu::Priority::None, id, now());
            const auto r = book.fetch(*kc, tap.key, list.center, now());
            latencies[static_cast<size_t>(k)].push_back(ms_since(t0));
            if (const auto* t = std::get_if<qu::Ticket>(&r)) {
              ++issued[static_cast<size_t>(k)];
              numbers[static_cast<size_t>(k)].push_back(t->service + "/" + t->number);
            } else {
              ++failed[static_cast<size_t>(k)];
              std::lock_guard lock(first_mu);
              if (first_failure.empty()) {
                const auto& e = std::get<qu::QueueError>(r);
                first_failure = std::string(qu::kind_name(e.kind)) + ": " + e.detail;
              }
            }
            // A citizen's tap, not a loop: a kiosk takes at most a few numbers a second.
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
          }
        });
      std::this_thread::sleep_for(std::chrono::seconds(*seconds));
      stop = true;
      for (auto& t : threads) t.join();
      std::set<std::string> distinct;
      int total = 0, failures = 0, unanswered = 0;
      std::vector<double> all;
      for (int k = 0; k < *kiosks; ++k) {
        total += issued[static_cast<size_t>(k)];
        failures += failed[static_cast<size_t>(k)];
        distinct.insert(numbers[static_cast<size_t>(k)].begin(), numbers[static_cast<size_t>(k)].end());
        all.insert(all.end(), latencies[static_cast<size_t>(k)].begin(), latencies[static_cast<size_t>(k)].end());
        unanswered += static_cast<int>(qu::TicketBook(dir.path() / ("kiosk-" + std::to_string(k) + ".db")).unanswered().size());
      }
      const Spread one = spread(to_ticket), pdf = spread(to_pdf), hall = spread(all);
      const bool distinct_ok = static_cast<int>(distinct.size()) == total;
      std::ostringstream t;
      t << "queue bench against " << *url << " (" << list.services.size() << " services)\n";
      t << "  tap to ticket (durable, asked, checked): p50 " << one.p50 << " ms, p99 " << one.p99 << " ms, max " << one.max << " ms over "
        << *taps << " taps\n";
      t << "  tap to the ticket's PDF (80 mm): p50 " << pdf.p50 << " ms, p99 " << pdf.p99 << " ms\n";
      t << "  " << *kiosks << " kiosks for " << *seconds << " s: " << total << " numbers, " << failures << " failed taps, " << unanswered
        << " unanswered, " << (distinct_ok ? "all distinct" : "NUMBERS REPEATED") << "; tap p50 " << hall.p50 << " ms, p99 " << hall.p99
        << " ms\n";
      if (!first_failure.empty()) t << "  first failure: " << first_failure << "\n";
      return Output{t.str(),
                    {{"tap_to_ticket", spread_json(one)},
                     {"tap_to_pdf", spread_json(pdf)},
                     {"hall", {{"kiosks", *kiosks}, {"seconds", *seconds}, {"numbers", total}, {"failed", failures}, {"unanswered", unanswered},
                               {"distinct", distinct_ok}, {"tap", spread_json(hall)}}}},
                    // A number given twice is a fault whatever the machine's load; failed taps (a
                    // slow machine, a server's refusal) are figures, printed above.
                    distinct_ok ? 0 : 1};
    };
  });
}

}  // namespace kioskctl

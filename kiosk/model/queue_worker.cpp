#include "model/queue_worker.hpp"

#include <ctime>

#include "queue/ticket_book.hpp"

namespace kiosk::app {

namespace {

int64_t now() { return static_cast<int64_t>(std::time(nullptr)); }

// Lives on the worker thread: the client, the taps (their own SQLite connection), the center.
struct QueueJob {
  std::unique_ptr<queue::QueueClient> client;
  std::unique_ptr<queue::TicketBook> book;
  std::string kiosk_id;
  std::string center;  // from the last services answer
  Logger* log;

  QueueAnswer services() {
    QueueAnswer a;
    auto r = client->services();
    if (auto* list = std::get_if<queue::ServiceList>(&r)) {
      center = list->center;
      a.services = std::move(*list);
    } else {
      a.error = std::get<queue::QueueError>(r);
    }
    return a;
  }

  QueueAnswer take(const QueueAsk& ask) {
    QueueAnswer a;
    // The center first: a ticket naming another is refused, never shown.
    if (center.empty()) {
      a = services();
      if (a.error) return a;
    }
    std::string key = ask.tap;
    if (key.empty())
      key = ask.kind == QueueAsk::Kind::CheckIn ? book->open_checkin(ask.booking, kiosk_id, now()).key
                                                : book->open_tap(ask.service, ask.procedure, ask.priority, kiosk_id, now()).key;
    a.tap = key;
    auto r = book->fetch(*client, key, center, now());
    if (auto* t = std::get_if<queue::Ticket>(&r)) {
      log->info("queue", "number " + t->number + " for " + t->service);
      a.ticket = std::move(*t);
    } else {
      const auto& e = std::get<queue::QueueError>(r);
      log->warn("queue", std::string("no number for ") + (ask.kind == QueueAsk::Kind::CheckIn ? "booking " + ask.booking.booking : ask.service) +
                             ": " + queue::kind_name(e.kind) + ": " + e.detail);
      a.error = e;
    }
    return a;
  }

  // A ticket's QR: the ticket as the server has it now, if it is that ticket (its center and the
  // hash printed with it); a QR someone made up names no ticket.
  QueueAnswer lookup(const QueueAsk& ask) {
    QueueAnswer a;
    if (center.empty()) {
      a = services();
      if (a.error) return a;
    }
    if (ask.ticket.center != center) {
      a.error = queue::QueueError{queue::QueueError::Kind::Refused, "a ticket of center " + ask.ticket.center};
      return a;
    }
    auto r = client->ticket(ask.ticket.id);
    if (auto* t = std::get_if<queue::Ticket>(&r)) {
      if (t->hash != ask.ticket.hash || t->id != ask.ticket.id)
        a.error = queue::QueueError{queue::QueueError::Kind::Refused, "the ticket's hash does not match its QR"};
      else
        a.ticket = std::move(*t);
    } else {
      a.error = std::get<queue::QueueError>(r);
    }
    if (a.error) log->warn("queue", "ticket " + ask.ticket.id + " not looked up: " + queue::kind_name(a.error->kind) + ": " + a.error->detail);
    return a;
  }

  // Taps a previous run left unanswered (the kiosk stopped mid-way): asked again with their keys,
  // so a number the server issued is recorded with its tap.
  void resume() {
    for (const auto& tap : book->unanswered()) {
      auto r = book->fetch(*client, tap.key, center, now());
      if (const auto* t = std::get_if<queue::Ticket>(&r))
        log->info("queue", "a tap left unanswered got its number " + t->number);
    }
  }
};

}  // namespace

std::unique_ptr<QueueWorker> make_queue_worker(const KioskConfig& c, Logger& log, std::function<void()> wake) {
  queue::ClientSettings s = queue_settings(c);
  queue::make_client(s);  // refuses an address it will not use, here rather than per tap
  const std::filesystem::path db = c.state_db;
  const std::string kiosk_id = kiosk_id_or_hostname(c.kiosk_id);
  Logger* lg = &log;
  return std::make_unique<QueueWorker>(
      [s, db, kiosk_id, lg](std::stop_token) {
        auto job = std::make_shared<QueueJob>();
        job->client = queue::make_client(s);
        job->kiosk_id = kiosk_id;
        job->log = lg;
        try {
          job->book = std::make_unique<queue::TicketBook>(db);
          if (!job->services().error) job->resume();
        } catch (const std::exception& e) {
          lg->error("queue", std::string("queue numbers unavailable (state database): ") + e.what());
        }
        return QueueWorker::Job([job](const QueueAsk& ask) {
          if (!job->book) return QueueAnswer{std::nullopt, std::nullopt, queue::QueueError{queue::QueueError::Kind::Unreachable, "no state database"}, {}};
          try {
            switch (ask.kind) {
              case QueueAsk::Kind::Services: return job->services();
              case QueueAsk::Kind::Lookup: return job->lookup(ask);
              case QueueAsk::Kind::Take:
              case QueueAsk::Kind::CheckIn: break;
            }
            return job->take(ask);
          } catch (const std::exception& e) {
            // The taps' database failed: no number rather than one not recorded.
            return QueueAnswer{std::nullopt, std::nullopt, queue::QueueError{queue::QueueError::Kind::Unreachable, e.what()}, {}};
          }
        });
      },
      std::move(wake));
}

}  // namespace kiosk::app

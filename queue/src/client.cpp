#include "queue/client.hpp"

#include <stdexcept>

#include "adapters.hpp"
#include "common/files.hpp"

namespace kiosk::queue {

const char* kind_name(QueueError::Kind k) {
  switch (k) {
    case QueueError::Kind::Unreachable: return "unreachable";
    case QueueError::Kind::Busy: return "busy";
    case QueueError::Kind::BadAnswer: return "bad-answer";
    case QueueError::Kind::Refused: return "refused";
  }
  return "unreachable";
}

NovosgaAccount read_novosga_account(const std::filesystem::path& dir, std::string unit) {
  NovosgaAccount a;
  a.unit = std::move(unit);
  a.client_id = files::read_secret_file(dir / "client-id");
  a.client_secret = files::read_secret_file(dir / "client-secret");
  a.username = files::read_secret_file(dir / "username");
  a.password = files::read_secret_file(dir / "password");
  return a;
}

std::unique_ptr<QueueClient> make_client(const ClientSettings& s) {
  http::check_url(s.url, s.http.policy);
  if (s.adapter == "generic") return make_generic_client(s);
  if (s.adapter == "novosga") return make_novosga_client(s);
  throw std::invalid_argument("queue adapter '" + s.adapter + "' is not known (generic, novosga)");
}

}  // namespace kiosk::queue

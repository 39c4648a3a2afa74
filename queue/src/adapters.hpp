// The adapters behind make_client (internal to queue/).
#pragma once
#include <memory>

#include "queue/client.hpp"

namespace kiosk::queue {

std::unique_ptr<QueueClient> make_generic_client(const ClientSettings& s);
std::unique_ptr<QueueClient> make_novosga_client(const ClientSettings& s);

}  // namespace kiosk::queue

// The servers kiosk.conf names, as their clients take them: shared by the citizen kiosk, the
// hall display and kioskctl (part of the session-free core).
#pragma once
#include "dossier/status_client.hpp"
#include "model/config.hpp"
#include "queue/client.hpp"

namespace kiosk::app {

// The one-stop backend (its token file read). Throws for a bad adapter or an unreadable token.
dossier::BackendConfig backend_config(const KioskConfig& c);
// The queue server (NovoSGA's account read). Throws when unreadable.
queue::ClientSettings queue_settings(const KioskConfig& c);

}  // namespace kiosk::app

// What the UI and the platform ask of the session and the services, in one place: start a
// search or a lookup, open a scanned slip, and collect the workers' answers into the session
// before a frame is drawn (never inside a screen's drawing).
#pragma once
#include "common/log.hpp"
#include "model/services.hpp"
#include "model/session.hpp"

namespace kiosk::app {

// Asks the search worker for the session's query and filters, unless that is already asked.
void request_search(Session& s, Services& svc);
// Looks the session's dossier query up.
void start_lookup(Session& s, Services& svc);
// A slip was scanned (camera, wedge or serial scanner): from any screen, straight to its status.
void open_scanned(Session& s, Services& svc, const std::string& payload);
// Takes every finished answer into the session. Returns true when what is shown changed.
bool collect_answers(Session& s, Services& svc, Logger& log);
// Something the session asked of a worker is still running (scripts wait for it).
bool work_pending(const Services& svc);

}  // namespace kiosk::app

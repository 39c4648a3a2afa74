// The kiosk's screens, as the session's state machine knows them.
#pragma once

namespace kiosk::app {

enum class Screen { Attract, Home, Search, Procedure, Staff, Dossier, Payment, Rating, Queue };

}  // namespace kiosk::app

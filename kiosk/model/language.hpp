// The languages the kiosk speaks to citizens. Printed documents are always Vietnamese.
#pragma once

namespace kiosk::app {

enum class Language { Vi, En };

}  // namespace kiosk::app

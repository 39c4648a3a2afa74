// One file per screen. Each is a ScreenView (frame.hpp); the router creates them in this order,
// which is also the order of their tiles on the home screen.
#pragma once
#include <memory>

#include "payment/journal.hpp"
#include "printing/print_service.hpp"
#include "ui/frame.hpp"

namespace kiosk::ui {

std::unique_ptr<ScreenView> make_attract_screen();
std::unique_ptr<ScreenView> make_home_screen();
std::unique_ptr<ScreenView> make_search_screen();
std::unique_ptr<ScreenView> make_procedure_screen();
std::unique_ptr<ScreenView> make_dossier_screen();
std::unique_ptr<ScreenView> make_payment_screen();  // from the dossier screen, no tile
std::unique_ptr<ScreenView> make_rating_screen();
std::unique_ptr<ScreenView> make_queue_screen();
std::unique_ptr<ScreenView> make_staff_screen();

// Five taps in the top-left corner within three seconds open the staff PIN pad (any screen but
// the attract screen, and only when a PIN is configured).
void staff_gesture(FrameContext& f);

// A paid entry's receipt as the printer gets it (payment screen, dossier screen, staff reprints).
printing::PrintService::Render receipt_render(const payment::Entry& e, bool reprint, const app::Services& s,
                                              const nlohmann::json& center);

}  // namespace kiosk::ui

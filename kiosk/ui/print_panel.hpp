// Print buttons and what became of a press ("Đang in…", "Máy in hết giấy…"), for one citizen's
// session: tickets are forgotten when the session is wiped.
#pragma once
#include <map>
#include <string>

#include "model/session.hpp"
#include "printing/print_service.hpp"
#include "ui/theme.hpp"
#include "ui/visible_items.hpp"
#include "ui/widgets.hpp"

namespace kiosk::ui {

struct PrintJob {
  std::string kind;  // summary | form | status-slip
  std::string title;
  printing::PrintService::Render render;
};

class PrintPanel {
 public:
  // A print button; a tap asks the service for `make()`'s document unless the printer is known
  // to be unable, in which case the reason is shown instead. Returns true when tapped.
  template <typename Make>
  bool button(VisibleItems& items, printing::PrintService* svc, const app::Session& s, const std::string& key,
              const std::string& label, ImVec2 size, const ButtonLook& look, Make make) {
    if (!svc) return false;
    sync(s);
    if (!ui::button(items, ("##print-" + key).c_str(), label, size, look)) return false;
    press(svc, key, make());
    return true;
  }

  // The message for the citizen about the last press, if any: text and whether it is bad news.
  struct Status {
    std::string text;
    bool problem = false;
    bool busy = false;  // a job is on its way: the UI keeps refreshing
  };
  std::optional<Status> status(printing::PrintService* svc, const app::Session& s);

 private:
  void sync(const app::Session& s);
  void press(printing::PrintService* svc, const std::string& key, PrintJob job);

  int generation_ = -1;
  std::string last_key_;
  std::map<std::string, uint64_t> tickets_;
  std::string refused_;  // the printer could not take it when pressed
};

}  // namespace kiosk::ui

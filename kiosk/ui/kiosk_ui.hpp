// The kiosk's screens, drawn with Dear ImGui from the Session state. No SDL here: the platform
// layer feeds input into ImGui and calls frame() when something changed.
#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "content/catalog.hpp"
#include "model/search_worker.hpp"
#include "model/session.hpp"
#include "printing/pdf_layout.hpp"
#include "printing/print_service.hpp"
#include "ui/print_panel.hpp"
#include "ui/theme.hpp"
#include "ui/visible_items.hpp"
#include "ui/widgets.hpp"

namespace kiosk::ui {

struct UiActions {
  bool quit = false;
  bool reload = false;
};

struct UiEnv {
  app::Session& session;
  const content::Catalog* catalog;  // null when no pack is installed
  app::SearchWorker* worker;        // null when no pack is installed
  app::Clock::time_point now;
  std::string staff_pin_hash;       // empty: the staff screen is disabled
  std::string problem;              // shown to citizens when the kiosk cannot serve them
  printing::PrintService* printer = nullptr;  // null: this kiosk has no printer
  std::filesystem::path pack_dir;             // the installed pack's files (blank forms)
  printing::Paper paper = printing::Paper::Roll80;
  app::DossierWorker* dossier = nullptr;  // null: no backend configured, no dossier tile
  int owner_id_digits = 4;                // 0: the whole id number is asked for
};

class KioskUi {
 public:
  KioskUi(Fonts fonts, Palette palette, nlohmann::json center);

  // Draws one frame (between ImGui::NewFrame and ImGui::Render).
  UiActions frame(UiEnv& env);

  // A physical keyboard or a keyboard-wedge scanner typed this (already composed text).
  void typed(app::Session& s, const std::string& utf8);
  // The center's logo, already a renderer texture (null: none).
  void set_logo(ImTextureID texture, int w, int h) {
    logo_ = texture;
    logo_w_ = w;
    logo_h_ = h;
  }
  void backspace(app::Session& s);
  // The camera's live view for the dossier screen (null: none).
  void set_preview(ImTextureID texture, int w, int h) {
    preview_ = texture;
    preview_w_ = w;
    preview_h_ = h;
  }
  // A slip was scanned (camera, wedge or serial scanner): from any screen, straight to its status.
  void scanned(UiEnv& env, const std::string& payload);

  const VisibleItems& items() const { return items_; }
  bool animating() const;
  // A search result or a procedure was opened: the next frame starts at the top.
  void reset_scroll();

 private:
  const FontSet& fonts(const app::Session& s) const { return s.large_text ? fonts_.large : fonts_.normal; }
  void header(UiEnv& env);
  void nav_bar(UiEnv& env, const content::Procedure* printable = nullptr);
  void print_banner(UiEnv& env, float bottom);
  void attract(UiEnv& env);
  void home(UiEnv& env);
  void search(UiEnv& env);
  void results(UiEnv& env, float height);
  void keyboard(UiEnv& env, float height);
  void procedure(UiEnv& env);
  void dossier(UiEnv& env);
  void dossier_scan(UiEnv& env, float top, float width);
  void dossier_owner(UiEnv& env, float top, float width);
  void dossier_status(UiEnv& env, float top, float width);
  void dossier_answers(UiEnv& env);
  bool keypad(UiEnv& env, std::string& target, bool letters, float top, float width, size_t max_len);
  void start_lookup(UiEnv& env);
  void idle_prompt(UiEnv& env);
  void staff(UiEnv& env, UiActions& actions);
  void staff_gesture(UiEnv& env);
  void field_picker(UiEnv& env);
  void on_key(app::Session& s, const std::string& key);
  void request_search(UiEnv& env);
  const content::Procedure* current_procedure(UiEnv& env);

  PrintPanel print_;
  Fonts fonts_;
  Palette pal_;
  nlohmann::json center_;
  VisibleItems items_;
  float scale_ = 1;
  TouchScroll results_scroll_, procedure_scroll_, home_scroll_, dossier_scroll_;
  bool scroll_to_top_ = false;
  bool keyboard_hidden_ = false;
  bool field_picker_ = false;
  ImTextureID logo_ = nullptr;
  ImTextureID preview_ = nullptr;
  int preview_w_ = 0, preview_h_ = 0;
  int logo_w_ = 0, logo_h_ = 0;
  std::vector<std::string> fields_;
  TouchScroll fields_scroll_;
  std::optional<std::pair<std::string, search::Filters>> requested_;
  std::optional<content::Procedure> procedure_;
  std::vector<content::ProcedureSummary> popular_;
  // Staff access: five taps in the top-left corner within three seconds, then the PIN.
  std::vector<app::Clock::time_point> corner_taps_;
  bool pin_entry_ = false;
  std::string pin_;
  bool pin_wrong_ = false;
};

}  // namespace kiosk::ui

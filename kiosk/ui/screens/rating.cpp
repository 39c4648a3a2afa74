// The rating screen: which counter, which officer (from the home tile), or straight to the
// officer who received a dossier; then three large faces with their words, a reason for KHÔNG HÀI
// LÒNG, the optional fuller survey one question at a time, and a thank-you that goes home by
// itself. Officers are shown by name and title only.
#include <algorithm>

#include "model/queue_actions.hpp"
#include "model/rating_actions.hpp"
#include "ui/cards.hpp"
#include "ui/chrome.hpp"
#include "ui/keyboard.hpp"
#include "ui/screens/screens.hpp"
#include "ui/widgets.hpp"

namespace kiosk::ui {

namespace {

using app::Text;
using Stage = app::RatingSlice::Stage;
using rating::Level;

constexpr ImU32 kVerySatisfied = IM_COL32(0x1B, 0x6E, 0x34, 255);  // green, white text 6.6:1

// A face for a level, drawn (no image files): a smile, a slight smile, a frown.
void face(ImDrawList* dl, ImVec2 c, float r, Level level, ImU32 fg, ImU32 bg) {
  const float t = std::max(2.0f, r * 0.09f);
  // The ring as two discs: a thick outline leaves seams in the software renderer.
  dl->AddCircleFilled(c, r, fg, 64);
  dl->AddCircleFilled(c, r - t, bg, 64);
  dl->AddCircleFilled(ImVec2(c.x - r * 0.35f, c.y - r * 0.25f), r * 0.1f, fg);
  dl->AddCircleFilled(ImVec2(c.x + r * 0.35f, c.y - r * 0.25f), r * 0.1f, fg);
  const float mouth_y = c.y + r * 0.3f;
  const float bend = level == Level::RatHaiLong ? r * 0.35f : level == Level::HaiLong ? r * 0.15f : -r * 0.25f;
  // A quadratic curve, its middle pulled down (a smile) or up (a frown), drawn as overlapping
  // discs: a thick stroked path shows seams at its joints in the software renderer.
  const ImVec2 p0(c.x - r * 0.45f, mouth_y - bend * 0.3f), p1(c.x, mouth_y + bend), p2(c.x + r * 0.45f, mouth_y - bend * 0.3f);
  const int steps = std::max(8, static_cast<int>(r * 0.9f / (t * 0.25f)));
  for (int i = 0; i <= steps; ++i) {
    const float u = static_cast<float>(i) / static_cast<float>(steps), v = 1 - u;
    const ImVec2 p(v * v * p0.x + 2 * v * u * p1.x + u * u * p2.x, v * v * p0.y + 2 * v * u * p1.y + u * u * p2.y);
    dl->AddCircleFilled(p, t / 2, fg, 12);
  }
}

// An officer's photo from the pack, when the roster names one and it can be read.
Photo photo_of(FrameContext& f, const content::Officer& o) {
  Photo p;
  if (o.photo.empty() || f.services.pack_dir.empty() || !f.textures.image) return p;
  p.texture = f.textures.image(f.services.pack_dir / o.photo, &p.w, &p.h);
  return p;
}

class RatingScreen : public ScreenView {
 public:
  void draw(FrameContext& f) override {
    header(f);
    auto& r = f.session.rating();
    const Layout& l = f.layout;
    const float width = std::min(l.content_w(), f.px(1500));
    const float x = (l.size.x - width) / 2;
    const float top = l.content_top() + f.px(l.portrait ? 28 : 32);
    std::function<void(ImVec2)> action;
    switch (r.stage) {
      case Stage::Counter: counters(f, x, top, width); break;
      case Stage::Officer: officers(f, x, top, width); break;
      case Stage::Level: levels(f, x, top, width); break;
      case Stage::Reason:
        reasons(f, x, top, width);
        action = [&f](ImVec2 size) {
          auto& rs = f.session.rating();
          const bool ready = !rs.reason.empty();
          if (button(f.items, "##rating-send", std::string(icon::check) + "  " + f.tr(Text::SendRating), size,
                     ButtonLook{ready ? f.pal.primary : f.pal.muted, f.pal.on_primary, f.fonts.heading, true}) &&
              ready)
            app::submit_with_reason(f.session, f.services, f.now);
        };
        break;
      case Stage::Survey:
        survey(f, x, top, width);
        action = [&f](ImVec2 size) {
          if (button(f.items, "##survey-skip", f.tr(Text::SkipQuestion), size,
                     ButtonLook{f.pal.surface, f.pal.primary, f.fonts.heading, true, f.pal.primary}))
            app::answer_survey(f.session, f.services, "", f.now);
        };
        break;
      case Stage::Thanks: message(f, x, top, width, Text::ThanksRating, Text::RatingKept, false); break;
      case Stage::Refused: {
        const bool rated = r.refusal && *r.refusal == rating::Refusal::Kind::DossierRated;
        const Text what = !rated ? Text::RatingFailed : r.dossier.empty() ? Text::AlreadyRatedOfficer : Text::AlreadyRatedDossier;
        message(f, x, top, width, what, Text::Count_, !rated);
        break;
      }
    }
    // The keyboard for the comment sits above the bottom bar, over nothing else.
    if (r.stage == Stage::Reason && r.typing) {
      const float kb_h = std::min(f.px(l.portrait ? 520 : 420), l.size.y * 0.4f);
      keyboard(f, l.content_bottom(true) - kb_h, kb_h, r.comment, r.numeric_keys);
    }
    nav_bar(f, action);
  }

  std::optional<HomeTile> tile(const app::Services& s) const override {
    if (!app::can_rate(s)) return std::nullopt;
    return HomeTile{icon::smile, Text::TileRating, Text::TileRatingHint, [](app::Session& session) { app::start_rating_from_home(session); }};
  }

 private:
  void counters(FrameContext& f, float x, float top, float width) {
    screen_title(f, x, top, width, std::string(icon::smile) + "  " + f.tr(Text::PickCounter));
    // With queue numbers, the ticket's QR names the officer: no choosing.
    if (app::can_take_numbers(f.services)) {
      ImGui::SetCursorScreenPos(ImVec2(x, ImGui::GetCursorScreenPos().y));
      text(f.items, std::string(icon::qrcode) + "  " + f.tr(Text::ScanTicketToRate), f.fonts.body, f.pal.muted, width);
    }
    const float y = ImGui::GetCursorScreenPos().y + f.px(24);
    const auto& list = f.services.rating_counters;
    const auto tapped = card_grid(f, "counter", list.size(), x, y, width, f.layout.content_bottom() - f.px(16),
                                  [&](size_t i) { return std::pair{list[i].name, list[i].agency}; });
    if (tapped) app::pick_counter(f.session, f.services, list[*tapped]);
  }

  void officers(FrameContext& f, float x, float top, float width) {
    auto& r = f.session.rating();
    screen_title(f, x, top, width, f.tr(Text::PickOfficer));
    ImGui::SetCursorScreenPos(ImVec2(x, ImGui::GetCursorScreenPos().y));
    text(f.items, r.counter_name + (r.agency.empty() ? "" : " · " + r.agency), f.fonts.body, f.pal.muted, width);
    const float y = ImGui::GetCursorScreenPos().y + f.px(24);
    const auto list = app::officers_to_show(f.session, f.services);
    if (list.empty()) {
      ImGui::SetCursorScreenPos(ImVec2(x, y + f.px(40)));
      text(f.items, f.tr(Text::NoOfficers), f.fonts.heading, f.pal.text, width);
      return;
    }
    const auto tapped = card_grid(f, "officer", list.size(), x, y, width, f.layout.content_bottom() - f.px(16),
                                  [&](size_t i) { return std::pair{list[i].name, list[i].title}; }, std::nullopt,
                                  [&](size_t i) { return photo_of(f, list[i]); });
    if (tapped) app::pick_officer(f.session, f.services, list[*tapped]);
  }

  // The officer, then the three faces.
  void levels(FrameContext& f, float x, float top, float width) {
    const Layout& l = f.layout;
    auto& r = f.session.rating();
    screen_title(f, x, top, width, f.tr(Text::HowSatisfied));
    ImGui::SetCursorScreenPos(ImVec2(x, ImGui::GetCursorScreenPos().y + f.px(8)));
    if (r.officer) {
      // The citizen checks it is the right person: the photo, when the pack has one, beside the name.
      const ImVec2 at = ImGui::GetCursorScreenPos();
      const float pw = draw_photo(photo_of(f, *r.officer), at, f.px(96));
      const float tx = pw > 0 ? x + pw + f.px(24) : x;
      ImGui::SetCursorScreenPos(ImVec2(tx, at.y));
      text(f.items, r.officer->name, f.fonts.title, f.pal.text, width - (tx - x));
      std::string where = r.officer->title;
      if (!r.counter_name.empty()) where += (where.empty() ? "" : " · ") + r.counter_name;
      if (!r.dossier.empty()) where += (where.empty() ? "" : " · ") + std::string(f.tr(Text::DossierCode)) + " " + r.dossier;
      ImGui::SetCursorScreenPos(ImVec2(tx, ImGui::GetCursorScreenPos().y));
      if (!where.empty()) text(f.items, where, f.fonts.body, f.pal.muted, width - (tx - x));
      if (pw > 0) ImGui::SetCursorScreenPos(ImVec2(x, std::max(ImGui::GetCursorScreenPos().y, at.y + f.px(96))));
    }
    const float y = ImGui::GetCursorScreenPos().y + f.px(32);
    const float bottom = l.content_bottom() - f.px(24);
    const float gap = f.px(32);
    struct Choice {
      Level level;
      Text words;
      ImU32 bg;
    };
    const Choice choices[] = {{Level::RatHaiLong, Text::VerySatisfied, kVerySatisfied},
                              {Level::HaiLong, Text::Satisfied, f.pal.primary},
                              {Level::KhongHaiLong, Text::NotSatisfied, f.pal.accent}};
    for (size_t i = 0; i < 3; ++i) {
      // Side by side in landscape; one above the other in portrait.
      const ImVec2 size = l.portrait ? ImVec2(width, (bottom - y - 2 * gap) / 3) : ImVec2((width - 2 * gap) / 3, bottom - y);
      const ImVec2 pos = l.portrait ? ImVec2(x, y + static_cast<float>(i) * (size.y + gap)) : ImVec2(x + static_cast<float>(i) * (size.x + gap), y);
      ImGui::SetCursorScreenPos(pos);
      const std::string words = f.tr(choices[i].words);
      if (button(f.items, ("##level" + std::to_string(i)).c_str(), "", size, ButtonLook{choices[i].bg, f.pal.on_primary, f.fonts.title}))
        app::choose_level(f.session, f.services, choices[i].level, f.now);
      const float tw = text_width(words, f.fonts.title);
      if (l.portrait) {
        const float r_face = std::min(size.y * 0.32f, f.px(70));
        face(ImGui::GetWindowDrawList(), ImVec2(pos.x + f.px(40) + r_face, pos.y + size.y / 2), r_face, choices[i].level, f.pal.on_primary, choices[i].bg);
        ImGui::SetCursorScreenPos(ImVec2(pos.x + f.px(80) + 2 * r_face, pos.y + (size.y - f.fonts.title->FontSize) / 2));
        text(f.items, words, f.fonts.title, f.pal.on_primary, size.x - f.px(120) - 2 * r_face);
      } else {
        const float r_face = std::min(size.x * 0.28f, size.y * 0.25f);
        face(ImGui::GetWindowDrawList(), ImVec2(pos.x + size.x / 2, pos.y + size.y * 0.38f), r_face, choices[i].level, f.pal.on_primary, choices[i].bg);
        ImGui::SetCursorScreenPos(ImVec2(pos.x + std::max(f.px(16), (size.x - tw) / 2), pos.y + size.y * 0.72f));
        text(f.items, words, f.fonts.title, f.pal.on_primary, size.x - f.px(32));
      }
    }
  }

  void reasons(FrameContext& f, float x, float top, float width) {
    const Layout& l = f.layout;
    auto& r = f.session.rating();
    screen_title(f, x, top, width, f.tr(Text::WhyNot));
    const float y = ImGui::GetCursorScreenPos().y + f.px(20);
    const auto& list = f.services.rating_setup.reasons;
    std::optional<size_t> selected;
    for (size_t i = 0; i < list.size(); ++i)
      if (list[i].id == r.reason) selected = i;
    // With the keyboard up, the reasons give it room: the chosen one stays in view.
    const float kb_h = r.typing ? std::min(f.px(l.portrait ? 520 : 420), l.size.y * 0.4f) : 0;
    const float box_h = f.px(90);
    const float bottom = l.content_bottom(true) - kb_h - box_h - f.px(40);
    if (!r.typing) {
      const auto tapped = card_grid(f, "reason", list.size(), x, y, width, bottom,
                                    [&](size_t i) { return std::pair{list[i].text, std::string()}; }, selected);
      if (tapped) r.reason = list[*tapped].id;
    } else if (selected) {
      card(f, "reason-chosen", list[*selected].text, "", ImVec2(x, y), ImVec2(width, f.px(90)), true);
    }
    // The comment box: a tap brings the keyboard up (or puts it away).
    const float by = r.typing ? y + f.px(110) : bottom + f.px(20);
    const std::string shown = r.comment.text().empty() ? std::string(f.tr(Text::CommentOptional)) : r.comment.text();
    ImGui::SetCursorScreenPos(ImVec2(x, by));
    if (button(f.items, "##comment", "", ImVec2(width, box_h), ButtonLook{f.pal.surface, f.pal.text, f.fonts.body, false, f.pal.primary}))
      r.typing = !r.typing;
    ImGui::SetCursorScreenPos(ImVec2(x + f.px(20), by + (box_h - f.fonts.body->FontSize) / 2));
    text(f.items, std::string(icon::keyboard) + "  " + shown, f.fonts.body, r.comment.text().empty() ? f.pal.muted : f.pal.text,
         width - f.px(40));
  }

  void survey(FrameContext& f, float x, float top, float width) {
    auto& r = f.session.rating();
    const auto& list = f.services.rating_setup.survey;
    if (r.survey_step >= list.size()) return;
    const auto& c = list[r.survey_step];
    ImGui::SetCursorScreenPos(ImVec2(x, top));
    text(f.items, std::string(f.tr(Text::Question)) + " " + std::to_string(r.survey_step + 1) + "/" + std::to_string(list.size()),
         f.fonts.body, f.pal.muted, width);
    ImGui::SetCursorScreenPos(ImVec2(x, ImGui::GetCursorScreenPos().y));
    text(f.items, c.title, f.fonts.heading, f.pal.primary, width);
    float y = ImGui::GetCursorScreenPos().y + f.px(16);
    const float bottom = f.layout.content_bottom(true) - f.px(16);
    const float gap = f.px(16);
    const float each = std::max(f.px(80), (bottom - y - gap * static_cast<float>(c.options.size() - 1)) / static_cast<float>(c.options.size()));
    for (size_t i = 0; i < c.options.size(); ++i) {
      // The option's text may be long (the official wording): it wraps in its button, smaller if need be.
      ImFont* font = text_height(c.options[i].text, f.fonts.body, width - f.px(48)) <= each - f.px(16) ? f.fonts.body : f.fonts.small;
      ImGui::SetCursorScreenPos(ImVec2(x, y));
      const bool tapped = button(f.items, ("##opt" + std::to_string(i)).c_str(), "", ImVec2(width, each),
                                 ButtonLook{f.pal.surface, f.pal.text, font, false, f.pal.primary});
      const float th = text_height(c.options[i].text, font, width - f.px(48));
      ImGui::SetCursorScreenPos(ImVec2(x + f.px(24), y + std::max(f.px(6), (each - th) / 2)));
      text(f.items, c.options[i].text, font, f.pal.text, width - f.px(48));
      if (tapped) {
        app::answer_survey(f.session, f.services, c.options[i].id, f.now);
        return;
      }
      y += each + gap;
    }
  }

  static void message(FrameContext& f, float x, float top, float width, Text what, Text more, bool problem) {
    ImGui::SetCursorScreenPos(ImVec2(x, top + f.px(140)));
    const std::string lead = problem ? std::string(icon::warning) : std::string(icon::check);
    text(f.items, lead + "  " + f.tr(what), f.fonts.title, problem ? f.pal.accent : f.pal.primary, width);
    if (more != Text::Count_) {
      ImGui::SetCursorScreenPos(ImVec2(x, ImGui::GetCursorScreenPos().y + f.px(16)));
      text(f.items, f.tr(more), f.fonts.heading, f.pal.text, width);
    }
  }
};

}  // namespace

std::unique_ptr<ScreenView> make_rating_screen() { return std::make_unique<RatingScreen>(); }

}  // namespace kiosk::ui

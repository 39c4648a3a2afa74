// A procedure: where to file, how, time and fees, the papers to bring (with their forms to print),
// steps, conditions, result and legal basis. The list of papers prints from the bottom bar.
#include <algorithm>
#include <ctime>

#include "content/document_classes.hpp"
#include "content/procedure.hpp"
#include "model/queue_actions.hpp"
#include "printing/documents.hpp"
#include "printing/pdf_layout.hpp"
#include "printing/procedure_summary.hpp"
#include "ui/chrome.hpp"
#include "ui/print_panel.hpp"
#include "ui/screens/screens.hpp"
#include "ui/widgets.hpp"

namespace kiosk::ui {

namespace {

using app::Text;

class ProcedureScreen : public ScreenView {
 public:
  void draw(FrameContext& f) override {
    header(f);
    const Layout& l = f.layout;
    const content::Procedure* p = current(f);
    const bool printable = p && f.services.printer;
    const float top = l.content_top() + f.px(16);
    const float bottom = l.content_bottom(printable);
    ImGui::SetCursorScreenPos(ImVec2(l.margin, top));
    scroll_.begin("procedure", ImVec2(l.content_w(), bottom - top - f.px(8)),
                  f.session.procedure_code() + "\x1f" + std::to_string(f.session.generation()) + (l.large_text ? "L" : "N"));
    const float tw = l.content_w() - f.px(40);
    if (!p)
      text(f.items, f.tr(Text::CatalogError), f.fonts.heading, f.pal.accent, tw);
    else
      page(f, *p, tw);
    scroll_.end();
    if (printable) {
      nav_bar(f, [&](ImVec2 size) { print_summary_button(f, *p, size); });
    } else {
      nav_bar(f);
    }
    print_banner(f, bottom);
  }

  bool animating() const override { return scroll_.animating(); }

 private:
  // One indexed row, read once per opened procedure and kept in the session's slice.
  static const content::Procedure* current(FrameContext& f) {
    auto& slice = f.session.procedure();
    if (slice.code.empty() || !f.services.catalog) return nullptr;
    if (!slice.shown || slice.shown->code != slice.code) slice.shown = f.services.catalog->procedure(slice.code);
    return slice.shown ? &*slice.shown : nullptr;
  }

  static void print_summary_button(FrameContext& f, const content::Procedure& p, ImVec2 size) {
    const content::Procedure proc = p;
    const nlohmann::json center = f.center;
    const printing::Paper paper = f.services.paper;
    const int chosen = f.session.procedure().case_index;
    print_button(f, "summary:" + proc.code, std::string(icon::print) + "  " + f.tr(Text::PrintSummary), size,
                 ButtonLook{f.pal.accent, f.pal.on_primary, f.fonts.heading, true}, [proc, center, paper, chosen] {
                   return PrintJob{"summary", proc.name, [proc, center, paper, chosen] {
                                     return printing::render_pdf_bytes(
                                         printing::procedure_summary(proc, center, std::time(nullptr), chosen), paper);
                                   }};
                 });
  }

  static void page(FrameContext& f, const content::Procedure& p, float tw) {
    const FontSet& fs = f.fonts;
    text(f.items, p.name, fs.title, f.pal.text, tw);
    text(f.items, std::string(f.tr(Text::Code)) + ": " + p.code + (p.field.empty() ? "" : "   ·   " + p.field), fs.small,
         f.pal.muted, tw);
    section_heading(f, f.tr(Text::Counter), tw);
    if (!p.counter.empty()) text(f.items, std::string(icon::marker) + "  " + p.counter, fs.heading, f.pal.text, tw);
    if (const auto service = app::queue_service_for(f.services, p)) queue_button(f, p, *service, tw);
    if (!p.agencies.empty()) {
      std::string ag;
      for (const auto& a : p.agencies) ag += (ag.empty() ? "" : "; ") + a;
      text(f.items, std::string(f.tr(Text::Agency)) + ": " + ag, fs.body, f.pal.text, tw);
    }
    if (!p.channels.empty() || !p.raw_fees.empty()) channels(f, p, tw);
    section_heading(f, f.tr(Text::Documents), tw);
    documents(f, p, tw);
    if (!p.steps.empty()) {
      section_heading(f, f.tr(Text::Steps), tw);
      for (const auto& st : p.steps) text(f.items, st, fs.body, f.pal.text, tw);
    }
    if (!p.conditions.empty()) {
      section_heading(f, f.tr(Text::Conditions), tw);
      text(f.items, p.conditions, fs.body, f.pal.text, tw);
    }
    if (!p.result.empty()) {
      section_heading(f, f.tr(Text::Result), tw);
      text(f.items, p.result, fs.body, f.pal.text, tw);
    }
    if (!p.legal_basis.empty()) {
      section_heading(f, f.tr(Text::LegalBasis), tw);
      for (const auto& lb : p.legal_basis)
        text(f.items, "• " + lb.title + (lb.number.empty() ? "" : " (" + lb.number + ")"), fs.small, f.pal.text, tw);
    }
    ImGui::Dummy(ImVec2(1, f.px(40)));
  }

  // One touch: the number for this procedure's counter.
  static void queue_button(FrameContext& f, const content::Procedure& p, const std::string& service, float tw) {
    const std::string label = std::string(icon::hand) + "  " + f.tr(Text::QueueForProcedure);
    const float bw = std::min(tw, text_width(label, f.fonts.heading) + f.px(96));
    const float bh = std::max(f.px(88), text_height(label, f.fonts.heading, bw - 8) + f.px(28));
    ImGui::Dummy(ImVec2(1, f.px(4)));
    if (button(f.items, "queue-for-procedure", label, ImVec2(bw, bh), ButtonLook{f.pal.primary, f.pal.on_primary, f.fonts.heading, true}))
      app::take_number(f.session, f.services, service, &p);
    ImGui::Dummy(ImVec2(1, f.px(4)));
  }

  // Channels with the same time and fees are shown once ("Trực tuyến · Trực tiếp"), so the papers
  // to bring come up sooner.
  static void channels(FrameContext& f, const content::Procedure& p, float tw) {
    const FontSet& fs = f.fonts;
    section_heading(f, f.tr(Text::Channels), tw);
    struct Row {
      std::string names, time, fees;
    };
    std::vector<Row> rows;
    for (const auto& c : p.channels) {
      std::string fees;
      for (const auto& fee : c.fees) fees += (fees.empty() ? "" : "; ") + content::fee_label(fee, f.tr(Text::Free));
      const std::string time = c.time.text.empty() ? "—" : c.time.text;
      auto same = std::find_if(rows.begin(), rows.end(), [&](const Row& r) { return r.time == time && r.fees == fees; });
      if (same != rows.end())
        same->names += "  ·  " + c.name;
      else
        rows.push_back({c.name, time, fees});
    }
    for (const auto& r : rows) {
      text(f.items, "• " + r.names, fs.heading, f.pal.text, tw);
      text(f.items, std::string("   ") + icon::clock + "  " + f.tr(Text::Time) + ": " + r.time, fs.body, f.pal.text, tw);
      if (!r.fees.empty())
        text(f.items, std::string("   ") + icon::money + "  " + f.tr(Text::Fee) + ": " + r.fees, fs.body, f.pal.text, tw);
    }
    if (p.channels.empty()) text(f.items, p.raw_fees, fs.body, f.pal.text, tw);
  }

  // Papers first; when the table has cases, the citizen picks theirs (or sees all); notes stay
  // under a closed "Lưu ý" so that what to bring is seen in one look.
  static void documents(FrameContext& f, const content::Procedure& p, float tw) {
    auto& slice = f.session.procedure();
    const std::vector<int> cases = cases_with_papers(p);
    if (slice.case_index >= static_cast<int>(p.cases.size())) slice.case_index = -1;
    if (cases.size() >= 2) case_picker(f, p, cases, tw);
    const auto papers = content::papers_for_case(p, slice.case_index);
    int n = 0, last_group = -1;
    for (const content::Document* d : papers) {
      if (slice.case_index < 0 && cases.size() >= 2 && d->group >= 0 && d->group != last_group)
        text(f.items, std::string(icon::marker) + "  " + p.cases[d->group], f.fonts.heading, f.pal.primary, tw);
      last_group = d->group;
      paper(f, p, *d, ++n, tw);
    }
    if (papers.empty() && !p.documents.empty()) text(f.items, f.tr(Text::NoPapersListed), f.fonts.body, f.pal.text, tw);
    if (p.documents.empty() && !p.raw_documents.empty()) text(f.items, p.raw_documents, f.fonts.body, f.pal.text, tw);
    notes(f, p, papers.empty(), tw);
  }

  static std::vector<int> cases_with_papers(const content::Procedure& p) {
    std::vector<int> out;
    for (const auto& d : p.documents)
      if (d.kind == content::Document::Kind::Paper && d.group >= 0 &&
          std::find(out.begin(), out.end(), d.group) == out.end())
        out.push_back(d.group);
    return out;
  }

  static void case_picker(FrameContext& f, const content::Procedure& p, const std::vector<int>& cases, float tw) {
    auto& slice = f.session.procedure();
    text(f.items, f.tr(Text::WhichCase), f.fonts.body, f.pal.text, tw);
    auto choice = [&](const std::string& id, const std::string& label, int value) {
      const bool chosen = slice.case_index == value;
      const std::string shown = (chosen ? std::string(icon::check) + "  " : std::string()) + label;
      const float h = std::max(f.px(72), text_height(shown, f.fonts.body, tw - 2 * f.px(kButtonTextPad)) + f.px(24));
      const ButtonLook look = chosen ? ButtonLook{f.pal.primary, f.pal.on_primary, f.fonts.body, false}
                                     : ButtonLook{f.pal.surface, f.pal.text, f.fonts.body, false, f.pal.primary};
      if (button(f.items, id.c_str(), shown, ImVec2(tw, h), look)) slice.case_index = value;
      ImGui::Dummy(ImVec2(1, f.px(6)));
    };
    choice("case:all", f.tr(Text::AllCases), -1);
    for (int c : cases) choice("case:" + std::to_string(c), p.cases[c], c);
    ImGui::Dummy(ImVec2(1, f.px(10)));
  }

  static void paper(FrameContext& f, const content::Procedure& p, const content::Document& d, int n, float tw) {
    const float indent = f.px(36);
    text(f.items, std::to_string(n) + ". " + content::paper_title(d), f.fonts.heading, f.pal.text, tw);
    const content::Form* form = nullptr;
    if (d.form_id)
      for (const auto& fm : p.forms)
        if (fm.id == *d.form_id) form = &fm;
    std::string detail = content::copies_in_words(d);
    if (form)
      detail += (detail.empty() ? "" : "   ·   ") + std::string(icon::file) + " " +
                (form->template_name.empty() ? form->name : form->template_name) +
                (form->printable ? "" : std::string(" (") + f.tr(Text::FormNotPrintable) + ")");
    ImGui::Indent(indent);
    if (!detail.empty()) text(f.items, detail, f.fonts.body, f.pal.primary, tw - indent);
    if (!d.detail.empty()) text(f.items, d.detail, f.fonts.small, f.pal.muted, tw - indent);
    if (form && form->printable && f.services.printer) form_button(f, p, *form, tw - indent);
    ImGui::Unindent(indent);
    ImGui::Dummy(ImVec2(1, f.px(8)));
  }

  static void notes(FrameContext& f, const content::Procedure& p, bool open_anyway, float tw) {
    std::vector<const content::Document*> notes;
    for (const auto& d : p.documents)
      if (d.kind == content::Document::Kind::Note) notes.push_back(&d);
    if (notes.empty()) return;
    auto& slice = f.session.procedure();
    const bool open = slice.notes_open || open_anyway;
    if (!open_anyway) {
      const std::string label = std::string(open ? icon::chevron_up : icon::chevron_down) + "  " + f.tr(Text::Notes) +
                                " (" + std::to_string(notes.size()) + ")   ·   " +
                                f.tr(open ? Text::HideNotes : Text::ShowNotes);
      if (button(f.items, "notes", label, ImVec2(tw, f.px(72)),
                 ButtonLook{f.pal.surface, f.pal.text, f.fonts.body, false, f.pal.muted}))
        slice.notes_open = !slice.notes_open;
      ImGui::Dummy(ImVec2(1, f.px(6)));
    }
    if (!open) return;
    for (const content::Document* d : notes) text(f.items, "• " + content::row_text(*d), f.fonts.small, f.pal.text, tw);
  }

  static void form_button(FrameContext& f, const content::Procedure& p, const content::Form& form, float room) {
    const std::string label = std::string(icon::print) + "  " + f.tr(Text::PrintForm) + ": " + form.name;
    const float bw = std::min(room, text_width(label, f.fonts.body) + f.px(80));
    const float bh = std::max(f.px(80), text_height(label, f.fonts.body, bw - 8) + f.px(24));
    const content::Form fm = form;
    const std::filesystem::path dir = f.services.pack_dir;
    print_button(f, "form:" + p.code + ":" + form.id, label, ImVec2(bw, bh),
                 ButtonLook{f.pal.primary, f.pal.on_primary, f.fonts.body, true},
                 [fm, dir] { return PrintJob{"form", fm.name, [fm, dir] { return printing::blank_form_pdf(dir, fm); }}; });
    ImGui::Dummy(ImVec2(1, f.px(8)));
  }

  ScrollArea scroll_;
};

}  // namespace

std::unique_ptr<ScreenView> make_procedure_screen() { return std::make_unique<ProcedureScreen>(); }

}  // namespace kiosk::ui

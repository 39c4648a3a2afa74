// "What to bring": the papers of one procedure (of the citizen's case when one was chosen), with
// their copies as tick boxes, where to file, time and fee, and the QR to the full text. Officers'
// notes stay on the screen: a citizen asked for a short list.
#include "printing/procedure_summary.hpp"

#include <algorithm>
#include <set>

#include "common/text.hpp"
#include "content/document_classes.hpp"

namespace kiosk::printing {

namespace {

constexpr size_t kTitleChars = 150;  // a paper's name: two or three lines of roll at most
constexpr size_t kNoteChars = 58;    // its explanation: one line
constexpr size_t kCompactAfter = 10;
constexpr size_t kCompactTitleChars = 96;

const content::Form* form_of(const content::Procedure& p, const content::Document& d) {
  if (!d.form_id) return nullptr;
  auto it = std::find_if(p.forms.begin(), p.forms.end(), [&](const content::Form& f) { return f.id == *d.form_id; });
  return it == p.forms.end() ? nullptr : &*it;
}

// Channels with the same time and fee are one line ("Trực tiếp, Trực tuyến: 5 ngày · 8.000 ₫").
void time_and_fees(PrintDoc& d, const content::Procedure& p) {
  struct Row {
    std::string names, line;
  };
  std::vector<Row> rows;
  for (const auto& c : p.channels) {
    std::string fees;
    for (const auto& f : c.fees) fees += (fees.empty() ? "" : "; ") + content::fee_label(f, "Miễn phí");
    const std::string line = (c.time.text.empty() ? "—" : c.time.text) + (fees.empty() ? "" : " · " + fees);
    auto same = std::find_if(rows.begin(), rows.end(), [&](const Row& r) { return r.line == line; });
    if (same != rows.end())
      same->names += ", " + c.name;
    else
      rows.push_back({c.name, line});
  }
  if (rows.empty()) return;
  d.space().heading("Thời hạn và lệ phí");
  for (const auto& r : rows) d.small(r.names + ": " + text::shorten(r.line, 120));
}

// "Trường hợp ủy quyền cho cá nhân" -> "Ủy quyền cho cá nhân": the legend's "TH" already says it.
std::string case_words(const std::string& c) {
  constexpr std::string_view prefix = "Trường hợp ";
  if (c.rfind(prefix, 0) != 0 || c.size() == prefix.size()) return c;
  return text::capitalize(c.substr(prefix.size()));
}

}  // namespace

PrintDoc procedure_summary(const content::Procedure& p, const nlohmann::json& center, std::time_t printed_at,
                           int case_index) {
  PrintDoc d;
  d.title = p.name;
  // The center's header comes from the pack: nothing about a province is built in.
  if (center.is_object()) {
    d.heading(center.value("name", ""));
    if (center.contains("address")) d.small(center.value("address", ""));
  }
  d.rule();
  d.title_line(p.name);
  d.small("Mã thủ tục: " + p.code);
  const bool has_case = case_index >= 0 && case_index < static_cast<int>(p.cases.size());
  if (has_case) d.text("Trường hợp: " + p.cases[case_index]);
  if (!p.counter.empty()) d.text("Nơi nộp: " + p.counter);
  time_and_fees(d, p);

  const auto papers = content::papers_for_case(p, has_case ? case_index : -1);
  d.space().heading("Giấy tờ cần mang");
  // With no case chosen, a paper several cases ask for is listed once, marked with the cases it
  // is for ("TH 1, 3"), under a numbered list of the cases: business registrations list 20-40
  // rows over up to ten cases, mostly the same papers again.
  std::vector<int> case_number(p.cases.size(), 0);
  int numbered = 0;
  if (!has_case)
    for (const content::Document* doc : papers)
      if (doc->group >= 0 && doc->group < static_cast<int>(p.cases.size()) && case_number[doc->group] == 0)
        case_number[doc->group] = ++numbered;
  if (numbered >= 2) {
    d.small("Trường hợp (chọn trường hợp của mình trên ki-ốt để in riêng):");
    for (size_t c = 0; c < p.cases.size(); ++c)
      if (case_number[c]) d.small("  TH " + std::to_string(case_number[c]) + ". " + text::shorten(case_words(p.cases[c]), 64));
  }
  struct Item {
    const content::Document* doc;
    std::set<int> cases;  // numbers of the cases it is for; empty: for everyone
    bool everyone = false;
  };
  std::vector<Item> items;
  for (const content::Document* doc : papers) {
    auto same = std::find_if(items.begin(), items.end(), [&](const Item& i) { return content::paper_title(*i.doc) == content::paper_title(*doc); });
    Item& item = same != items.end() ? *same : items.emplace_back(Item{doc, {}, false});
    if (numbered >= 2 && doc->group >= 0 && case_number[doc->group])
      item.cases.insert(case_number[doc->group]);
    else
      item.everyone = true;
  }
  // A long list prints compact: one small line per paper, copies inline.
  const bool compact = items.size() > kCompactAfter;
  int n = 0;
  for (const Item& item : items) {
    const content::Document* doc = item.doc;
    std::string copies = content::copies_in_words(*doc);
    if (const content::Form* form = form_of(p, *doc))
      copies += (copies.empty() ? "" : " · ") + std::string("theo mẫu") + (form->printable ? " (in tại ki-ốt)" : "");
    std::string only;
    if (!item.everyone && !item.cases.empty() && static_cast<int>(item.cases.size()) < numbered) {
      for (int c : item.cases) only += (only.empty() ? " [TH " : ", ") + std::to_string(c);
      only += "]";
    }
    const std::string box = "☐ " + std::to_string(++n) + ". ";
    if (compact) {
      d.small(box + text::shorten(content::paper_title(*doc), kCompactTitleChars) + only + (copies.empty() ? "" : " — " + copies));
      continue;
    }
    d.text(box + text::shorten(content::paper_title(*doc), kTitleChars) + only);
    std::string line = copies;
    if (!doc->detail.empty()) line += (line.empty() ? "" : " · ") + doc->detail;
    if (!line.empty()) d.small("    " + text::shorten(line, kNoteChars));
  }
  if (p.documents.empty() && !p.raw_documents.empty()) d.small(text::shorten(p.raw_documents, 600));
  if (papers.empty() && !p.documents.empty()) d.small("Xem danh sách giấy tờ tại quầy hoặc qua mã QR dưới đây.");
  if (!p.source_url.empty()) {
    // The full procedure on the national portal, for a phone: more than a roll can hold.
    d.space().qr(p.source_url);
    d.small("Quét mã để xem đầy đủ thủ tục và các lưu ý trên Cổng Dịch vụ công quốc gia.");
  }
  d.rule();
  char when[64];
  std::tm tm{};
  localtime_r(&printed_at, &tm);
  std::strftime(when, sizeof when, "%H:%M %d/%m/%Y", &tm);
  d.small(std::string("In lúc ") + when + ". Thông tin tham khảo; cán bộ một cửa hướng dẫn chi tiết.");
  return d;
}

}  // namespace kiosk::printing

// The published documents table is one list of rows; these rules (docs/content-pack.md, "Classes
// of documents") were written by reading the sample's tables. A rule that guesses marks the row
// unsure, so staff see it in `kioskctl content lint` rather than trust it.
#include "content/document_classes.hpp"

#include <algorithm>
#include <array>
#include <string_view>

#include "common/text.hpp"

namespace kiosk::content {

namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool contains(std::string_view s, std::string_view p) { return s.find(p) != std::string_view::npos; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

template <size_t N>
bool starts_with_any(std::string_view s, const std::array<std::string_view, N>& words) {
  return std::any_of(words.begin(), words.end(), [&](std::string_view w) { return starts_with(s, w); });
}
template <size_t N>
bool contains_any(std::string_view s, const std::array<std::string_view, N>& words) {
  return std::any_of(words.begin(), words.end(), [&](std::string_view w) { return contains(s, w); });
}

// Words (lower case) a case heading starts with.
constexpr std::array<std::string_view, 8> kCaseWords = {"trường hợp", "trong trường hợp", "đối với", "nếu ",
                                                        "với ",       "khi ",             "hồ sơ",   "riêng "};
// Section headings that name a category of papers, not a case.
constexpr std::array<std::string_view, 9> kCategoryWords = {
    "giấy tờ phải", "giấy tờ xuất trình", "giấy tờ nộp", "thành phần hồ sơ", "các giấy tờ", "hồ sơ gồm",
    "hồ sơ bao gồm", "(", "số lượng hồ sơ"};
constexpr std::array<std::string_view, 4> kNoteHeadings = {"lưu ý", "chú ý", "ghi chú", "chú thích"};
// What only an officer needs to know.
constexpr std::array<std::string_view, 8> kOfficerMarkers = {
    "người tiếp nhận", "cán bộ tiếp nhận", "bộ phận tiếp nhận", "cơ quan tiếp nhận", "có trách nhiệm",
    "không được yêu cầu", "cơ quan đăng ký hộ tịch", "cơ quan có thẩm quyền hủy"};
// How a sentence that explains, rather than names a paper, starts.
constexpr std::array<std::string_view, 24> kExplanationStarts = {
    "trường hợp", "trong trường hợp", "nếu", "đối với", "khi", "lưu ý", "chú ý", "ghi chú",
    "người",      "cơ quan",          "trong", "việc",  "theo", "cá nhân", "tổ chức", "chậm",
    "sau khi",    "hồ sơ",            "các giấy tờ", "không", "mỗi", "để", "số lượng", "thời hạn"};
// How the name of a paper starts.
constexpr std::array<std::string_view, 39> kPaperStarts = {
    "bản",      "văn bản",  "giấy",    "đơn",     "tờ khai", "tờ trình", "báo cáo", "danh sách", "tài liệu",
    "quyết định", "hợp đồng", "biên bản", "phương án", "phiếu", "thông báo", "bảng",  "chứng",     "dự án",
    "ảnh",      "sổ",       "hộ chiếu", "hóa đơn", "sơ đồ",   "bản đồ",  "đề án",   "kế hoạch",  "mẫu",
    "thẻ",      "căn cước", "bằng",    "lý lịch", "phụ lục", "01",      "02",      "một (01)", "hồ sơ thiết kế",
    "các văn bản", "dự thảo", "tờ"};

// "- ", "+ ", "* ", "• ", "a) ", "(1.3) ", "2. ", "II. ", "a.1.2) " at the start of a row.
std::string_view strip_bullets(std::string_view s) {
  for (int round = 0; round < 4; ++round) {
    const size_t before = s.size();
    while (!s.empty()) {
      if (s.front() == ' ' || s.front() == '-' || s.front() == '+' || s.front() == '*' || s.front() == '\n' ||
          s.front() == '.') {
        s.remove_prefix(1);
      } else if (starts_with(s, "•") || starts_with(s, "–") || starts_with(s, "·")) {
        s.remove_prefix(starts_with(s, "·") ? 2 : 3);
      } else {
        break;
      }
    }
    // An enumerator: up to 8 characters of letters, digits and dots closed by ')' or '.'.
    size_t i = s.empty() || s.front() != '(' ? 0 : 1;
    const size_t open = i;
    while (i < s.size() && i < 9 &&
           (is_digit(s[i]) || s[i] == '.' || (s[i] >= 'a' && s[i] <= 'z') || s[i] == 'I' || s[i] == 'V' ||
            s[i] == 'X'))
      ++i;
    if (starts_with(s.substr(i), "đ")) i += 2;
    if (i > open + 1 && i < s.size() && s[i] == ' ' && s[i - 1] == '.') --i;  // "2. ", "1.1. ": the dot closes it
    bool closed = false;
    if (i < s.size() && s[i] == ')' && i + 1 < s.size() && s[i + 1] == '.') {  // "(i)." and "a)."
      ++i;
      closed = true;
    }
    if (i > open && i < s.size() && (s[i] == ')' || s[i] == '.') && i + 1 < s.size() && s[i + 1] == ' ') {
      // "a)" or "1." or "II." but not a word ("bản.") nor a lone lower-case word with a dot.
      const bool word_with_dot = s[i] == '.' && !closed && std::any_of(s.begin() + open, s.begin() + i, [](char c) {
                                   return c >= 'a' && c <= 'z';
                                 }) && i - open > 1;
      if (!word_with_dot) s.remove_prefix(i + 2);
    }
    if (s.size() == before) break;
  }
  return s;
}

int count_before(std::string_view copies, std::string_view what) {
  const size_t at = copies.find(what);
  if (at == std::string_view::npos) return 0;
  size_t end = at;
  while (end > 0 && copies[end - 1] == ' ') --end;
  size_t start = end;
  while (start > 0 && is_digit(copies[start - 1])) --start;
  if (start == end || end - start > 2) return 0;
  return std::stoi(std::string(copies.substr(start, end - start)));
}

std::string drop_trailing(std::string s) {
  while (!s.empty() && (s.back() == ';' || s.back() == '.' || s.back() == ',' || s.back() == ':' || s.back() == ' '))
    s.pop_back();
  return s;
}

// Where a paper's name ends and its explanation begins: at the first sentence break, or, in a long
// name, at a parenthesis that starts well into it.
size_t title_end(std::string_view s) {
  for (size_t i = 0; i + 2 < s.size(); ++i) {
    if ((s[i] == '.' || s[i] == ';') && s[i + 1] == ' ' && i > 12) {
      const std::u32string next = text::to_u32(s.substr(i + 2, 4));
      if (!next.empty() && (text::is_upper(next.front()) || s[i] == ';')) return i;
    }
  }
  if (s.size() > 160)
    if (size_t paren = s.find(" (", 40); paren != std::string_view::npos) return paren;
  return s.size();
}

void set_title(Document& d, const std::string& stripped) {
  const size_t cut = title_end(stripped);
  d.title = drop_trailing(stripped.substr(0, cut));
  d.detail = cut < stripped.size() ? drop_trailing(text::trim(stripped.substr(cut + 1))) : std::string();
}

enum class Section { None, Notes, Category, Case };

// A section heading names a case when it reads as one: it introduces ("...:") or states a
// condition, and is short. Longer text before a table is an explanation of what precedes it.
Section section_kind(std::string_view low) {
  if (low.empty()) return Section::None;
  if (starts_with_any(low, kNoteHeadings)) return Section::Notes;
  if (starts_with_any(low, kCategoryWords) || low.size() > 300) return Section::Category;
  if (low.back() == ':' || starts_with_any(low, kCaseWords) || starts_with(low, "đăng ký")) return Section::Case;
  return Section::Category;
}

int add_case(Procedure& p, std::string title) {
  auto same = std::find(p.cases.begin(), p.cases.end(), title);
  if (same != p.cases.end()) return static_cast<int>(same - p.cases.begin());
  p.cases.push_back(std::move(title));
  return static_cast<int>(p.cases.size()) - 1;
}

struct RowFacts {
  std::string stripped;  // without bullets
  std::string low;       // lower case of stripped
  bool zero = false;     // no copies and no form
  bool heading = false;  // ends with ':'
};

void classify_row(Document& d, const RowFacts& r, Section section) {
  const bool officer = contains_any(r.low, kOfficerMarkers);
  const bool explains = starts_with_any(r.low, kExplanationStarts);
  const bool paper_name = starts_with_any(r.low, kPaperStarts);
  const std::u32string first = text::to_u32(r.stripped.substr(0, 4));
  const bool fragment = !first.empty() && !text::is_upper(first.front()) && !is_digit(r.stripped.front());
  using K = Document::Kind;
  auto set = [&](K k, bool sure) {
    d.kind = k;
    d.sure = sure;
  };
  if (section == Section::Notes) {
    // A note section may still hold a paper with copies (rarely): trust the copies, but flag it.
    if (!r.zero && paper_name && !officer)
      set(K::Paper, false);
    else
      set(K::Note, true);
    return;
  }
  if (r.heading) {
    if (starts_with_any(r.low, kCaseWords) && !officer)
      set(K::Case, true);
    else if (r.zero)
      set(K::Note, true);  // "... các giấy tờ sau:" introduces the papers; it is not one
    else
      set(K::Paper, false);
    return;
  }
  if (r.zero) {
    if (officer || explains)
      set(K::Note, true);
    else if (paper_name && r.stripped.size() <= 260)
      set(K::Paper, false);  // a paper whose copies were not published
    else
      set(K::Note, r.stripped.size() > 260 || fragment);
    return;
  }
  if (starts_with(r.low, "số lượng hồ sơ") || starts_with_any(r.low, kNoteHeadings))
    set(K::Note, true);
  else if (starts_with(r.low, "hồ sơ") && r.stripped.size() < 120 && !contains(r.low, "bản"))
    set(K::Case, false);  // "*Hồ sơ đăng ký giải thể doanh nghiệp": a heading the table gave copies to
  else if (contains(r.low, "chịu trách nhiệm"))
    set(K::Note, false);
  else if (officer && starts_with(r.low, "người tiếp nhận"))
    set(K::Note, false);
  else
    set(K::Paper, true);
}

// A paper only for those who file online is not one to bring to the hall.
bool online_only(std::string_view low) {
  return contains(low, "trực tuyến") && !contains(low, "trực tiếp") &&
         (contains(low, "hình thức trực tuyến") || contains(low, "cổng dịch vụ công") || contains(low, "tải lên") ||
          contains(low, "nộp hồ sơ trực tuyến"));
}

}  // namespace

void classify_documents(Procedure& p) {
  p.cases.clear();
  std::string last_section = "\x01";
  int current = -1;
  std::vector<size_t> online;
  for (size_t i = 0; i < p.documents.size(); ++i) {
    Document& d = p.documents[i];
    const std::string section_text = text::trim(strip_bullets(d.note));
    const Section section = section_kind(text::lower(section_text));
    if (d.note != last_section) {
      last_section = d.note;
      current = -1;
      if (section == Section::Case) current = add_case(p, drop_trailing(section_text));
    }
    RowFacts r;
    r.stripped = text::trim(strip_bullets(d.name));
    r.low = text::lower(r.stripped);
    d.originals = count_before(d.copies, "bản chính");
    d.copies_n = count_before(d.copies, "bản sao");
    r.zero = d.originals == 0 && d.copies_n == 0 && !d.form_id;
    r.heading = !r.stripped.empty() && r.stripped.back() == ':';
    classify_row(d, r, section);
    d.title.clear();
    d.detail.clear();
    d.show = false;
    if (d.kind == Document::Kind::Case) current = add_case(p, drop_trailing(r.stripped));
    d.group = current;
    if (d.kind != Document::Kind::Paper) continue;
    set_title(d, r.stripped);
    d.show = contains(text::lower(d.note), "xuất trình") || starts_with(r.low, "xuất trình");
    if (online_only(r.low)) online.push_back(i);
  }
  // A table whose rows all read as notes has papers the rules could not see (copies never
  // published): the guessed notes are offered as papers, still marked as guesses.
  const bool no_papers = std::none_of(p.documents.begin(), p.documents.end(),
                                      [](const Document& d) { return d.kind == Document::Kind::Paper; });
  if (no_papers)
    for (auto& d : p.documents)
      if (d.kind == Document::Kind::Note && !d.sure) {
        d.kind = Document::Kind::Paper;
        set_title(d, text::trim(strip_bullets(d.name)));
      }
  // Online-only papers become notes, unless nothing else would be left to bring.
  const auto papers = std::count_if(p.documents.begin(), p.documents.end(),
                                    [](const Document& d) { return d.kind == Document::Kind::Paper; });
  if (static_cast<size_t>(papers) > online.size())
    for (size_t i : online) p.documents[i].kind = Document::Kind::Note;
}

std::string copies_in_words(const Document& d) {
  if (d.show) return d.copies_n > 0 ? "Xuất trình bản chính, nộp " + std::to_string(d.copies_n) + " bản sao"
                                    : "Xuất trình bản chính";
  std::string out;
  if (d.originals > 0) out = std::to_string(d.originals) + " bản chính";
  if (d.copies_n > 0) out += (out.empty() ? "" : ", ") + std::to_string(d.copies_n) + " bản sao";
  return out;
}

std::string row_text(const Document& d) { return text::trim(strip_bullets(d.name)); }

const std::string& paper_title(const Document& d) { return d.title.empty() ? d.name : d.title; }

std::vector<const Document*> papers_for_case(const Procedure& p, int group) {
  std::vector<const Document*> out;
  for (const auto& d : p.documents)
    if (d.kind == Document::Kind::Paper && (group < 0 || d.group < 0 || d.group == group)) out.push_back(&d);
  return out;
}

void count_classes(const Procedure& p, ClassCounts& into) {
  bool unsure = false;
  for (const auto& d : p.documents) {
    if (d.kind == Document::Kind::Paper) ++into.papers;
    if (d.kind == Document::Kind::Note) ++into.notes;
    if (!d.sure) {
      ++into.unsure;
      unsure = true;
    }
  }
  into.cases += static_cast<int>(p.cases.size());
  if (!p.cases.empty()) ++into.procedures_with_cases;
  if (unsure) ++into.procedures_unsure;
}

}  // namespace kiosk::content

// The content model every part of the kiosk shares: one procedure (TTHC) and what it needs.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace kiosk::content {

// A fee as the kiosk can use it: a fixed VND amount can be paid, free needs nothing,
// anything else (per page, set by the province, in USD) is shown as text only.
struct Fee {
  enum class Kind { Fixed, Free, Text };
  Kind kind = Kind::Text;
  std::optional<int64_t> amount_vnd;  // set only when kind == Fixed
  std::string text;                   // as published, always kept for display
};

struct ProcessingTime {
  std::optional<double> days;  // set when the text states a number of days
  bool working_days = false;
  std::string text;
};

// One way of filing: in person (Trực tiếp), online (Trực tuyến), by post (Dịch vụ bưu chính).
struct Channel {
  std::string name;
  ProcessingTime time;
  std::vector<Fee> fees;
  std::string note;
};

// One row of the published documents table. The table mixes papers to bring, the cases that
// decide which papers apply, and notes for officers; the importer tells them apart
// (content/document_classes.hpp) and keeps the published text beside the structure.
struct Document {
  enum class Kind { Paper, Case, Note };
  std::string name;    // the row as published
  std::string copies;  // as published: "1 bản chính, 1 bản sao"
  std::string note;    // the section heading the row sits under, as published
  std::optional<std::string> form_id;

  Kind kind = Kind::Paper;
  std::string title;   // a paper's own name: no bullet, no trailing explanation
  std::string detail;  // the rest of a paper's text (printed as one line)
  int originals = 0;   // "1 bản chính"
  int copies_n = 0;    // "1 bản sao"
  bool show = false;   // "xuất trình": shown at the counter, not handed in
  int group = -1;      // index into Procedure::cases of the case this row belongs to, -1: all
  bool sure = true;    // false: the classifier guessed (listed by `kioskctl content lint`)
};

struct Form {
  std::string id;
  std::string name;
  std::optional<std::string> file;  // path inside the pack, e.g. "forms/TK01.pdf"
  std::string template_name;        // the published template's file name, e.g. "TK01a.doc"
  bool printable = false;           // only PDF templates print on the kiosk
};

struct LegalBasis {
  std::string title;
  std::string number;
};

struct Procedure {
  std::string code;
  std::string name;
  std::vector<std::string> alt_names;
  std::string field;
  std::vector<std::string> levels;
  std::vector<std::string> agencies;
  std::string counter;
  std::vector<Channel> channels;
  std::vector<Document> documents;
  std::vector<std::string> cases;  // "Trường hợp ủy quyền", in published order
  std::vector<Form> forms;
  std::vector<LegalBasis> legal_basis;
  std::vector<std::string> steps;
  std::string conditions;
  std::string result;
  std::string audience;
  std::string source_url;
  double popularity = 0;
  // The published text of tables the importer could not structure, kept for display.
  std::string raw_fees;
  std::string raw_documents;
  std::string raw_legal_basis;
};

// Throws std::invalid_argument naming the field when required fields are missing or malformed.
Procedure procedure_from_json(const nlohmann::json& j);
nlohmann::json procedure_to_json(const Procedure& p);

std::string fee_kind_name(Fee::Kind k);
std::string document_kind_name(Document::Kind k);  // "paper" | "case" | "note"

// 100000 -> "100.000 ₫", as Vietnamese print and screens write amounts.
std::string format_vnd(int64_t amount);
// What to show for a fee: the amount, `free_word` ("Miễn phí"), or the published text.
std::string fee_label(const Fee& fee, const std::string& free_word);

}  // namespace kiosk::content

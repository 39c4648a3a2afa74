// Importer for the national portal's published procedure data (see docs/content-pack.md).
#pragma once
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "content/document_classes.hpp"
#include "content/procedure.hpp"

namespace kiosk::content {

struct ImportReport {
  int procedures = 0;
  int from_national = 0;
  int from_structured = 0;
  int skipped = 0;  // unreadable lines, each listed in problems
  int channels_parsed = 0;
  int fees_fixed = 0;
  int fees_free = 0;
  int fees_text = 0;
  int fee_tables_raw = 0;  // fee tables kept as raw text only
  int documents_parsed = 0;
  int document_tables_raw = 0;
  ClassCounts classes;  // rows told apart: papers, cases, notes, unsure
  int forms = 0;
  int legal_parsed = 0;
  int with_popularity = 0;
  std::vector<std::string> problems;
};

struct ImportOptions {
  std::filesystem::path national_jsonl;
  std::optional<std::filesystem::path> structured_dir;
  std::optional<std::filesystem::path> popularity_jsonl;
  // JSON object: source ministry folder -> counter label, for sample content.
  std::optional<std::filesystem::path> counters_json;
};

// Writes out_dir/procedures.jsonl (other pack files are the caller's).
ImportReport import_national(const ImportOptions& opts, const std::filesystem::path& out_dir);

// The table parsers, exposed for tests.
namespace national {
std::vector<Channel> parse_channels(std::string_view flat);
std::vector<Fee> parse_fee(std::string_view text);
ProcessingTime parse_time(std::string_view text);
struct ParsedDocuments {
  std::vector<Document> documents;
  std::vector<Form> forms;
};
ParsedDocuments parse_documents(std::string_view flat);
std::vector<LegalBasis> parse_legal_basis(std::string_view flat);
std::vector<std::string> parse_steps(std::string_view text);
// Records a document's published template file as a form of the procedure and links the two.
void attach_form(Document& doc, std::vector<Form>& forms, const std::string& template_name);
}  // namespace national

}  // namespace kiosk::content

// The printed "what to bring" of the sample's 50 most used procedures: every paper to bring is on
// it, no officer's note is, and a chosen case prints only its own papers.
#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

#include "common/text.hpp"
#include "content/document_classes.hpp"
#include "printing/pdf_layout.hpp"
#include "printing/procedure_summary.hpp"

using namespace kiosk;

namespace {

std::vector<content::Procedure> most_used(size_t n) {
  std::vector<content::Procedure> all;
  if (n == 0) n = SIZE_MAX;
  std::ifstream in(std::string(KIOSK_SOURCE_DIR) + "/content/sample/src/procedures.jsonl");
  std::string line;
  while (std::getline(in, line)) all.push_back(content::procedure_from_json(nlohmann::json::parse(line)));
  std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.popularity > b.popularity; });
  all.resize(std::min(n, all.size()));
  return all;
}

std::string printed(const printing::PrintDoc& doc) {
  std::string all;
  for (const auto& b : doc.blocks) all += b.text + "\n";
  return all;
}

// The start of a paper's name as the roll prints it (names are shortened at a word, never here).
std::string head(const std::string& s) { return text::shorten(s, 28); }
std::string head_without_mark(const std::string& s) {
  std::string h = head(s);
  const std::string mark = "…";
  if (h.size() >= mark.size() && h.compare(h.size() - mark.size(), mark.size(), mark) == 0) h.resize(h.size() - mark.size());
  return h;
}

}  // namespace

TEST_CASE("the printed list holds every paper to bring and no officer's note", "[printing][classes]") {
  const auto procs = most_used(50);
  REQUIRE(procs.size() == 50);
  int papers_checked = 0, notes_checked = 0;
  for (const auto& p : procs) {
    const std::string all = printed(printing::procedure_summary(p, nlohmann::json::object(), 0));
    for (const auto* d : content::papers_for_case(p, -1)) {
      INFO(p.code << ": " << content::paper_title(*d));
      CHECK(all.find(head_without_mark(content::paper_title(*d))) != std::string::npos);
      ++papers_checked;
    }
    for (const auto& d : p.documents) {
      if (d.kind != content::Document::Kind::Note) continue;
      // A note's words may begin like a paper's ("Bản chụp…"): only whole notes are compared.
      const std::string note = text::trim(d.name);
      if (note.size() < 60) continue;
      INFO(p.code << " note: " << note);
      CHECK(all.find(note.substr(0, 60)) == std::string::npos);
      ++notes_checked;
    }
    CHECK(all.find("Số lượng: 0 bản chính") == std::string::npos);
  }
  CHECK(papers_checked > 250);
  CHECK(notes_checked > 30);
}

TEST_CASE("a chosen case prints its papers and those for everyone, not another case's", "[printing][classes]") {
  content::Procedure p;
  p.code = "t";
  p.name = "Đăng ký thử";
  auto row = [](std::string name, std::string section) {
    content::Document d;
    d.name = std::move(name);
    d.copies = "1 bản chính";
    d.note = std::move(section);
    return d;
  };
  p.documents = {row("Tờ khai đăng ký", ""), row("Giấy tờ của cá nhân", "a) Trường hợp cá nhân:"),
                 row("Điều lệ công ty", "b) Trường hợp tổ chức:")};
  content::classify_documents(p);
  REQUIRE(p.cases.size() == 2);
  const std::string person = printed(printing::procedure_summary(p, nlohmann::json::object(), 0, 0));
  CHECK(person.find("Trường hợp: Trường hợp cá nhân") != std::string::npos);
  CHECK(person.find("Tờ khai đăng ký") != std::string::npos);
  CHECK(person.find("Giấy tờ của cá nhân") != std::string::npos);
  CHECK(person.find("Điều lệ công ty") == std::string::npos);
  // No case chosen: every paper, each case's marked, the cases listed.
  const std::string all = printed(printing::procedure_summary(p, nlohmann::json::object(), 0));
  CHECK(all.find("TH 1. Cá nhân") != std::string::npos);
  CHECK(all.find("Giấy tờ của cá nhân [TH 1]") != std::string::npos);
  CHECK(all.find("Điều lệ công ty [TH 2]") != std::string::npos);
}

TEST_CASE("marriage registration's list is short: its papers on less than 25 cm of roll", "[printing][classes]") {
  for (const auto& p : most_used(0)) {
    if (p.code != "1.000894") continue;
    const auto doc = printing::procedure_summary(p, nlohmann::json{{"name", "Trung tâm"}}, 0);
    const std::string all = printed(doc);
    CHECK(all.find("Xuất trình bản chính") != std::string::npos);
    CHECK(all.find("Tờ khai đăng ký kết hôn") != std::string::npos);
    CHECK(all.find("Người tiếp nhận") == std::string::npos);
    CHECK(printing::roll_length_mm(doc) < 250);
    return;
  }
  FAIL("1.000894 is not in the sample");
}

// The importer's table parsers on arbitrary text: no crash, no hang, valid UTF-8 out of valid UTF-8 in.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "common/text.hpp"
#include "content/document_classes.hpp"
#include "content/national_import.hpp"

using namespace kiosk::content::national;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  const bool valid = kiosk::text::is_valid_utf8(text);
  auto check = [&](const std::string& s) {
    if (valid && !kiosk::text::is_valid_utf8(s)) std::abort();
  };
  for (const auto& c : parse_channels(text)) {
    check(c.note);
    check(c.time.text);
    for (const auto& f : c.fees) check(f.text);
  }
  for (const auto& f : parse_fee(text)) check(f.text);
  auto docs = parse_documents(text);
  for (const auto& d : docs.documents) {
    check(d.name);
    check(d.copies);
    check(d.note);
  }
  // The classifier on whatever rows came out: names and cases stay text, groups index cases.
  kiosk::content::Procedure p;
  p.documents = docs.documents;
  p.forms = docs.forms;
  kiosk::content::classify_documents(p);
  for (const auto& c : p.cases) check(c);
  for (const auto& d : p.documents) {
    check(d.title);
    check(d.detail);
    check(kiosk::content::copies_in_words(d));
    if (d.group < -1 || d.group >= static_cast<int>(p.cases.size())) std::abort();
  }
  for (const auto& l : parse_legal_basis(text)) {
    check(l.title);
    check(l.number);
  }
  for (const auto& s : parse_steps(text)) check(s);
  return 0;
}

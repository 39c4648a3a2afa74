// Lays a PrintDoc out as PDF with cairo + pango: Vietnamese shaping and line breaking, fonts
// found through fontconfig.
#pragma once
#include <filesystem>
#include <stdexcept>
#include <string>

#include "printing/print_doc.hpp"

namespace kiosk::printing {

// An 80 mm thermal roll (72 mm printable, the page as tall as the content) or A4 pages.
enum class Paper { Roll80, A4 };

struct PrintError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Throws PrintError (message in Vietnamese first) when no installed font covers Vietnamese.
void render_pdf(const PrintDoc& doc, Paper paper, const std::filesystem::path& out);
// The same PDF in memory (what the print queue stores and submits).
std::string render_pdf_bytes(const PrintDoc& doc, Paper paper);

Paper paper_from_name(const std::string& name);

// How much 80 mm roll the document takes, tear-off space included (the page height of its PDF).
double roll_length_mm(const PrintDoc& doc);  // "roll80" | "a4"

}  // namespace kiosk::printing

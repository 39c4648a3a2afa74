#include "printing/pdf_layout.hpp"

#include <ZXing/BitMatrix.h>
#include <ZXing/CharacterSet.h>
#include <ZXing/MultiFormatWriter.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include <memory>
#include <vector>

#include "common/files.hpp"

namespace kiosk::printing {

namespace {

// RAII for every cairo and pango handle.
struct SurfaceFree {
  void operator()(cairo_surface_t* s) const { cairo_surface_destroy(s); }
};
struct CairoFree {
  void operator()(cairo_t* c) const { cairo_destroy(c); }
};
struct GObjectFree {
  void operator()(void* o) const { g_object_unref(o); }
};
struct FontDescFree {
  void operator()(PangoFontDescription* d) const { pango_font_description_free(d); }
};
using Surface = std::unique_ptr<cairo_surface_t, SurfaceFree>;
using Cairo = std::unique_ptr<cairo_t, CairoFree>;
using Layout = std::unique_ptr<PangoLayout, GObjectFree>;
using FontDesc = std::unique_ptr<PangoFontDescription, FontDescFree>;

constexpr double kMm = 72.0 / 25.4;
constexpr const char* kFamily = "Noto Sans";

struct Geometry {
  double page_w, page_h;  // points; page_h 0: grows with the content (roll)
  double margin;
};

Geometry geometry(Paper p) {
  if (p == Paper::Roll80) return {80 * kMm, 0, 4 * kMm};
  return {210 * kMm, 297 * kMm, 18 * kMm};
}

double font_size(Block::Kind k, Paper p) {
  const double base = p == Paper::Roll80 ? 9.0 : 11.0;
  switch (k) {
    case Block::Kind::Title: return base * 1.45;
    case Block::Kind::Heading: return base * 1.15;
    case Block::Kind::Small: return base * 0.85;
    // Eight characters ("B-1023", "UT-A-1023") fit the roll's 72 mm at this size.
    case Block::Kind::Number: return base * 4.4;
    default: return base;
  }
}

Layout make_layout(cairo_t* cr, const Block& b, Paper paper, double width) {
  Layout layout(pango_cairo_create_layout(cr));
  FontDesc desc(pango_font_description_from_string(kFamily));
  pango_font_description_set_absolute_size(desc.get(), font_size(b.kind, paper) * PANGO_SCALE);
  if (b.kind == Block::Kind::Title || b.kind == Block::Kind::Heading || b.kind == Block::Kind::Number)
    pango_font_description_set_weight(desc.get(), PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description(layout.get(), desc.get());
  if (b.kind == Block::Kind::Number) pango_layout_set_alignment(layout.get(), PANGO_ALIGN_CENTER);
  pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
  pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text(layout.get(), b.text.c_str(), -1);
  return layout;
}

// A QR code 30 mm wide on a roll (a phone camera reads it from a hand's length), 35 mm on A4.
double qr_side(Paper paper, bool small = false) { return (small ? 18 : paper == Paper::Roll80 ? 30 : 35) * kMm; }

ZXing::BitMatrix qr_matrix(const std::string& payload) {
  try {
    return ZXing::MultiFormatWriter(ZXing::BarcodeFormat::QRCode)
        .setEncoding(ZXing::CharacterSet::UTF8)
        .setEccLevel(2)
        .setMargin(0)
        .encode(payload, 0, 0);
  } catch (const std::exception& e) {
    throw PrintError("Không tạo được mã QR (cannot encode QR code: " + std::string(e.what()) + ")");
  }
}

// Dark modules as filled squares, centred in the printable width.
void draw_qr(cairo_t* cr, const std::string& payload, Paper paper, double x0, double width, double y, bool small) {
  const ZXing::BitMatrix m = qr_matrix(payload);
  const double side = qr_side(paper, small);
  const double module = side / m.width();
  const double left = x0 + (width - side) / 2;
  cairo_set_source_rgb(cr, 0, 0, 0);
  for (int row = 0; row < m.height(); ++row)
    for (int col = 0; col < m.width(); ++col)
      if (m.get(col, row)) cairo_rectangle(cr, left + col * module, y + 2 + row * module, module, module);
  cairo_fill(cr);
}

double block_height(cairo_t* cr, const Block& b, Paper paper, double width) {
  if (b.kind == Block::Kind::Rule) return 6;
  if (b.kind == Block::Kind::Qr || b.kind == Block::Kind::SmallQr) return qr_side(paper, b.kind == Block::Kind::SmallQr) + 6;
  if (b.kind == Block::Kind::Space) return font_size(Block::Kind::Text, paper) * 0.6;
  Layout l = make_layout(cr, b, paper, width);
  int w = 0, h = 0;
  pango_layout_get_size(l.get(), &w, &h);
  return static_cast<double>(h) / PANGO_SCALE + 3;
}

// A font that shapes Vietnamese must cover its letters with two marks (ạ, ễ, ự).
void require_vietnamese_font() {
  PangoFontMap* map = pango_cairo_font_map_get_default();  // owned by pango
  std::unique_ptr<PangoContext, GObjectFree> ctx(pango_font_map_create_context(map));
  FontDesc desc(pango_font_description_from_string(kFamily));
  std::unique_ptr<PangoFont, GObjectFree> font(pango_font_map_load_font(map, ctx.get(), desc.get()));
  bool ok = font != nullptr;
  if (ok) {
    PangoCoverage* cov = pango_font_get_coverage(font.get(), pango_language_from_string("vi"));
    for (gunichar c : {0x1EA1u, 0x1EC5u, 0x1EF1u, 0x0111u})
      ok = ok && pango_coverage_get(cov, static_cast<int>(c)) == PANGO_COVERAGE_EXACT;
    pango_coverage_unref(cov);
  }
  if (!ok)
    throw PrintError("Không có phông chữ hỗ trợ tiếng Việt để in (no installed font covers Vietnamese; install fonts-noto-core)");
}

}  // namespace

Paper paper_from_name(const std::string& name) {
  if (name == "roll80") return Paper::Roll80;
  if (name == "a4") return Paper::A4;
  throw PrintError("unknown paper '" + name + "' (roll80 or a4)");
}

namespace {

cairo_status_t append_bytes(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

std::vector<double> block_heights(const PrintDoc& doc, Paper paper, double width) {
  Surface probe(cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, nullptr));
  Cairo pcr(cairo_create(probe.get()));
  std::vector<double> heights;
  for (const auto& b : doc.blocks) heights.push_back(block_height(pcr.get(), b, paper, width));
  return heights;
}

double roll_height(const Geometry& g, double content) { return content + 2 * g.margin + 10 * kMm; }  // tear-off space

}  // namespace

double roll_length_mm(const PrintDoc& doc) {
  require_vietnamese_font();
  const Geometry g = geometry(Paper::Roll80);
  double total = 0;
  for (double h : block_heights(doc, Paper::Roll80, g.page_w - 2 * g.margin)) total += h;
  return roll_height(g, total) / kMm;
}

std::string render_pdf_bytes(const PrintDoc& doc, Paper paper) {
  require_vietnamese_font();
  const Geometry g = geometry(paper);
  const double width = g.page_w - 2 * g.margin;

  // Measure first (a roll is exactly as tall as what is printed on it).
  const std::vector<double> heights = block_heights(doc, paper, width);
  double total = 0;
  for (double h : heights) total += h;
  const double page_h = g.page_h > 0 ? g.page_h : roll_height(g, total);

  std::string out;
  Surface pdf(cairo_pdf_surface_create_for_stream(append_bytes, &out, g.page_w, page_h));
  if (cairo_surface_status(pdf.get()) != CAIRO_STATUS_SUCCESS)
    throw PrintError(std::string("cannot create PDF: ") + cairo_status_to_string(cairo_surface_status(pdf.get())));
  cairo_pdf_surface_set_metadata(pdf.get(), CAIRO_PDF_METADATA_TITLE, doc.title.c_str());
  Cairo cr(cairo_create(pdf.get()));
  double y = g.margin;
  for (size_t i = 0; i < doc.blocks.size(); ++i) {
    const Block& b = doc.blocks[i];
    if (g.page_h > 0 && y + heights[i] > page_h - g.margin) {
      cairo_show_page(cr.get());
      y = g.margin;
    }
    if (b.kind == Block::Kind::Rule) {
      cairo_set_source_rgb(cr.get(), 0, 0, 0);
      cairo_set_line_width(cr.get(), 0.8);
      cairo_move_to(cr.get(), g.margin, y + 3);
      cairo_line_to(cr.get(), g.margin + width, y + 3);
      cairo_stroke(cr.get());
    } else if (b.kind == Block::Kind::Qr || b.kind == Block::Kind::SmallQr) {
      draw_qr(cr.get(), b.text, paper, g.margin, width, y, b.kind == Block::Kind::SmallQr);
    } else if (b.kind != Block::Kind::Space) {
      Layout l = make_layout(cr.get(), b, paper, width);
      cairo_set_source_rgb(cr.get(), 0, 0, 0);
      cairo_move_to(cr.get(), g.margin, y);
      pango_cairo_show_layout(cr.get(), l.get());
    }
    y += heights[i];
  }
  cr.reset();
  cairo_surface_finish(pdf.get());
  if (cairo_surface_status(pdf.get()) != CAIRO_STATUS_SUCCESS)
    throw PrintError(std::string("cannot finish PDF: ") + cairo_status_to_string(cairo_surface_status(pdf.get())));
  return out;
}

void render_pdf(const PrintDoc& doc, Paper paper, const std::filesystem::path& out) {
  const std::string bytes = render_pdf_bytes(doc, paper);
  try {
    files::write_file_durable(out, bytes);
  } catch (const std::exception& e) {
    throw PrintError("cannot write " + out.string() + ": " + e.what());
  }
}

}  // namespace kiosk::printing

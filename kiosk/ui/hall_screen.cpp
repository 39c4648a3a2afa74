#include "ui/hall_screen.hpp"

#include <algorithm>
#include <cstdio>

namespace kiosk::ui {

namespace {

// A text drawn at `at` at `size`, and seen (scripts, the layout check).
ImVec2 put(HallView& v, ImFont* font, float size, ImVec2 at, ImU32 color, const std::string& s) {
  const ImVec2 ext = font->CalcTextSizeA(size, 1e9f, 0, s.c_str());
  ImGui::GetWindowDrawList()->AddText(font, size, at, color, s.c_str());
  v.items.add(s, at, ImVec2(at.x + ext.x, at.y + ext.y));
  return ext;
}

// A text cut to `width` with "…" when it does not fit.
std::string fit(ImFont* font, float size, const std::string& s, float width) {
  if (font->CalcTextSizeA(size, 1e9f, 0, s.c_str()).x <= width) return s;
  std::string cut = s;
  while (!cut.empty() && font->CalcTextSizeA(size, 1e9f, 0, (cut + "…").c_str()).x > width) {
    // One whole character off the end: its continuation bytes, then its lead byte.
    while (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0xC0) == 0x80) cut.pop_back();
    if (!cut.empty()) cut.pop_back();
  }
  return cut + "…";
}

std::string grouped(long n) {
  std::string d = std::to_string(n), out;
  for (size_t i = 0; i < d.size(); ++i) {
    if (i && (d.size() - i) % 3 == 0) out += '.';
    out += d[i];
  }
  return out;
}

std::string clock_text(std::time_t wall, const char* fmt) {
  const std::time_t t = wall + 7 * 3600;  // the center's time
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, fmt, &tm);
  return buf;
}

std::string stale_text(std::time_t since) { return "Chưa cập nhật được từ " + clock_text(since, "%H:%M"); }

bool portrait(ImVec2 s) { return s.y > s.x; }

struct Grid {
  int cols, rows;
};
Grid grid_for(ImVec2 s) { return portrait(s) ? Grid{1, 3} : Grid{2, 3}; }

}  // namespace

namespace {

// Where the counters' tiles go: below the header (and the announcement) and a label row.
struct Tiles {
  float head_h, top, area_w, area_h, tile_w, tile_h, label, pad;
};

Tiles tiles_for(ImVec2 S, const Fonts& fonts, bool announcement) {
  Tiles t{};
  t.pad = std::min(S.x, S.y) * 0.02f;
  t.head_h = S.y * (portrait(S) ? 0.06f : 0.09f);
  t.label = (portrait(S) ? fonts.large : fonts.normal).heading->FontSize;
  const float y = t.head_h + (announcement ? t.label * 1.5f : 0.0f);
  t.top = y + t.pad * 0.5f + t.label * 1.4f;
  t.area_w = portrait(S) ? S.x : S.x * 0.72f;
  t.area_h = portrait(S) ? S.y * 0.64f : S.y * 0.74f;
  const Grid g = grid_for(S);
  t.tile_w = (t.area_w - t.pad) / static_cast<float>(g.cols);
  t.tile_h = (t.area_h - (t.top - t.head_h)) / static_cast<float>(g.rows);
  return t;
}

}  // namespace

float hall_number_size(ImVec2 screen, const Fonts& fonts, size_t chars) {
  const Tiles t = tiles_for(screen, fonts, false);
  ImFont* f = fonts.number;
  // "B-1023" at 1 px: its width per pixel of font size.
  const std::string sample = std::string("B-") + std::string(chars > 2 ? chars - 2 : 1, '0');
  const float per_px = f->CalcTextSizeA(1.0f, 1e9f, 0, sample.c_str()).x;
  const float room_h = t.tile_h - t.pad * 1.0f - t.label * 1.05f;  // under the counter's name
  // ImGui's size is the line's height; the digits are about half of it: the room is filled by
  // the digits themselves, not by the line's empty ascent and descent.
  const ImFontGlyph* eight = f->FindGlyph('8');
  const float digit_per_px = eight ? (eight->Y1 - eight->Y0) / f->FontSize : 0.55f;
  return std::min(room_h * 0.9f / digit_per_px, (t.tile_w - t.pad * 2.0f) * 0.96f / per_px);
}

namespace {

// Counters serving someone; all of them before the first call of the day.
std::vector<const hall::CounterNow*> counters_shown(const hall::HallBoard& board) {
  std::vector<const hall::CounterNow*> shown;
  for (const auto& c : board.counters)
    if (!c.number.empty()) shown.push_back(&c);
  if (shown.empty())
    for (const auto& c : board.counters) shown.push_back(&c);
  return shown;
}

}  // namespace

size_t hall_pages(const hall::HallBoard& board, ImVec2 screen) {
  const Grid g = grid_for(screen);
  const size_t per_page = static_cast<size_t>(g.cols * g.rows);
  return std::max<size_t>(1, (counters_shown(board).size() + per_page - 1) / per_page);
}

bool hall_flashing(const hall::HallBoard& board, hall::Clock::time_point now) {
  return std::any_of(board.counters.begin(), board.counters.end(),
                     [&](const hall::CounterNow& c) { return !c.number.empty() && now - c.called_at < kHallFlash; });
}

void draw_hall(const hall::HallBoard& board, HallView& v) {
  const ImVec2 S = v.size;
  // The fonts are already at this screen's scale; a portrait stand is read from further: the
  // large set (1.3 ×), rasterised at its size.
  const float u = 1.0f;
  const FontSet& fs = portrait(S) ? v.fonts.large : v.fonts.normal;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float pad = std::min(S.x, S.y) * 0.02f;

  // Header: the center, the date and time, the fleet's announcement.
  const float head_h = S.y * (portrait(S) ? 0.06f : 0.09f);
  dl->AddRectFilled(ImVec2(0, 0), ImVec2(S.x, head_h), v.pal.primary);
  const float title = fs.title->FontSize * u;
  const std::string when = clock_text(v.wall, "%H:%M  %d/%m/%Y");
  const float when_w = fs.title->CalcTextSizeA(title, 1e9f, 0, when.c_str()).x;
  put(v, fs.title, title, ImVec2(pad, (head_h - title) / 2), v.pal.on_primary,
      fit(fs.title, title, board.center_name, S.x - when_w - 3 * pad));
  put(v, fs.title, title, ImVec2(S.x - pad - when_w, (head_h - title) / 2), v.pal.on_primary, when);
  float y = head_h;
  if (!v.announcement.empty()) {
    const float h = fs.heading->FontSize * u * 1.5f;
    dl->AddRectFilled(ImVec2(0, y), ImVec2(S.x, y + h), v.pal.highlight);
    put(v, fs.heading, fs.heading->FontSize * u, ImVec2(pad, y + h * 0.17f), v.pal.text,
        fit(fs.heading, fs.heading->FontSize * u, v.announcement, S.x - 2 * pad));
    y += h;
  }

  // The counters, a page at a time (a page every 10 s when they do not fit).
  const Grid g = grid_for(S);
  const Tiles t = tiles_for(S, v.fonts, !v.announcement.empty());
  const float area_w = t.area_w, area_h = t.area_h, label = t.label, top = t.top, tile_w = t.tile_w, tile_h = t.tile_h;
  put(v, fs.heading, label, ImVec2(pad, y + pad * 0.5f), v.pal.muted, "Số đang phục vụ");
  const size_t per_page = static_cast<size_t>(g.cols * g.rows);
  const std::vector<const hall::CounterNow*> shown = counters_shown(board);
  const size_t pages = hall_pages(board, S);
  const size_t page = static_cast<size_t>(v.wall / 10) % pages;
  const float number = hall_number_size(S, v.fonts, 6);
  for (size_t i = 0; i < per_page && page * per_page + i < shown.size(); ++i) {
    const auto& c = *shown[page * per_page + i];
    const ImVec2 a(pad + static_cast<float>(i % static_cast<size_t>(g.cols)) * tile_w, top + static_cast<float>(i / static_cast<size_t>(g.cols)) * tile_h);
    const ImVec2 b(a.x + tile_w - pad, a.y + tile_h - pad * 0.6f);
    // A number just called flashes: every half second, for ten seconds.
    const bool flash = !c.number.empty() && v.now - c.called_at < kHallFlash &&
                       (std::chrono::duration_cast<std::chrono::milliseconds>(v.now - c.called_at).count() / 500) % 2 == 0;
    dl->AddRectFilled(a, b, flash ? v.pal.accent : v.pal.surface);
    dl->AddRect(a, b, v.pal.border, 0, 0, 2.0f);
    const ImU32 ink = flash ? v.pal.on_primary : v.pal.text;
    const float small = fs.heading->FontSize * u;
    put(v, fs.heading, small, ImVec2(a.x + pad * 0.6f, a.y + pad * 0.4f), flash ? v.pal.on_primary : v.pal.muted, "Quầy " + c.counter);
    const float below = a.y + pad * 0.4f + small * 1.05f;
    if (c.number.empty()) {
      const ImVec2 ext = fs.title->CalcTextSizeA(title, 1e9f, 0, "—");
      put(v, fs.title, title, ImVec2(a.x + (b.x - a.x - ext.x) / 2, below + (b.y - below - ext.y) / 2), v.pal.primary, "—");
      continue;
    }
    // Centred by the digits' own box (the line's ascent and descent are empty space).
    ImFont* nf = v.fonts.number;
    const float k = number / nf->FontSize;
    const ImFontGlyph* eight = nf->FindGlyph('8');
    const float g0 = eight ? eight->Y0 * k : 0, g1 = eight ? eight->Y1 * k : number;
    const float w = nf->CalcTextSizeA(number, 1e9f, 0, c.number.c_str()).x;
    const ImVec2 at(a.x + (b.x - a.x - w) / 2, below + (b.y - below - (g1 - g0)) / 2 - g0);
    dl->AddText(nf, number, at, flash ? ink : v.pal.primary, c.number.c_str());
    v.items.add(c.number, ImVec2(at.x, at.y + g0), ImVec2(at.x + w, at.y + g1));
  }
  if (pages > 1)
    put(v, fs.small, fs.small->FontSize * u, ImVec2(pad, top + area_h - (top - head_h) + pad * 0.2f), v.pal.muted,
        "Trang " + std::to_string(page + 1) + "/" + std::to_string(pages));

  // The last calls and who waits: beside the counters (landscape) or under them.
  float sx = portrait(S) ? pad : area_w + pad;
  float sy = portrait(S) ? head_h + area_h + pad : top - label * 1.4f;
  const float side_w = portrait(S) ? S.x / 2 - 2 * pad : S.x - area_w - 2 * pad;
  const float row = fs.heading->FontSize * u * 1.35f;
  put(v, fs.heading, label, ImVec2(sx, sy), v.pal.muted, "Vừa gọi");
  sy += row;
  // Beside the tiles (landscape) or half the width (portrait): a heading's size.
  ImFont* rf = fs.heading;
  const float rs = rf->FontSize * u;
  for (const auto& c : board.recent) {
    put(v, rf, rs, ImVec2(sx, sy), v.pal.text, fit(rf, rs, c.number + "  –  Quầy " + c.counter + (c.recall ? " (gọi lại)" : ""), side_w));
    sy += rs * 1.3f;
  }
  if (board.recent.empty()) {
    put(v, fs.body, fs.body->FontSize * u, ImVec2(sx, sy), v.pal.muted, "Chưa gọi số nào");
    sy += row;
  }
  if (portrait(S)) {
    sx = S.x / 2 + pad;
    sy = head_h + area_h + pad;
  } else {
    sy += pad;
  }
  put(v, fs.heading, label, ImVec2(sx, sy), v.pal.muted, "Đang chờ");
  sy += row;
  const float body = fs.body->FontSize * u;
  for (const auto& s : board.services) {
    const auto w = board.waiting.find(s.id);
    if (w == board.waiting.end()) continue;
    // The count at the right, always whole; the service's name cut before it.
    const std::string n = std::to_string(w->second) + " người";
    const float nw = fs.heading->CalcTextSizeA(body, 1e9f, 0, n.c_str()).x;
    put(v, fs.heading, body, ImVec2(sx + side_w - nw, sy), v.pal.text, n);
    put(v, fs.body, body, ImVec2(sx, sy), v.pal.text, fit(fs.body, body, s.name, side_w - nw - pad));
    sy += body * 1.35f;
    // Room kept for the stale line above the month's band.
    if (sy > S.y * (portrait(S) ? 0.915f : 0.87f) - body * 2.8f) break;
  }
  if (board.queue_stale_since)
    put(v, fs.body, body, ImVec2(sx, sy + pad * 0.3f), v.pal.accent, fit(fs.body, body, stale_text(*board.queue_stale_since), side_w));

  // The month's figures, across the bottom.
  const float band = S.y * (portrait(S) ? 0.1f : 0.13f);
  const float by = S.y - band;
  dl->AddRectFilled(ImVec2(0, by), ImVec2(S.x, S.y), v.pal.surface);
  dl->AddLine(ImVec2(0, by), ImVec2(S.x, by), v.pal.border, 2.0f);
  if (board.stats) {
    const auto& st = *board.stats;
    const auto share = dossier::MonthStats::on_time_percent(st.on_time, st.late);
    const std::string month = "Tháng " + st.month.substr(5, 2) + "/" + st.month.substr(0, 4) + ": tiếp nhận " + grouped(st.received) + " hồ sơ";
    const std::string settled = "giải quyết đúng hạn " + grouped(st.on_time) + (share ? " (" + std::to_string(*share) + "%)" : std::string()) +
                                " · trễ hạn " + grouped(st.late);
    float ly = by + pad * 0.4f;
    // A portrait stand is narrow: the month and what was settled on two lines.
    if (portrait(S)) {
      put(v, fs.heading, label, ImVec2(pad, ly), v.pal.text, fit(fs.heading, label, month, S.x - 2 * pad));
      ly += label * 1.25f;
      put(v, fs.heading, label, ImVec2(pad, ly), v.pal.text, fit(fs.heading, label, settled, S.x - 2 * pad));
    } else {
      put(v, fs.heading, label, ImVec2(pad, ly), v.pal.text, fit(fs.heading, label, month + " · " + settled, S.x - 2 * pad));
    }
    std::string agencies;
    for (const auto& a : st.agencies) {
      const auto p = dossier::MonthStats::on_time_percent(a.on_time, a.late);
      if (p) agencies += (agencies.empty() ? "" : "   ") + a.name + " " + std::to_string(*p) + "%";
    }
    if (!agencies.empty())
      put(v, fs.body, body, ImVec2(pad, ly + label * 1.3f), v.pal.muted, fit(fs.body, body, "Đúng hạn: " + agencies, S.x - 2 * pad));
  }
  if (board.stats_stale_since) {
    const std::string s = stale_text(*board.stats_stale_since);
    const float w = fs.body->CalcTextSizeA(body, 1e9f, 0, s.c_str()).x;
    put(v, fs.body, body, ImVec2(S.x - pad - w, S.y - body * 1.4f), v.pal.accent, s);
  }
}

}  // namespace kiosk::ui

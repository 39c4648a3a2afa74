// What is on screen this frame, with where: scripted sessions tap and expect by visible text,
// and the layout check finds texts and buttons off the window or on top of each other.
#pragma once
#include <imgui.h>

#include <string>
#include <vector>

namespace kiosk::ui {

struct VisibleItem {
  std::string text;
  ImVec2 min, max;           // clipped to what its window shows
  ImVec2 drawn_min, drawn_max;  // unclipped
  bool key = false;       // a key of the on-screen keyboard
  unsigned layer = 0;     // the top-level window it is drawn in: overlays are layers of their own
  bool overflow = false;  // a button whose label does not fit it
  bool scrolled = false;  // drawn in a scrolling region, which may hide it partly above or below
};

class VisibleItems {
 public:
  void clear() {
    items_.clear();
    readable_.clear();
    reading_on_ = true;
  }
  void add(std::string text, ImVec2 min, ImVec2 max, bool key = false, bool overflow = false);
  // Items in reading order: top to bottom, then left to right.
  std::vector<VisibleItem> in_reading_order() const;
  // The first item, in reading order, whose text contains `needle` (keys only match exactly).
  const VisibleItem* find(const std::string& needle) const;
  const VisibleItem* find_key(const std::string& label) const;
  const std::vector<VisibleItem>& all() const { return items_; }

  // What "Nghe đọc" reads: the screen's texts in the order drawn, scrolled out of sight or not.
  // The header, the bottom bar and the keyboard are not the screen's content: they switch it off.
  void add_readable(const std::string& text) {
    if (reading_on_) readable_.push_back(text);
  }
  void set_readable(bool on) { reading_on_ = on; }
  const std::vector<std::string>& readable() const { return readable_; }

  // The text being read aloud: widgets drawing it put a highlight behind it and, once per
  // sentence (`follow_reading`), scroll it into view.
  std::string reading;
  ImU32 reading_bg = 0;
  bool follow_reading = false;
  // Called by a widget drawing `text` over [min, max]: highlights it when it is being read (a
  // background behind text; an `outline` around a button).
  void mark_if_reading(const std::string& text, ImVec2 min, ImVec2 max, bool outline = false);

 private:
  std::vector<VisibleItem> items_;
  std::vector<std::string> readable_;
  bool reading_on_ = true;
  mutable std::vector<VisibleItem> sorted_;
};

// For its lifetime, what is drawn is not read aloud (chrome, keyboards).
class NotRead {
 public:
  explicit NotRead(VisibleItems& items) : items_(items) { items_.set_readable(false); }
  ~NotRead() { items_.set_readable(true); }
  NotRead(const NotRead&) = delete;
  NotRead& operator=(const NotRead&) = delete;

 private:
  VisibleItems& items_;
};

// What is wrong with a frame's layout, one line per problem: an item outside the window, a
// button label that does not fit, two items of one layer overlapping. Empty when it is right.
std::vector<std::string> layout_problems(const std::vector<VisibleItem>& items, ImVec2 window);

}  // namespace kiosk::ui

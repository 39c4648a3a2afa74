// A printable document as a list of blocks, independent of paper and of how it is drawn.
#pragma once
#include <string>
#include <vector>

namespace kiosk::printing {

struct Block {
  enum class Kind { Title, Heading, Text, Small, Rule, Space, Qr, SmallQr, Number };
  Kind kind;
  std::string text;
};

struct PrintDoc {
  std::string title;  // PDF metadata
  std::vector<Block> blocks;

  PrintDoc& title_line(std::string t) { return add(Block::Kind::Title, std::move(t)); }
  PrintDoc& heading(std::string t) { return add(Block::Kind::Heading, std::move(t)); }
  PrintDoc& text(std::string t) { return add(Block::Kind::Text, std::move(t)); }
  PrintDoc& small(std::string t) { return add(Block::Kind::Small, std::move(t)); }
  // A queue number, centred, in the largest type the paper takes ("B-1023").
  PrintDoc& number(std::string t) { return add(Block::Kind::Number, std::move(t)); }
  PrintDoc& rule() { return add(Block::Kind::Rule, {}); }
  PrintDoc& space() { return add(Block::Kind::Space, {}); }
  // A QR code of `payload` (a link, a dossier code), drawn as vector squares.
  PrintDoc& qr(std::string payload) { return add(Block::Kind::Qr, std::move(payload)); }
  // A short code for a scanner at the counter, not a phone (a queue ticket's id): 18 mm.
  PrintDoc& small_qr(std::string payload) { return add(Block::Kind::SmallQr, std::move(payload)); }

 private:
  PrintDoc& add(Block::Kind k, std::string t);
};

}  // namespace kiosk::printing

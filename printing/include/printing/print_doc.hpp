// A printable document as a list of blocks, independent of paper and of how it is drawn.
#pragma once
#include <string>
#include <vector>

namespace kiosk::printing {

struct Block {
  enum class Kind { Title, Heading, Text, Small, Rule, Space, Qr };
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
  PrintDoc& rule() { return add(Block::Kind::Rule, {}); }
  PrintDoc& space() { return add(Block::Kind::Space, {}); }
  // A QR code of `payload` (a link, a dossier code), drawn as vector squares.
  PrintDoc& qr(std::string payload) { return add(Block::Kind::Qr, std::move(payload)); }

 private:
  PrintDoc& add(Block::Kind k, std::string t);
};

}  // namespace kiosk::printing

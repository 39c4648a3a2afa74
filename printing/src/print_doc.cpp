#include "printing/print_doc.hpp"

#include "common/text.hpp"

namespace kiosk::printing {

PrintDoc& PrintDoc::add(Block::Kind k, std::string t) {
  // Pango shapes what it is given; NFC keeps marks on their letters in every font.
  blocks.push_back({k, text::to_nfc(text::sanitize_utf8(t))});
  return *this;
}

}  // namespace kiosk::printing

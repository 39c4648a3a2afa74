// What a screen says, written out as a Vietnamese voice must read it: numbers, amounts, dates
// and times in words, codes letter by letter, the usual abbreviations expanded, masked names and
// links left out. espeak-ng alone reads "1.250.000" and "29/11/2026" wrongly.
#pragma once
#include <string>
#include <string_view>

namespace kiosk::vntext {

// "Lệ phí 1.250.000 ₫" -> "Lệ phí một triệu hai trăm năm mươi nghìn đồng". Rules and cases:
// tests/vntext/test_speech_text.cpp.
std::string speech_text(std::string_view text);

// One code letter by letter: "H01-0001" -> "hát không một gạch không không không một".
std::string spell_code(std::string_view code);

}  // namespace kiosk::vntext

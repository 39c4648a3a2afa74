// Numbers and amounts in Vietnamese words, as people say them: "21" hai mươi mốt, "24" hai mươi
// tư, "15" mười lăm, "105" một trăm linh năm ("linh", never "lẻ"), "1.005" một nghìn không trăm
// linh năm, "1.250.000" một triệu hai trăm năm mươi nghìn.
#pragma once
#include <cstdint>
#include <string>

namespace kiosk::vntext {

std::string number_words(uint64_t n);
// An amount of Vietnamese đồng, as a receipt writes it in words: "Năm mươi nghìn đồng".
// Negative amounts are written "Âm …".
std::string amount_words(int64_t vnd);

}  // namespace kiosk::vntext

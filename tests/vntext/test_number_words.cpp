#include <catch2/catch.hpp>

#include "vntext/number_words.hpp"

using kiosk::vntext::amount_words;
using kiosk::vntext::number_words;

TEST_CASE("numbers in Vietnamese words, as people say them", "[vntext]") {
  const std::pair<uint64_t, const char*> cases[] = {
      {0, "không"},
      {5, "năm"},
      {10, "mười"},
      {11, "mười một"},
      {14, "mười bốn"},
      {15, "mười lăm"},
      {20, "hai mươi"},
      {21, "hai mươi mốt"},
      {24, "hai mươi tư"},
      {25, "hai mươi lăm"},
      {55, "năm mươi lăm"},
      {100, "một trăm"},
      {101, "một trăm linh một"},
      {105, "một trăm linh năm"},
      {110, "một trăm mười"},
      {115, "một trăm mười lăm"},
      {121, "một trăm hai mươi mốt"},
      {999, "chín trăm chín mươi chín"},
      {1000, "một nghìn"},
      {1005, "một nghìn không trăm linh năm"},
      {1050, "một nghìn không trăm năm mươi"},
      {1500, "một nghìn năm trăm"},
      {10000, "mười nghìn"},
      {15000, "mười lăm nghìn"},
      {21000, "hai mươi mốt nghìn"},
      {50000, "năm mươi nghìn"},
      {100000, "một trăm nghìn"},
      {1000000, "một triệu"},
      {1000005, "một triệu không trăm linh năm"},
      {1250000, "một triệu hai trăm năm mươi nghìn"},
      {2000000000, "hai tỷ"},
      {2000500000, "hai tỷ năm trăm nghìn"},
      {1000000000000, "một nghìn tỷ"},
  };
  for (const auto& [n, words] : cases) {
    INFO(n);
    CHECK(number_words(n) == words);
  }
}

TEST_CASE("amounts in words, as a receipt writes them", "[vntext]") {
  CHECK(amount_words(0) == "Không đồng");
  CHECK(amount_words(50000) == "Năm mươi nghìn đồng");
  CHECK(amount_words(1250000) == "Một triệu hai trăm năm mươi nghìn đồng");
  CHECK(amount_words(2000000000) == "Hai tỷ đồng");
  CHECK(amount_words(-5000) == "Âm năm nghìn đồng");
}

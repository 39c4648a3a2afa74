#include "vntext/number_words.hpp"

#include <array>
#include <vector>

#include "common/text.hpp"

namespace kiosk::vntext {

namespace {

constexpr std::array<const char*, 10> kDigits = {"không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"};

// A group of three digits (0-999). `leading`: the number's first group, where "không trăm" and
// "linh" are not said before it ("năm" for 5, not "không trăm linh năm").
std::string group_words(unsigned g, bool leading) {
  const unsigned h = g / 100, t = (g / 10) % 10, u = g % 10;
  std::vector<std::string> w;
  if (h > 0 || !leading) {
    w.push_back(kDigits[h]);
    w.push_back("trăm");
  }
  if (t == 0) {
    if (u > 0 && (h > 0 || !leading)) w.push_back("linh");
  } else if (t == 1) {
    w.push_back("mười");
  } else {
    w.push_back(kDigits[t]);
    w.push_back("mươi");
  }
  if (u > 0) {
    if (u == 1 && t >= 2) w.push_back("mốt");
    else if (u == 4 && t >= 2) w.push_back("tư");
    else if (u == 5 && t >= 1) w.push_back("lăm");
    else w.push_back(kDigits[u]);
  }
  std::string out;
  for (const auto& s : w) out += (out.empty() ? "" : " ") + s;
  return out;
}

}  // namespace

std::string number_words(uint64_t n) {
  if (n == 0) return kDigits[0];
  // Groups of three digits, lowest first. A group of zeros is not said.
  static constexpr std::array<const char*, 7> kScale = {"", "nghìn", "triệu", "tỷ", "nghìn tỷ", "triệu tỷ", "tỷ tỷ"};
  std::vector<unsigned> groups;
  for (uint64_t v = n; v > 0; v /= 1000) groups.push_back(static_cast<unsigned>(v % 1000));
  std::string out;
  for (size_t i = groups.size(); i-- > 0;) {
    if (groups[i] == 0) continue;
    const std::string part = group_words(groups[i], i + 1 == groups.size());
    out += (out.empty() ? "" : " ") + part + (*kScale[i] ? std::string(" ") + kScale[i] : std::string());
  }
  return out;
}

std::string amount_words(int64_t vnd) {
  const bool negative = vnd < 0;
  const uint64_t magnitude = negative ? static_cast<uint64_t>(-(vnd + 1)) + 1 : static_cast<uint64_t>(vnd);
  std::string words = (negative ? "âm " : "") + number_words(magnitude) + " đồng";
  return text::capitalize(words);  // "Năm mươi…", "Âm…": the first letter may carry marks
}

}  // namespace kiosk::vntext

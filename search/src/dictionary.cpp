#include "search/dictionary.hpp"

#include <array>
#include <string_view>

namespace kiosk::search {

const std::vector<std::vector<std::string>>& builtin_synonyms() {
  // The GUIDE's list of abbreviations and colloquial names, both ways.
  static const std::vector<std::vector<std::string>> groups = {
      {"cccd", "can cuoc cong dan", "the can cuoc", "can cuoc"},
      {"cmnd", "chung minh nhan dan", "chung minh thu"},
      {"gplx", "giay phep lai xe", "bang lai xe", "bang lai"},
      {"dkkd", "dang ky kinh doanh"},
      {"hkd", "ho kinh doanh"},
      {"dn", "doanh nghiep"},
      {"tnhh", "trach nhiem huu han"},
      {"ctcp", "cong ty co phan"},
      {"htx", "hop tac xa"},
      {"bhxh", "bao hiem xa hoi"},
      {"bhyt", "bao hiem y te", "the bao hiem"},
      {"bhtn", "bao hiem that nghiep"},
      {"tnld", "tai nan lao dong"},
      {"bnn", "benh nghe nghiep"},
      {"tncn", "thu nhap ca nhan"},
      {"tndn", "thu nhap doanh nghiep"},
      {"gtgt", "gia tri gia tang", "vat"},
      {"mst", "ma so thue"},
      {"qsdd", "quyen su dung dat", "so do", "so hong"},
      {"gcn", "giay chung nhan"},
      {"ubnd", "uy ban nhan dan"},
      {"hdnd", "hoi dong nhan dan"},
      {"kcb", "kham chua benh"},
      {"kbnn", "kho bac nha nuoc", "kho bac"},
      {"nhnn", "ngan hang nha nuoc"},
      {"xnc", "xuat nhap canh"},
      {"lltp", "ly lich tu phap"},
      {"giay xac nhan doc than", "xac nhan tinh trang hon nhan"},
      {"ho khau", "thuong tru", "cu tru"},
      {"lam giay to xe", "dang ky xe"},
      {"bien so xe", "dang ky xe"},
      {"passport", "ho chieu"},
      {"visa", "thi thuc"},
      {"lam giay khai sinh", "dang ky khai sinh"},
      {"khai tu", "dang ky khai tu"},
      {"cong chung", "chung thuc"},
      {"sao y", "chung thuc ban sao"},
      {"nghi huu", "luong huu"},
      {"sinh con", "thai san"},
  };
  return groups;
}

std::vector<std::string> spelling_variants(const std::string& word) {
  std::vector<std::string> out;
  static const std::array<std::string_view, 11> numbers = {"khong", "mot", "hai", "ba", "bon", "nam",
                                                           "sau",   "bay", "tam", "chin", "muoi"};
  if (word.size() <= 2 && !word.empty() && std::isdigit(static_cast<unsigned char>(word[0]))) {
    int n = std::stoi(word);
    if (n >= 0 && n <= 10) out.emplace_back(numbers[static_cast<size_t>(n)]);
  }
  for (size_t i = 0; i < numbers.size(); ++i)
    if (word == numbers[i]) out.push_back(std::to_string(i));
  if (word == "nhat") out.emplace_back("1");
  // i and y after a consonant are one sound, and citizens write either: ki/ky, li/ly, mi/my, ti/ty.
  if (word.size() >= 2) {
    char last = word.back();
    char before = word[word.size() - 2];
    bool consonant = std::string_view("bcdghklmnpqrstvx").find(before) != std::string_view::npos;
    if (consonant && (last == 'i' || last == 'y')) out.push_back(word.substr(0, word.size() - 1) + (last == 'i' ? 'y' : 'i'));
  }
  return out;
}

}  // namespace kiosk::search

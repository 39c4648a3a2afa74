#include "search/dictionary.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

#include "search/fold.hpp"

namespace kiosk::search {

void PhraseBook::add_group(const std::vector<std::string>& folded_phrases) {
  std::vector<Phrase> phrases;
  for (const auto& p : folded_phrases) {
    auto w = words(p);
    if (!w.empty()) phrases.push_back(std::move(w));
  }
  for (const auto& p : phrases) {
    auto& alts = alternatives_[p];
    for (const auto& q : phrases)
      if (q != p && std::find(alts.begin(), alts.end(), q) == alts.end()) alts.push_back(q);
    max_words_ = std::max(max_words_, p.size());
  }
}

void PhraseBook::add_rewrite(const std::string& from, const std::vector<std::string>& to) {
  Phrase key = words(from);
  if (key.empty()) return;
  auto& alts = alternatives_[key];
  for (const auto& t : to) {
    auto w = words(t);
    if (!w.empty() && std::find(alts.begin(), alts.end(), w) == alts.end()) alts.push_back(std::move(w));
  }
  max_words_ = std::max(max_words_, key.size());
}

void PhraseBook::add_filler(const std::string& phrase, bool asks) {
  Phrase key = words(phrase);
  if (key.empty()) return;
  fillers_[key] = fillers_[key] || asks;
  max_words_ = std::max(max_words_, key.size());
}

PhraseBook::Match PhraseBook::longest_at(const std::vector<std::string>& ws, size_t at) const {
  Match m;
  for (size_t len = std::min(max_words_, ws.size() - at); len >= 1; --len) {
    Phrase key(ws.begin() + static_cast<long>(at), ws.begin() + static_cast<long>(at + len));
    if (auto it = fillers_.find(key); it != fillers_.end()) {
      m.words = len;
      m.filler = true;
      m.asks = it->second;
      return m;
    }
    if (auto it = alternatives_.find(key); it != alternatives_.end()) {
      m.words = len;
      m.forms.push_back(key);
      for (const auto& alt : it->second) m.forms.push_back(alt);
      return m;
    }
  }
  return m;
}

PhraseBook builtin_phrase_book() {
  PhraseBook book;
  // The GUIDE's abbreviations, both ways, with the colloquial names people use for them.
  const std::vector<std::vector<std::string>> groups = {
      {"cccd", "can cuoc cong dan", "the can cuoc", "can cuoc", "cmnd", "chung minh nhan dan", "chung minh thu"},
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
      {"qsdd", "quyen su dung dat", "so do", "so hong", "giay chung nhan quyen su dung dat"},
      {"gcn", "giay chung nhan"},
      {"ubnd", "uy ban nhan dan"},
      {"hdnd", "hoi dong nhan dan"},
      {"kcb", "kham chua benh"},
      {"kbnn", "kho bac nha nuoc", "kho bac"},
      {"nhnn", "ngan hang nha nuoc"},
      {"xnc", "xuat nhap canh"},
      {"lltp", "ly lich tu phap"},
      {"xac nhan doc than", "giay xac nhan doc than", "xac nhan tinh trang hon nhan"},
      {"ho khau", "thuong tru", "cu tru"},
      {"passport", "ho chieu"},
      {"visa", "thi thuc"},
      {"cong chung", "chung thuc"},
      {"sao y", "chung thuc ban sao"},
      {"sinh con", "thai san"},
      {"oto", "o to"},
      {"xe may", "mo to", "xe gan may"},
  };
  for (const auto& g : groups) book.add_group(g);
  // Everyday words for what the catalog names formally; one way only ("lấy chồng" means "kết
  // hôn", not the reverse). The ways of saying one thing share a line.
  struct Rewrite {
    std::vector<std::string> from;
    std::vector<std::string> to;
  };
  const std::vector<Rewrite> rewrites = {
      {{"lay chong", "lay vo", "cuoi"}, {"ket hon"}},
      // "Mất" is lost, but also died (bố tôi vừa mất) and costs (có mất tiền không: a filler).
      {{"bao tu", "vua mat", "da mat", "qua doi"}, {"khai tu"}},
      {{"mat", "bi mat", "lam mat", "danh mat", "danh roi"}, {"cap lai", "trinh bao mat"}},
      {{"mat de lai"}, {"thua ke", "di san"}},
      {{"nhan con"}, {"nhan cha me con"}},
      {{"nhan nuoi"}, {"con nuoi"}},
      {{"nhap ho khau"}, {"dang ky thuong tru"}},
      {{"cat ho khau"}, {"xoa dang ky thuong tru"}},
      {{"chuyen ho khau"}, {"xoa dang ky thuong tru", "dang ky thuong tru"}},
      {{"mo cua hang", "mo quan", "buon ban", "tap hoa", "cua hang", "mo tiem"}, {"ho kinh doanh"}},
      {{"dong cua"}, {"cham dut", "tam ngung"}},
      {{"nuoc ngam"}, {"nuoc duoi dat"}},
      {{"khoan gieng"}, {"khai thac nuoc duoi dat"}},
      {{"tau danh ca"}, {"tau ca"}},
      {{"bam bien", "bam bien so"}, {"cap bien so"}},
      {{"rut bao hiem", "rut bhxh"}, {"bao hiem xa hoi mot lan"}},
      {{"xe cu"}, {"thay doi chu xe"}},
      {{"doi chu", "sang ten"}, {"thay doi chu"}},
      {{"doi ten"}, {"cai chinh", "thay doi"}},
      {{"sua ten", "sua ngay sinh"}, {"cai chinh"}},
      {{"sua thong tin"}, {"cai chinh", "dieu chinh"}},
      {{"xay nha"}, {"xay dung nha o", "giay phep xay dung"}},
      {{"the chap"}, {"bien phap bao dam"}},
      {{"tach ho khau"}, {"tach ho"}},
      {{"dang ky xe may"}, {"dang ky xe"}},
      // How people say it at the counter.
      {{"cat khau"}, {"xoa dang ky thuong tru"}},
      {{"nhap khau vao"}, {"dang ky thuong tru"}},  // "nhập khẩu vào nhà": never customs
      {{"tam nghi"}, {"tam ngung"}},
      {{"nghi ban"}, {"tam ngung kinh doanh", "cham dut"}},
      {{"viet sai", "ghi sai"}, {"cai chinh"}},
      {{"bi sai"}, {"cai chinh", "dieu chinh"}},
      {{"bi hong", "bi rach"}, {"cap doi", "doi"}},
      {{"dang ky ma so thue"}, {"dang ky thue"}},
      {{"giay dang ky xe", "cavet", "ca vet"}, {"chung nhan dang ky xe"}},
      // A "giấy đăng ký" is what the catalog calls a (giấy) chứng nhận đăng ký.
      {{"giay dang ky"}, {"giay chung nhan dang ky", "chung nhan dang ky"}},
      // A motorbike is registered as a "xe" (đăng ký xe, biển số xe).
      {{"xe may"}, {"xe"}},
  };
  for (const auto& r : rewrites)
    for (const auto& from : r.from) book.add_rewrite(from, r.to);
  // Words that say what the citizen wants to do, not what it is about.
  for (const char* f : {"lam", "xin", "muon", "toi", "thu tuc", "o dau", "nhu the nao", "the nao", "bao nhieu",
                        "can nhung gi", "can gi", "giup", "cho toi", "sang"})
    book.add_filler(f);
  // How citizens ask, at the counter or in writing: who is asking, how, where, how long, what
  // it costs, whether they may. None of it says what the procedure is.
  for (const char* f : {"cho toi hoi", "cho em hoi", "cho chau hoi", "cho hoi", "xin hoi", "vui long", "lam on",
                        "lam sao", "phai lam sao", "lam the nao", "ra sao", "the nao a", "nhu nao",
                        "lam o dau", "nop o dau", "den dau", "o dau vay", "o dau a", "cho nao",
                        "bao lau", "mat bao lau", "trong bao lau", "mat may ngay", "may ngay", "bao nhieu tien",
                        "mat bao nhieu tien", "mat tien", "het bao nhieu tien", "co mat tien khong", "le phi bao nhieu",
                        "can nhung giay to gi", "can giay to gi", "giay to gi", "nhung giay to gi", "gom nhung gi",
                        "nhung gi", "can mang gi", "can mang theo gi", "mang theo gi", "mang gi", "can nhung",
                        "co duoc khong", "duoc khong", "co phai", "co can", "co the", "khong a", "vay a",
                        "nhe", "roi", "cua toi", "cua minh", "nha toi", "nha minh",
                        "gia dinh toi", "chung toi", "em muon", "chau muon", "minh muon", "toi can",
                        "thu tuc gi", "lam thu tuc gi", "lam gi", "huong dan", "khong", "duoc", "vua moi", "vua",
                        "can lam", "can phai", "phai"})
    book.add_filler(f);
  // The words a story turns to what it asks with: "Nay tôi muốn xin cấp lại …", "cần những thủ
  // tục gì để được cấp …", "làm thế nào để đăng ký …".
  for (const char* f : {"muon", "xin", "em muon", "chau muon", "minh muon", "toi can", "can lam", "can phai",
                        "lam the nao", "lam sao", "phai lam sao", "de duoc"})
    book.add_filler(f, true);
  return book;
}

std::vector<std::string> spelling_variants(const std::string& word) {
  std::vector<std::string> out;
  static const std::array<std::string_view, 11> numbers = {"khong", "mot", "hai", "ba", "bon", "nam",
                                                           "sau",   "bay", "tam", "chin", "muoi"};
  if (!word.empty() && word.size() <= 2 && std::all_of(word.begin(), word.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
    int n = std::stoi(word);
    if (n >= 0 && n <= 10) out.emplace_back(numbers[static_cast<size_t>(n)]);
  }
  for (size_t i = 0; i < numbers.size(); ++i)
    if (word == numbers[i]) out.push_back(std::to_string(i));
  // i and y after a consonant are one sound, and citizens write either: ki/ky, li/ly, mi/my, ti/ty.
  if (word.size() >= 2) {
    char last = word.back();
    char before = word[word.size() - 2];
    bool consonant = std::string_view("bcdghklmnpqrstvx").find(before) != std::string_view::npos;
    if (consonant && (last == 'i' || last == 'y'))
      out.push_back(word.substr(0, word.size() - 1) + (last == 'i' ? 'y' : 'i'));
  }
  return out;
}

}  // namespace kiosk::search

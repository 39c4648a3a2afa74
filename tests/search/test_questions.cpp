// Questions asked as citizens ask them, on the sample catalog (whose word statistics decide the
// weights): a long story, a filler word that is part of a catalog word, "mất" meaning died. The
// first two fail on the ranking before the story reading and the filler pairs (f56bb67).
#include <catch2/catch.hpp>

#include "common/files.hpp"
#include "content/store.hpp"
#include "search/index.hpp"
#include "search/query.hpp"
#include "search/searcher.hpp"
#include "sample_catalog.hpp"

using namespace kiosk;

namespace {

int rank_of(const std::vector<search::Hit>& hits, const std::string& code) {
  for (size_t i = 0; i < hits.size(); ++i)
    if (hits[i].code == code) return static_cast<int>(i) + 1;
  return 0;
}

}  // namespace

TEST_CASE("questions: a story is read to its end, fillers inside catalog words stay, and mất can mean died") {
  files::TempDir tmp;
  search::Searcher s(sample_catalog(tmp));

  // More than twelve telling words before what it is about: the first twelve alone miss it.
  const std::string story =
      "Tôi đang thuê phòng trọ gần trường đại học, học năm hai ngành kế toán, chủ nhà bảo với bố mẹ tôi là "
      "sinh viên ở trọ phải đăng ký tạm trú, xin hỏi cần mang những giấy tờ gì";
  CHECK(search::parse_query(story, search::PhraseBook{}).terms.size() > search::kMaxQueryTerms);
  const int tam_tru = rank_of(s.search(story), "1.004194");  // Đăng ký tạm trú
  CHECK(tam_tru >= 1);
  CHECK(tam_tru <= 3);

  // "giúp" is a filler ("giúp tôi"), but "trợ giúp" is a word of the catalog's names.
  const auto legal_aid = s.search("tôi không có tiền thuê luật sư thì có được nhà nước trợ giúp pháp lý không");
  const int aid = rank_of(legal_aid, "2.000829");  // Thủ tục yêu cầu trợ giúp pháp lý
  CHECK(aid >= 1);
  CHECK(aid <= 5);
  REQUIRE_FALSE(legal_aid.empty());
  CHECK(legal_aid.front().name.find("trợ giúp pháp lý") != std::string::npos);

  // Someone who died is registered, not "re-issued" (mất alone is lost).
  const auto death = s.search("bố tôi vừa mất, gia đình cần làm giấy báo tử ở đâu");
  REQUIRE_FALSE(death.empty());
  CHECK((death.front().code == "1.000656" || death.front().code == "1.005461"));
  const auto lost = s.search("mat can cuoc");
  REQUIRE_FALSE(lost.empty());
  CHECK(lost.front().name.find("Cấp lại") != std::string::npos);
}

TEST_CASE("questions: everyday names of papers, and a long name judged by its head") {
  files::TempDir tmp;
  search::Searcher s(sample_catalog(tmp));
  // "Giấy đăng ký" is the catalog's giấy chứng nhận đăng ký; a motorbike is registered as a xe.
  const auto business = s.search("giấy đăng ký doanh nghiệp bị mất thì cấp lại thế nào");
  REQUIRE_FALSE(business.empty());
  // Second since the fitted ranking (issue 30): the short "Cấp lại Giấy chứng nhận đăng ký
  // phương tiện" covers more of its own name and comes first; first with the hand-set weights.
  CHECK(rank_of(business, "2.002018") >= 1);
  CHECK(rank_of(business, "2.002018") <= 2);
  const auto plate = s.search("mua xe may moi thi bam bien so o dau");
  REQUIRE_FALSE(plate.empty());
  // Đăng ký xe lần đầu, online or at the counter (the plate is issued with it).
  CHECK((plate.front().code == "1.012575" || plate.front().code == "1.013067" || plate.front().code == "1.013066"));
  // The right permit's name ends in a long tail about how it is delivered; a shorter name
  // holding fewer of the question's words came first when the whole name counted.
  const int permit = rank_of(s.search("Nhà tôi có căn nhà cấp bốn xây đã lâu, nay muốn sửa chữa cải tạo lại mái và "
                                      "tường thì có phải xin giấy phép xây dựng không"),
                             "1.013229");
  CHECK(permit >= 1);
  CHECK(permit <= 3);
}

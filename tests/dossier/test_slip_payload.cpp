#include <catch2/catch.hpp>

#include "dossier/slip_payload.hpp"

using namespace kiosk::dossier;

namespace {
SlipPayload accept(const std::string& s) {
  auto r = parse_slip(s);
  INFO(s);
  REQUIRE(std::holds_alternative<SlipPayload>(r));
  return std::get<SlipPayload>(r);
}
SlipRefusal refuse(const std::string& s) {
  auto r = parse_slip(s);
  INFO(s);
  REQUIRE(std::holds_alternative<SlipRefusal>(r));
  return std::get<SlipRefusal>(r);
}
}  // namespace

TEST_CASE("dossier codes: long and short agency ids, 4 or 5 digit counters, real dates") {
  auto c = parse_dossier_code("000.00.12.H04-230101-0001");
  REQUIRE(c);
  CHECK(c->agency == "000.00.12.H04");
  CHECK(c->year == 2023);
  CHECK(c->month == 1);
  CHECK(c->counter == "0001");
  CHECK(c->text() == "000.00.12.H04-230101-0001");
  CHECK(parse_dossier_code("H04-240229-00012"));  // 2024 is a leap year
  CHECK_FALSE(parse_dossier_code("H04-230229-0001"));
  CHECK_FALSE(parse_dossier_code("H04-231301-0001"));
  CHECK_FALSE(parse_dossier_code("H04-230100-0001"));
  CHECK_FALSE(parse_dossier_code("H04-230101-001"));
  CHECK_FALSE(parse_dossier_code("H04-230101-000001"));
  CHECK_FALSE(parse_dossier_code("04-230101-0001"));
  CHECK_FALSE(parse_dossier_code("000.00.12-230101-0001"));
  CHECK_FALSE(parse_dossier_code("H04--0001"));
  CHECK_FALSE(parse_dossier_code(""));
}

TEST_CASE("a lookup URL gives the code and the owner's id number") {
  auto p = accept("https://dichvucong.bacninh.gov.vn/portaldvc/tra-cuu?SGT=001099012345&MHS=000.00.12.H04-230101-0001");
  CHECK(p.kind == SlipPayload::Kind::LookupUrl);
  CHECK(p.code->text() == "000.00.12.H04-230101-0001");
  CHECK(p.owner_id.view() == "001099012345");
  CHECK(p.portal == "https://dichvucong.bacninh.gov.vn");
  auto q = accept("http://Portal.example.vn/tra-cuu?mahoso=h04-230101-0002");
  CHECK(q.code->text() == "H04-230101-0002");
  CHECK(q.owner_id.empty());  // the kiosk must ask for it
  auto enc = accept("https://x.vn/tra-cuu?MHS=H04%2D230101%2D0003&SGT=%20123456789%20");
  CHECK(enc.code->text() == "H04-230101-0003");
  CHECK(enc.owner_id.view() == "123456789");
}

TEST_CASE("a resolver URL carries only the server's id") {
  auto p = accept("https://dvc.example.vn/apiqr/qr?id=3F2504E0-4F89-11D3-9A0C-0305E82C3301");
  CHECK(p.kind == SlipPayload::Kind::ResolverUrl);
  CHECK(p.resolver_id == "3f2504e0-4f89-11d3-9a0c-0305e82c3301");
  CHECK_FALSE(p.code);
  refuse("https://dvc.example.vn/apiqr/qr?id=not-a-guid");
}

TEST_CASE("a bare code, with scanner noise around it") {
  auto p = accept("  000.00.12.H04-230101-0001\r\n");
  CHECK(p.kind == SlipPayload::Kind::BareCode);
  CHECK(accept("h04-230101-0001").code->text() == "H04-230101-0001");
}

TEST_CASE("anything else is refused, with the kind of refusal the citizen is told") {
  CHECK(refuse("https://shop.example.com/?item=42").kind == SlipRefusal::Kind::NotASlip);
  CHECK(refuse("WIFI:S:cafe;T:WPA;P:secret;;").kind == SlipRefusal::Kind::NotASlip);
  CHECK(refuse("H04-231399-0001").kind == SlipRefusal::Kind::BadCode);
  CHECK(refuse("https://x.vn/tra-cuu?MHS=abc").kind == SlipRefusal::Kind::BadCode);
  refuse("");
  refuse("\xFF\xFE");
  refuse("ftp://x.vn/tra-cuu?MHS=H04-230101-0001");
  refuse(std::string(5000, 'a'));
  // An SGT that is not an id number is not believed.
  CHECK(accept("https://x.vn/a?MHS=H04-230101-0001&SGT=<script>").owner_id.empty());
}

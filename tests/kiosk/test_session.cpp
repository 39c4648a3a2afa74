#include <catch2/catch.hpp>

#include <algorithm>
#include <tuple>
#include <vector>

#include "model/config.hpp"
#include "model/session.hpp"
#include "common/pin_hash.hpp"
#include "model/secure_zero.hpp"
#include "common/files.hpp"
#include "common/text.hpp"

using namespace kiosk::app;
using namespace std::chrono_literals;

TEST_CASE("an untouched session asks, counts down, then wipes everything") {
  Session s({60s, 10s, 120s});
  auto t = Clock::time_point{} + 1h;
  CHECK(s.screen() == Screen::Attract);
  CHECK(s.touch(t));  // the first touch only wakes the kiosk
  CHECK(s.screen() == Screen::Home);
  s.go(Screen::Search);
  for (char k : std::string("dang ky")) s.composer().key(std::string(1, k));
  s.filters().level = "Cấp xã";
  s.set_results("dang ky", {});
  s.open_procedure("1.000894");
  s.prefs().text_size = 2;
  s.prefs().high_contrast = true;
  s.prefs().language = Language::En;

  CHECK_FALSE(s.tick(t + 59s));
  CHECK(s.tick(t + 60s));
  CHECK(s.idle_prompt());
  CHECK(s.countdown_seconds(t + 63s) == 7);
  // A touch keeps the session.
  CHECK(s.touch(t + 65s));
  CHECK_FALSE(s.idle_prompt());
  CHECK(s.query() == "dang ky");
  // Untouched again: prompt, countdown, wipe.
  CHECK(s.tick(t + 125s));
  CHECK_FALSE(s.tick(t + 134s));
  CHECK(s.tick(t + 135s));
  CHECK(s.screen() == Screen::Attract);
  CHECK(s.query().empty());
  CHECK(s.filters().level.empty());
  CHECK(s.procedure_code().empty());
  CHECK(s.results().empty());
  CHECK_FALSE(s.large_text());
  CHECK_FALSE(s.prefs().high_contrast);
  CHECK(s.language() == Language::Vi);
  CHECK(s.blank());
}

TEST_CASE("home shows no prompt, only the attract screen after a while") {
  Session s({60s, 10s, 120s});
  auto t = Clock::time_point{} + 1h;
  s.touch(t);
  CHECK_FALSE(s.tick(t + 90s));
  CHECK_FALSE(s.idle_prompt());
  CHECK(s.tick(t + 120s));
  CHECK(s.screen() == Screen::Attract);
  CHECK_FALSE(s.next_deadline(t + 121s));  // the attract screen waits for a touch, no timers
}

TEST_CASE("back retraces the screens, home clears the way back") {
  Session s;
  auto t = Clock::now();
  s.touch(t);
  s.go(Screen::Search);
  s.open_procedure("1.1");
  s.back();
  CHECK(s.screen() == Screen::Search);
  s.open_procedure("1.2");
  s.home();
  CHECK(s.screen() == Screen::Home);
  s.back();
  CHECK(s.screen() == Screen::Home);
}

TEST_CASE("configuration: values, defaults and clear errors") {
  auto c = parse_config("# kiosk\nstore = /srv/store\nidle_seconds = 90\nfullscreen = false\ntrust = /etc/k.pub\n");
  CHECK(c.store == "/srv/store");
  CHECK(c.timeouts.idle == 90s);
  CHECK(c.timeouts.countdown == 10s);
  CHECK_FALSE(c.fullscreen);
  CHECK(c.trusted_keys.size() == 1);
  CHECK_THROWS_WITH(parse_config("idle_seconds = soon"), Catch::Contains("line 1") && Catch::Contains("whole number"));
  CHECK_THROWS_WITH(parse_config("\nidle_seconds = 2"), Catch::Contains("line 2"));
  CHECK_THROWS_WITH(parse_config("colour = red"), Catch::Contains("unknown setting 'colour'"));
  CHECK_THROWS_WITH(parse_config("staff_pin_hash = 123456"), Catch::Contains("not a PIN"));
  CHECK_THROWS_WITH(parse_config("store"), Catch::Contains("key = value"));
  CHECK_THROWS_WITH(load_config("/nonexistent/kiosk.conf"), Catch::Contains("cannot read"));
}

TEST_CASE("configuration: payment settings, and the example file with every setting uncommented", "[payment]") {
  auto c = parse_config("payment_gateway = payos\npayos_keys_dir = /etc/k/payos\nkiosk_number = 42\npayment_ttl_minutes = 10\n"
                        "payee_bin = 970415\n");
  CHECK(c.payment_gateway == "payos");
  CHECK(c.kiosk_number == 42);
  CHECK(c.payment_ttl_minutes == 10);
  CHECK(c.payee_bin == "970415");
  CHECK_THROWS_WITH(parse_config("payment_gateway = cash"), Catch::Contains("'backend', 'payos' or 'none'"));
  CHECK_THROWS_WITH(parse_config("kiosk_number = 0"), Catch::Contains("line 1"));
  CHECK_THROWS_WITH(parse_config("kiosk_number = 10000"), Catch::Contains("line 1"));
  // No default number: two kiosks left unconfigured must not both number receipts 1.
  CHECK_FALSE(parse_config("").kiosk_number);
  // A payee's bank that could not be checked against a code's is refused where it is written.
  CHECK_THROWS_WITH(parse_config("payee_bin = 97041"), Catch::Contains("6-digit BIN"));
  CHECK_THROWS_WITH(parse_config("payee_bin = "), Catch::Contains("6-digit BIN"));
  CHECK_THROWS_WITH(parse_config("payee_account = 1122-3344"), Catch::Contains("account number"));
  // What installer/kiosk.conf.example documents is what the kiosk reads: every "# key = value"
  // line, uncommented, parses.
  std::string every;
  for (const auto& line : kiosk::text::split(kiosk::files::read_file(KIOSK_SOURCE_DIR "/installer/kiosk.conf.example"), '\n')) {
    if (line.rfind("# ", 0) == 0 && line.find(" = ") != std::string::npos && line.find(' ', 2) == line.find(" = ")) every += line.substr(2) + "\n";
    else if (!line.empty() && line[0] != '#') every += line + "\n";
  }
  INFO(every);
  CHECK_NOTHROW(parse_config(every));
}

TEST_CASE("configuration: reading aloud, its pace and volume") {
  auto c = parse_config("speech = off\nspeech_rate = 120\nspeech_volume = 80\n");
  CHECK_FALSE(c.speech);
  CHECK(c.speech_rate == 120);
  CHECK(c.speech_volume == 80);
  CHECK(parse_config("").speech);
  CHECK_THROWS_WITH(parse_config("speech = loud"), Catch::Contains("expected on or off"));
  CHECK_THROWS_WITH(parse_config("speech_rate = 20"), Catch::Contains("line 1"));
  CHECK_THROWS_WITH(parse_config("speech_volume = 500"), Catch::Contains("line 1"));
}

TEST_CASE("configuration: the content channel, how often it is polled, this kiosk's id") {
  auto c = parse_config("content_channel = https://c.example.vn/stable.json\ncontent_channel_ca = /etc/ca.pem\n"
                        "content_poll_minutes = 5\nkiosk_id = sanh-a-01\n");
  CHECK(c.content_channel == "https://c.example.vn/stable.json");
  CHECK(c.content_channel_ca == "/etc/ca.pem");
  CHECK(c.content_poll_minutes == 5);
  CHECK(c.kiosk_id == "sanh-a-01");
  CHECK(parse_config("").content_channel.empty());
  CHECK(parse_config("").content_poll_minutes == 15);
  CHECK_THROWS_WITH(parse_config("content_poll_minutes = 0"), Catch::Contains("line 1"));
}

TEST_CASE("staff PINs are hashed, verified, and only what the PIN pad can type") {
  using namespace kiosk::pin;
  const std::string h = hash_pin("246810");
  CHECK(h.rfind("$argon2", 0) == 0);
  CHECK(verify_pin(h, "246810"));
  CHECK_FALSE(verify_pin(h, "246811"));
  CHECK_FALSE(verify_pin("", "246810"));
  CHECK_THROWS(hash_pin("1234"));
  CHECK_THROWS(hash_pin("abcdef"));
  CHECK_THROWS(hash_pin("1234567890123"));  // 13 digits: the pad stops at 12
  CHECK_THROWS(hash_pin("12345 6"));
  CHECK_NOTHROW(hash_pin("123456789012"));
}

TEST_CASE("a dossier lookup: what the slip carries decides the next stage, the wipe removes it", "[session][dossier]") {
  using kiosk::app::DossierLookup;
  kiosk::app::Session s;
  auto& d = s.dossier();
  // The slip carries the owner's id: straight to the lookup.
  CHECK(d.accept_payload("https://dvc.example.vn/portaldvc/tra-cuu?SGT=001099012345&MHS=000.00.12.H04-261110-0001", true));
  CHECK(d.stage == DossierLookup::Stage::Looking);
  CHECK(d.query.code == "000.00.12.H04-261110-0001");
  CHECK(d.query.owner_id.view() == "001099012345");
  // A bare code: the owner's digits first, and not fewer than asked.
  CHECK_FALSE(d.accept_payload("H04-261102-00099", true));
  CHECK(d.stage == DossierLookup::Stage::OwnerId);
  d.owner_typed = "223";
  CHECK_FALSE(d.accept_owner_id(4));
  d.owner_typed = "2233";
  CHECK(d.accept_owner_id(4));
  CHECK(d.query.owner_id.view() == "2233");
  // Not a slip: refused, and nothing of the earlier slip is left to retry.
  CHECK_FALSE(d.accept_payload("https://shop.example.com/?ma=1", true));
  CHECK(d.stage == DossierLookup::Stage::Failed);
  CHECK(std::get<kiosk::dossier::SlipRefusal::Kind>(d.failure) == kiosk::dossier::SlipRefusal::Kind::NotASlip);
  CHECK(d.query.code.empty());
  d.result = kiosk::dossier::DossierStatus{};
  s.wipe();
  CHECK(s.dossier().stage == DossierLookup::Stage::Scan);
  CHECK_FALSE(s.dossier().result.has_value());
  CHECK(s.dossier().query.code.empty());
}

// Every slice a citizen can leave something in, filled. When a slice is added to
// Session::Slices this stops compiling until the test fills it too.
static void fill_every_slice(Session& s) {
  static_assert(std::tuple_size_v<Session::Slices> == 10, "a new session slice: fill it here");
  auto& search = s.search();
  search.composer.set_text("cccd 0123");
  search.composer.set_telex(false);
  search.filters = {"Hộ tịch", "Cấp xã", "UBND"};
  search.results.push_back({"1.000894", "Đăng ký kết hôn"});
  search.results_query = "cccd";
  search.failed = true;
  search.asked = kiosk::app::SearchRequest{"cccd", {}};
  search.first_asked = 3;
  search.asked_id = 4;
  search.keyboard_hidden = search.numeric_keypad = search.field_picker = true;
  s.procedure().code = "1.000894";
  s.procedure().shown = kiosk::content::Procedure{};
  auto& d = s.dossier();
  d.accept_payload("https://dvc.example.vn/portaldvc/tra-cuu?SGT=001099012345&MHS=000.00.12.H04-261110-0001", true);
  d.typed = "H04";
  d.owner_typed = "2345";
  d.result = kiosk::dossier::DossierStatus{};
  d.result->owner_masked = "Nguyễn V*** A***";
  d.failure = kiosk::dossier::LookupError::Kind::Offline;
  d.request = 7;
  s.print().tickets["summary:1.000894"] = 2;
  s.print().last_key = "summary:1.000894";
  s.print().pressed_on = Screen::Procedure;
  s.print().refused = kiosk::printing::PrinterProblem::MediaEmpty;
  s.staff().corner_taps.push_back(Clock::now());
  s.staff().pin_entry = s.staff().wrong = true;
  s.staff().pin = "2468";
  s.staff().health_asked = 3;
  s.staff().health.emplace();
  s.payment().ticket = 4;
  s.payment().dossier = "000.00.12.H04-261115-0006";
  s.payment().receipt_requested = true;
  s.payment().hold_until = Clock::now();
  auto& r = s.rating();
  r.stage = kiosk::app::RatingSlice::Stage::Reason;
  r.counter = "Q11";
  r.officer = kiosk::content::Officer{"MAU-CB06", "Vũ Văn Giả Định", "Chuyên viên", "Q11", ""};
  r.counter_name = "Quầy 11–12";
  r.agency = "Sở Tư pháp";
  r.dossier = "000.00.12.H04-261110-0001";
  r.level = kiosk::rating::Level::KhongHaiLong;
  r.reason = "thai-do";
  r.comment.key("x");
  r.comment.set_telex(false);
  r.typing = r.numeric_keys = true;
  r.survey_step = 2;
  r.survey.emplace_back("chiso1", "a");
  r.refusal = kiosk::rating::Refusal::Kind::DossierRated;
  r.rated.push_back("MAU-CB06");
  r.last_id = "abc";
  r.home_at = Clock::now();
  r.roster_asked = 3;
  r.on_duty.emplace();
  s.prefs().language = Language::En;
  s.prefs().text_size = 2;
  s.prefs().high_contrast = true;
  auto& rd = s.reading();
  rd.shown = {"Lệ phí: 50.000 ₫"};
  rd.spoken = {"Lệ phí năm mươi nghìn đồng"};
  rd.screen = Screen::Procedure;
  rd.slower = rd.used = rd.prompt_spoken = true;
  rd.volume_step = 2;
  auto& q = s.queue();
  q.stage = kiosk::app::QueueSlice::Stage::Ticket;
  q.service = "tu-phap";
  q.procedure_code = "1.000894";
  q.procedure_name = "Đăng ký kết hôn";
  q.priority = kiosk::queue::Priority::Elderly;
  q.choosing_priority = q.list_asked = q.no_printer = q.printed = true;
  q.asked = 5;
  q.tap = "tap-1";
  q.ticket = kiosk::queue::Ticket{};
  q.failure = kiosk::queue::QueueError::Kind::Busy;
}

TEST_CASE("a payment code on screen holds the idle prompt until it expires", "[session]") {
  Session s({60s, 10s, 120s});
  auto t = Clock::time_point{} + 1h;
  s.touch(t);
  s.go(Screen::Payment);
  s.payment().hold_until = t + 300s;
  CHECK_FALSE(s.tick(t + 120s));
  CHECK_FALSE(s.idle_prompt());
  CHECK(s.next_deadline(t + 120s) == t + 121s);  // the time left, counted down
  CHECK(s.next_deadline(t + 299500ms) == t + 300s);
  CHECK(s.tick(t + 300s));
  CHECK(s.idle_prompt());
}

TEST_CASE("the wipe empties every slice of a citizen's session", "[session]") {
  Session s;
  s.touch(Clock::now());
  fill_every_slice(s);
  // Each slice is seen as not empty once filled (so empty() checks what the fill sets).
  auto each_empty = [](const auto&... slice) { return std::vector<bool>{slice.empty()...}; };
  for (bool empty : std::apply(each_empty, s.slices())) CHECK_FALSE(empty);
  CHECK_FALSE(s.blank());
  const int before = s.generation();
  s.wipe();
  for (bool empty : std::apply(each_empty, s.slices())) CHECK(empty);
  CHECK(s.blank());
  CHECK(s.generation() == before + 1);
  CHECK(s.screen() == Screen::Attract);
}

TEST_CASE("secret buffers are zeroed, not only emptied", "[session]") {
  std::string pin = "24681357";
  pin.reserve(64);
  const char* buffer = pin.data();
  const size_t capacity = pin.capacity();
  kiosk::app::secure_clear(pin);
  CHECK(pin.empty());
  REQUIRE(pin.data() == buffer);  // the same buffer, still ours to read
  CHECK(std::all_of(buffer, buffer + capacity, [](char c) { return c == 0; }));

  kiosk::app::DossierLookup d;
  d.owner_typed = "0123456789";
  d.owner_typed.reserve(32);
  const char* digits = d.owner_typed.data();
  d.scrub();
  CHECK(std::all_of(digits, digits + 10, [](char c) { return c == 0; }));
}

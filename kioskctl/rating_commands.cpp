// kioskctl rating …: the roster, staff entering paper survey sheets, the ratings' outbox, one
// delivery pass, and the quarterly report centers hand in.
#include <ctime>
#include <iostream>
#include <sstream>

#include "commands.hpp"
#include "common/files.hpp"
#include "common/text.hpp"
#include "content/catalog.hpp"
#include "content/store.hpp"
#include "rating/rating_log.hpp"
#include "rating/report.hpp"
#include "rating/roster.hpp"
#include "search/fold.hpp"

namespace kioskctl {

using nlohmann::json;
namespace rt = kiosk::rating;

namespace {


int64_t now() { return static_cast<int64_t>(std::time(nullptr)); }

struct PackView {
  kiosk::content::RatingSetup setup;
  std::map<std::string, std::string> counter_agency;  // counter id -> agency name
  std::map<std::string, std::string> counter_name;
  std::string center;
};

PackView pack_view(const std::string& store) {
  kiosk::content::ContentStore s(store);
  const auto usable = s.usable();
  if (!usable.pack) throw std::runtime_error("no usable content pack in " + store);
  const kiosk::content::Catalog catalog(usable.pack->dir / "catalog.sqlite");
  PackView v;
  v.setup = catalog.rating_setup();
  for (const auto& a : catalog.agencies())
    for (const auto& c : a.counters) {
      v.counter_agency[c.id] = a.name;
      v.counter_name[c.id] = c.name;
    }
  v.center = catalog.center().value("name", "");
  return v;
}

std::string folded(const std::string& s) { return kiosk::search::fold(s); }

}  // namespace

void register_rating_commands(CLI::App& app, Action& action) {
  auto* rating = app.add_subcommand("rating", "Officer ratings: roster, paper sheets, outbox, quarterly report");
  rating->require_subcommand(1);
  {
    auto* cmd = rating->add_subcommand("officers", "The pack's roster of officers who can be rated");
    auto store = std::make_shared<std::string>(kDefaultStore);
    cmd->add_option("--store", *store, "Content store directory");
    cmd->callback([&action, store] {
      action = [=] {
        const auto v = pack_view(*store);
        json arr = json::array();
        std::ostringstream t;
        for (const auto& o : v.setup.officers) {
          arr.push_back({{"id", o.id}, {"name", o.name}, {"title", o.title}, {"counter", o.counter},
                         {"agency", v.counter_agency.count(o.counter) ? v.counter_agency.at(o.counter) : ""}});
          t << o.id << "  " << o.name << "  (" << o.title << ")  " << o.counter << "\n";
        }
        if (v.setup.sample) t << "(sample roster: invented officers)\n";
        return Output{t.str(), arr};
      };
    });
  }
  {
    auto* cmd = rating->add_subcommand("record", "Record a rating from a paper survey sheet (the kiosk's rules apply)");
    auto db = std::make_shared<std::string>(kDefaultStateDb);
    auto store = std::make_shared<std::string>(kDefaultStore);
    auto officer = std::make_shared<std::string>();
    auto level = std::make_shared<std::string>();
    auto reason = std::make_shared<std::string>();
    auto dossier = std::make_shared<std::string>();
    auto kiosk_number = std::make_shared<int>(1);
    cmd->add_option("--state", *db, "The kiosk's state database");
    cmd->add_option("--store", *store, "Content store directory (the roster and the reasons)");
    cmd->add_option("--officer", *officer, "The officer's id in the roster")->required();
    cmd->add_option("--level", *level, "rat-hai-long, hai-long or khong-hai-long")
        ->required()
        ->check(CLI::IsMember({"rat-hai-long", "hai-long", "khong-hai-long"}));
    cmd->add_option("--reason", *reason, "For khong-hai-long: a reason of the pack, by id or words");
    cmd->add_option("--dossier", *dossier, "The dossier the sheet is about");
    cmd->add_option("--kiosk-number", *kiosk_number, "This kiosk's number in the fleet")->check(CLI::Range(1, 9999));
    cmd->callback([&action, db, store, officer, level, reason, dossier, kiosk_number] {
      action = [=] {
        const auto v = pack_view(*store);
        const auto o = rt::match_officer(v.setup.officers, *officer, "");
        if (!o) throw std::runtime_error("no officer " + *officer + " in the roster (kioskctl rating officers)");
        rt::Rating r;
        r.officer_id = o->id;
        r.officer_name = o->name;
        r.counter = v.counter_name.count(o->counter) ? v.counter_name.at(o->counter) : o->counter;
        r.agency = v.counter_agency.count(o->counter) ? v.counter_agency.at(o->counter) : "";
        r.level = *rt::level_from_id(*level);
        r.dossier = *dossier;
        r.source = "paper";
        if (!reason->empty()) {
          // One of the pack's reasons, by id or by its words; anything else is the sheet's own
          // words, kept as a comment under "khác".
          for (const auto& rr : v.setup.reasons)
            if (rr.id == *reason || folded(rr.text) == folded(*reason)) r.reason = rr.id;
          if (r.reason.empty()) {
            r.reason = "khac";
            r.comment = *reason;
          }
        }
        rt::RatingLog log(*db, *kiosk_number);
        const auto res = log.record(r, now());
        if (const auto* no = std::get_if<rt::Refusal>(&res))
          throw std::runtime_error(std::string(rt::kind_name(no->kind)) + ": " + no->detail);
        const auto& done = std::get<rt::Rating>(res);
        return Output{"recorded " + done.id + (done.flagged ? " (flagged: part of a burst)" : "") + "\n", rt::to_json(done)};
      };
    });
  }
  {
    auto* cmd = rating->add_subcommand("outbox", "Ratings not yet delivered to the backend");
    auto db = std::make_shared<std::string>(kDefaultStateDb);
    cmd->add_option("--state", *db, "The kiosk's state database");
    cmd->callback([&action, db] {
      action = [=] {
        rt::RatingLog log(*db, 1);
        kiosk::outbox::Outbox box(log.db());
        json arr = json::array();
        std::ostringstream t;
        for (const auto& m : box.pending("rating")) {
          arr.push_back({{"key", m.key}, {"attempts", m.attempts}, {"next_at", m.next_at}, {"last_error", m.last_error}});
          t << m.key << "  attempts " << m.attempts << (m.last_error.empty() ? "" : "  last: " + kiosk::text::printable(m.last_error)) << "\n";
        }
        const auto rejected = box.rejected("rating");
        t << arr.size() << " waiting, " << rejected.size() << " refused by the backend\n";
        return Output{t.str(), {{"pending", arr}, {"rejected", rejected.size()}}};
      };
    });
  }
  {
    auto* cmd = rating->add_subcommand("upload", "One delivery pass of the ratings waiting, now");
    auto db = std::make_shared<std::string>(kDefaultStateDb);
    auto backend = std::make_shared<std::string>();
    auto token = std::make_shared<std::string>();
    auto allow_http = std::make_shared<bool>(false);
    cmd->add_option("--state", *db, "The kiosk's state database");
    cmd->add_option("--backend", *backend, "The one-stop backend's address")->required();
    cmd->add_option("--token-file", *token, "A bearer token for the backend");
    cmd->add_flag("--allow-http", *allow_http, "Allow plain http to this machine (a stand-in)");
    cmd->callback([&action, db, backend, token, allow_http] {
      action = [=] {
        rt::RatingLog log(*db, 1);
        std::vector<std::string> headers;
        if (!token->empty()) headers.push_back("Authorization: Bearer " + kiosk::files::read_secret_file(*token));
        kiosk::http::Options o;
        o.policy.allow_http_loopback = *allow_http;
        kiosk::http::check_url(*backend, o.policy);
        const auto d = log.upload(*backend, headers, o, now(), true);
        std::ostringstream t;
        t << "delivered " << d.delivered.size() << ", failed " << d.failed << ", waiting " << log.backlog() << "\n";
        if (!d.last_error.empty()) t << "last error: " << kiosk::text::printable(d.last_error) << "\n";
        return Output{t.str(), {{"delivered", d.delivered.size()}, {"failed", d.failed}, {"waiting", log.backlog()}}};
      };
    });
  }
  {
    auto* cmd = rating->add_subcommand("report", "The quarterly report: per officer, counter and agency");
    auto quarter = std::make_shared<std::string>();
    auto dbs = std::make_shared<std::vector<std::string>>();
    auto csv = std::make_shared<std::string>();
    auto xlsx = std::make_shared<std::string>();
    auto store = std::make_shared<std::string>();
    cmd->add_option("--quarter", *quarter, "The quarter, e.g. 2026Q4")->required();
    cmd->add_option("--state", *dbs, "A kiosk's state database (repeat for several kiosks)")->required();
    cmd->add_option("--csv", *csv, "Also write the table as CSV");
    cmd->add_option("--xlsx", *xlsx, "Also write the center's quarterly table as a spreadsheet");
    cmd->add_option("--store", *store, "Content store (the reasons' words, the center's name)");
    cmd->callback([&action, quarter, dbs, csv, xlsx, store] {
      action = [=] {
        const auto q = rt::parse_quarter(*quarter);
        if (!q) throw std::runtime_error("not a quarter: '" + *quarter + "' (say 2026Q4)");
        std::vector<rt::Rating> all;
        for (const auto& path : *dbs) {
          if (!std::filesystem::exists(path)) throw std::runtime_error("no state database " + path);
          auto part = rt::RatingLog(path, 1).between(q->from, q->to);
          all.insert(all.end(), part.begin(), part.end());
        }
        std::map<std::string, std::string> words;
        std::string center = "Trung tâm Phục vụ hành chính công";
        if (!store->empty()) {
          const auto v = pack_view(*store);
          for (const auto& r : v.setup.reasons) words[r.id] = r.text;
          if (!v.center.empty()) center = v.center;
        }
        const auto rep = rt::build_report(*q, all, words);
        if (!csv->empty()) kiosk::files::write_file_durable(*csv, rt::to_csv(rep));
        if (!xlsx->empty()) rt::write_xlsx(rep, *xlsx, center);
        std::ostringstream t;
        t << "Quý " << q->roman() << " năm " << q->year << ": " << rep.ratings << " đánh giá";
        if (rep.duplicates) t << " (" << rep.duplicates << " trùng lặp đã gộp)";
        t << "\n";
        for (const auto& r : rep.officers) {
          t << "  " << r.name << " (" << (r.officer.empty() ? "?" : r.officer) << ", " << r.counter << "): rất hài lòng " << r.rat_hai_long
            << ", hài lòng " << r.hai_long << ", không hài lòng " << r.khong_hai_long << ", tỷ lệ hài lòng " << r.satisfied_pct() << "%";
          if (r.paper) t << " (trong đó " << r.paper << " phiếu giấy)";
          for (const auto& w : r.other_words) t << "\n      khác: " << w;
          t << "\n";
        }
        if (!rep.flagged.empty()) t << "  (" << rep.flagged.size() << " cán bộ có đánh giá dồn dập, tính riêng)\n";
        return Output{t.str(), rt::to_json(rep)};
      };
    });
  }
}

}  // namespace kioskctl

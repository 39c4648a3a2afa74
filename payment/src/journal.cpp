#include "payment/journal.hpp"

#include <cstdio>
#include <ctime>
#include <nlohmann/json.hpp>

#include "common/state_db.hpp"
#include "common/text.hpp"

namespace kiosk::payment {

namespace {

using nlohmann::json;

constexpr const char* kColumns =
    "order_code, dossier, fee_key, amount, items, payee_name, payee_bin, payee_account, procedure, payer_masked, gateway, "
    "backend, state, coalesce(qr,''), coalesce(pay_url,''), coalesce(expires_at,0), amount_paid, coalesce(bank_ref,''), "
    "coalesce(paid_at,0), coalesce(receipt_url,''), receipt_no, reported, late, coalesce(last_error,''), created_at, updated_at, "
    "kiosk_number, coalesce(anomaly,'')";

State state_from(const std::string& s) {
  for (State st : {State::Created, State::Requested, State::Paid, State::Underpaid, State::Expired, State::Cancelled, State::Failed})
    if (s == state_name(st)) return st;
  throw db::Error("unknown payment state " + s);
}

std::string items_json(const std::vector<dossier::FeeItem>& items) {
  json a = json::array();
  for (const auto& i : items) a.push_back({{"kind", dossier::fee_kind_name(i.kind)}, {"name", i.name}, {"amount", i.amount}});
  return a.dump();
}

std::vector<dossier::FeeItem> items_from(const std::string& s) {
  std::vector<dossier::FeeItem> out;
  for (const auto& i : json::parse(s))
    out.push_back({i.at("kind") == "le_phi" ? dossier::FeeItem::Kind::LePhi : dossier::FeeItem::Kind::Phi,
                   i.at("name").get<std::string>(), i.at("amount").get<int64_t>()});
  return out;
}

Entry row(const db::Stmt& s) {
  Entry e;
  e.order_code = s.text(0);
  e.dossier = s.text(1);
  e.fee_key = s.text(2);
  e.amount = s.int64(3);
  e.items = items_from(s.text(4));
  e.payee = {s.text(5), s.text(6), s.text(7)};
  e.procedure = s.text(8);
  e.payer_masked = s.text(9);
  e.gateway = s.text(10);
  e.backend = s.text(11);
  e.state = state_from(s.text(12));
  e.qr = s.text(13);
  e.pay_url = s.text(14);
  e.expires_at = s.int64(15);
  e.amount_paid = s.int64(16);
  e.bank_ref = s.text(17);
  e.paid_at = s.int64(18);
  e.receipt_url = s.text(19);
  e.receipt_no = s.opt_text(20);
  e.reported = s.int64(21) != 0;
  e.late = s.int64(22) != 0;
  e.last_error = s.text(23);
  e.created_at = s.int64(24);
  e.updated_at = s.int64(25);
  if (const auto k = s.opt_int64(26)) e.kiosk_number = static_cast<int>(*k);
  e.anomaly = s.text(27);
  return e;
}

int year_of(int64_t t) {
  const std::time_t tt = static_cast<std::time_t>(t) + 7 * 3600;  // the year in Vietnam
  std::tm tm{};
  gmtime_r(&tt, &tm);
  return tm.tm_year + 1900;
}

}  // namespace

const char* state_name(State s) {
  switch (s) {
    case State::Created: return "created";
    case State::Requested: return "requested";
    case State::Paid: return "paid";
    case State::Underpaid: return "underpaid";
    case State::Expired: return "expired";
    case State::Cancelled: return "cancelled";
    case State::Failed: return "failed";
  }
  return "failed";
}

bool is_open(State s) { return s == State::Created || s == State::Requested || s == State::Underpaid; }

Journal::Journal(const std::filesystem::path& state_db, std::optional<int> kiosk_number)
    : db_(state::open_state_db(state_db)), kiosk_(kiosk_number) {
  if (kiosk_number && (*kiosk_number < 1 || *kiosk_number > 9999)) throw std::invalid_argument("kiosk_number must be 1 to 9999");
  rekey_old_entries();
}

std::string Journal::fee_key(const std::string& dossier, const dossier::FeesDue& fees) {
  std::string key = dossier + "|" + std::to_string(fees.total);
  for (const auto& i : fees.items) key += "|" + std::string(dossier::fee_kind_name(i.kind)) + ":" + std::to_string(i.amount) + ":" + i.name;
  return key;
}

// Entries written before fees were keyed by their items ("<dossier>|<total>") get the key their
// items give, so an open payment is still found as the same fee's after an upgrade.
void Journal::rekey_old_entries() {
  std::vector<std::pair<std::string, std::string>> moves;
  {
    auto q = db_.prepare(std::string("SELECT ") + kColumns + " FROM payments WHERE fee_key NOT LIKE '%|%|%'");
    while (q.step()) {
      const Entry e = row(q);
      dossier::FeesDue f;
      f.items = e.items;
      f.total = e.amount;
      moves.emplace_back(e.order_code, fee_key(e.dossier, f));
    }
  }
  if (moves.empty()) return;
  db::Transaction tx(db_);
  auto u = db_.prepare("UPDATE payments SET fee_key=? WHERE order_code=?");
  for (const auto& [order, key] : moves) {
    u.bind(1, key).bind(2, order).run();
  }
  tx.commit();
}

std::optional<std::string> disagreement(const Entry& e, const GatewayStatus& s) {
  if (s.order_code != e.order_code)
    return "the gateway's answer is about order '" + text::printable(s.order_code.substr(0, 40)) + "', not " + e.order_code;
  if (s.amount != e.amount)
    return "the gateway holds " + std::to_string(s.amount) + " as owed on this order, not " + std::to_string(e.amount);
  const bool money = s.state == GatewayStatus::State::Paid || s.state == GatewayStatus::State::Underpaid;
  if (money && !s.amount_paid) return std::string("the gateway says ") + state_name(s.state) + " without saying how much arrived";
  if (s.amount_paid && *s.amount_paid < 0) return "the gateway says " + std::to_string(*s.amount_paid) + " arrived";
  return std::nullopt;
}

// <kiosk number><11-digit sequence>: digits only (payOS order codes are numbers), unique across
// the fleet by the kiosk's number, and never reused by this kiosk even after its database is
// replaced: the sequence never falls below ten per second of the clock.
std::string Journal::next_order_code(int64_t now) {
  auto q = db_.prepare("SELECT value FROM payment_meta WHERE key='last_seq'");
  int64_t last = q.step() ? q.int64(0) : 0;
  const int64_t seq = std::max(last + 1, now * 10);
  auto u = db_.prepare("INSERT INTO payment_meta(key,value) VALUES('last_seq',?) ON CONFLICT(key) DO UPDATE SET value=excluded.value");
  u.bind(1, seq).run();
  char buf[32];
  std::snprintf(buf, sizeof buf, "%d%011lld", kiosk_.value(), static_cast<long long>(seq % 100000000000LL));
  return buf;
}

// Per kiosk and year, gapless; none for an entry that does not say which kiosk took it.
std::optional<std::string> Journal::allocate_receipt(std::optional<int> kiosk, int64_t now) {
  if (!kiosk) return std::nullopt;
  const int year = year_of(now);
  auto q = db_.prepare("SELECT last FROM receipt_series WHERE kiosk=? AND year=?");
  q.bind(1, *kiosk).bind(2, year);
  const int64_t next = (q.step() ? q.int64(0) : 0) + 1;
  auto u = db_.prepare(
      "INSERT INTO receipt_series(kiosk,year,last) VALUES(?,?,?) ON CONFLICT(kiosk,year) DO UPDATE SET last=excluded.last");
  u.bind(1, *kiosk).bind(2, year).bind(3, next).run();
  char buf[48];
  std::snprintf(buf, sizeof buf, "BN%04d-%d-%06lld", *kiosk, year, static_cast<long long>(next));
  return std::string(buf);
}

Entry Journal::create(const NewPayment& p, int64_t now) {
  if (!kiosk_) throw db::Error("this kiosk's number (kiosk_number in kiosk.conf) is not set: no payment can be numbered");
  db::Transaction tx(db_);
  const std::string order = next_order_code(now);
  auto s = db_.prepare(
      "INSERT INTO payments(order_code,dossier,fee_key,amount,items,payee_name,payee_bin,payee_account,procedure,payer_masked,"
      "gateway,backend,state,created_at,updated_at,kiosk_number) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,'created',?,?,?)");
  s.bind(1, order).bind(2, p.dossier).bind(3, fee_key(p.dossier, p.fees)).bind(4, p.fees.total).bind(5, items_json(p.fees.items));
  s.bind(6, p.fees.payee.name).bind(7, p.fees.payee.bin).bind(8, p.fees.payee.account).bind(9, p.procedure).bind(10, p.payer_masked);
  s.bind(11, p.gateway).bind(12, p.backend).bind(13, now).bind(14, now).bind(15, *kiosk_).run();
  tx.commit();
  return *get(order);
}

void Journal::note_anomaly(const std::string& order_code, const std::string& why, int64_t now) {
  auto s = db_.prepare("UPDATE payments SET anomaly=?, last_error=?, updated_at=? WHERE order_code=?");
  s.bind(1, why).bind(2, why).bind(3, now).bind(4, order_code).run();
}

void Journal::requested(const std::string& order_code, const Offer& o, int64_t now) {
  auto s = db_.prepare(
      "UPDATE payments SET state='requested', qr=?, pay_url=?, expires_at=?, updated_at=?, last_error=NULL "
      "WHERE order_code=? AND state='created'");
  s.bind(1, o.qr).bind(2, o.pay_url).bind(3, o.expires_at).bind(4, now).bind(5, order_code).run();
}

Entry Journal::apply(const std::string& order_code, const GatewayStatus& answer, int64_t now) {
  db::Transaction tx(db_);
  auto cur = get(order_code);
  if (!cur) throw db::Error("no payment " + order_code);
  if (const auto why = disagreement(*cur, answer)) {
    // Never "paid" on an answer about something else: the entry stays where it was, for staff.
    note_anomaly(order_code, *why, now);
    tx.commit();
    return *get(order_code);
  }
  GatewayStatus st = answer;
  // "Paid" with less than owed is what it is: underpaid, no receipt.
  if (st.state == GatewayStatus::State::Paid && *st.amount_paid < cur->amount) st.state = GatewayStatus::State::Underpaid;
  const bool was_open = is_open(cur->state);
  switch (st.state) {
    case GatewayStatus::State::Paid: {
      if (cur->state != State::Paid) {
        const auto receipt = cur->receipt_no ? cur->receipt_no : allocate_receipt(cur->kiosk_number, st.paid_at ? st.paid_at : now);
        // Money after the kiosk gave up (expired, cancelled): paid all the same, flagged for staff.
        // No kiosk number known: paid, but no receipt is numbered (staff see it).
        auto s = db_.prepare(
            "UPDATE payments SET state='paid', amount_paid=?, bank_ref=?, paid_at=?, receipt_url=nullif(?,''), receipt_no=?, "
            "late=?, reported=CASE WHEN gateway='backend' THEN 1 ELSE reported END, updated_at=?, "
            "anomaly=coalesce(anomaly, ?) WHERE order_code=?");
        s.bind(1, *st.amount_paid).bind(2, st.bank_ref).bind(3, st.paid_at ? st.paid_at : now);
        s.bind(4, st.receipt_url).bind(5, receipt).bind(6, was_open ? 0 : 1).bind(7, now);
        if (receipt)
          s.bind_null(8);
        else
          s.bind(8, "paid, but the entry names no kiosk number: no receipt was issued");
        s.bind(9, order_code).run();
      } else if (*st.amount_paid > cur->amount_paid) {
        // Paid twice, or more after the fact: recorded, never dropped.
        auto s = db_.prepare("UPDATE payments SET amount_paid=?, updated_at=? WHERE order_code=?");
        s.bind(1, *st.amount_paid).bind(2, now).bind(3, order_code).run();
      }
      break;
    }
    case GatewayStatus::State::Underpaid: {
      if (cur->state == State::Paid) break;
      if (!was_open) {
        // Part of the money after the kiosk gave up (another code for the fee may be open now):
        // recorded and flagged for the fee counter, never dropped.
        if (*st.amount_paid == cur->amount_paid) break;
        auto s = db_.prepare("UPDATE payments SET amount_paid=?, bank_ref=?, late=1, last_error=?, updated_at=? WHERE order_code=?");
        s.bind(1, *st.amount_paid).bind(2, st.bank_ref);
        s.bind(3, std::to_string(*st.amount_paid) + " of " + std::to_string(cur->amount) + " arrived after the kiosk gave up on it");
        s.bind(4, now).bind(5, order_code).run();
        break;
      }
      auto s = db_.prepare("UPDATE payments SET state='underpaid', amount_paid=?, bank_ref=?, updated_at=? WHERE order_code=?");
      s.bind(1, *st.amount_paid).bind(2, st.bank_ref).bind(3, now).bind(4, order_code).run();
      break;
    }
    case GatewayStatus::State::Pending:
      if (cur->state == State::Created) {
        auto s = db_.prepare("UPDATE payments SET state='requested', updated_at=? WHERE order_code=?");
        s.bind(1, now).bind(2, order_code).run();
      }
      break;
    case GatewayStatus::State::Expired:
    case GatewayStatus::State::Cancelled:
    case GatewayStatus::State::Failed:
      if (was_open) {
        const char* to = st.state == GatewayStatus::State::Expired     ? "expired"
                         : st.state == GatewayStatus::State::Cancelled ? "cancelled"
                                                                      : "failed";
        auto s = db_.prepare("UPDATE payments SET state=?, updated_at=? WHERE order_code=?");
        s.bind(1, to).bind(2, now).bind(3, order_code).run();
      }
      break;
  }
  tx.commit();
  return *get(order_code);
}

Entry Journal::close(const std::string& order_code, State to, const std::string& why, int64_t now) {
  auto s = db_.prepare(
      "UPDATE payments SET state=?, last_error=nullif(?,''), updated_at=? WHERE order_code=? AND state IN "
      "('created','requested','underpaid')");
  s.bind(1, state_name(to)).bind(2, why).bind(3, now).bind(4, order_code).run();
  return *get(order_code);
}

void Journal::mark_reported(const std::string& order_code, int64_t now) {
  auto s = db_.prepare("UPDATE payments SET reported=1, updated_at=? WHERE order_code=?");
  s.bind(1, now).bind(2, order_code).run();
}

std::optional<Entry> Journal::get(const std::string& order_code) {
  auto s = db_.prepare(std::string("SELECT ") + kColumns + " FROM payments WHERE order_code=?");
  s.bind(1, order_code);
  if (!s.step()) return std::nullopt;
  return row(s);
}

std::optional<Entry> Journal::open_for_fee(const std::string& key) {
  auto s = db_.prepare(std::string("SELECT ") + kColumns +
                       " FROM payments WHERE fee_key=? AND state IN ('created','requested','underpaid')");
  s.bind(1, key);
  if (!s.step()) return std::nullopt;
  return row(s);
}

std::optional<Entry> Journal::paid_for_fee(const std::string& key) {
  auto s = db_.prepare(std::string("SELECT ") + kColumns + " FROM payments WHERE fee_key=? AND state='paid' ORDER BY paid_at DESC LIMIT 1");
  s.bind(1, key);
  if (!s.step()) return std::nullopt;
  return row(s);
}

std::vector<Entry> Journal::all() {
  auto s = db_.prepare(std::string("SELECT ") + kColumns + " FROM payments ORDER BY created_at, order_code");
  std::vector<Entry> out;
  while (s.step()) out.push_back(row(s));
  return out;
}

std::vector<Entry> Journal::open_entries() {
  auto s = db_.prepare(std::string("SELECT ") + kColumns +
                       " FROM payments WHERE state IN ('created','requested','underpaid') ORDER BY created_at, order_code");
  std::vector<Entry> out;
  while (s.step()) out.push_back(row(s));
  return out;
}

std::vector<Entry> Journal::recently_closed(int64_t since) {
  auto s = db_.prepare(std::string("SELECT ") + kColumns +
                       " FROM payments WHERE state IN ('expired','cancelled') AND updated_at>=? ORDER BY created_at, order_code");
  s.bind(1, since);
  std::vector<Entry> out;
  while (s.step()) out.push_back(row(s));
  return out;
}

std::vector<Entry> Journal::exceptions() {
  auto s = db_.prepare(std::string("SELECT ") + kColumns +
                       " FROM payments WHERE (state='paid' AND (late=1 OR amount_paid<>amount OR reported=0)) "
                       "OR state='underpaid' OR anomaly IS NOT NULL OR (late=1 AND amount_paid>0) "
                       "ORDER BY updated_at, order_code");
  std::vector<Entry> out;
  while (s.step()) out.push_back(row(s));
  return out;
}

}  // namespace kiosk::payment

#include "payment_sim.hpp"

#include <openssl/hmac.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <map>
#include <mutex>
#include <set>
#include <thread>

namespace sim {

using nlohmann::json;

namespace {

constexpr const char* kClientId = "sim-client";
constexpr const char* kApiKey = "sim-api-key";
constexpr const char* kChecksumKey = "sim-checksum-key";

int64_t now() { return static_cast<int64_t>(std::time(nullptr)); }

std::string tlv(const std::string& tag, const std::string& v) {
  char len[3];
  std::snprintf(len, sizeof len, "%02zu", v.size());
  return tag + len + v;
}

uint16_t crc16(const std::string& s) {
  uint16_t crc = 0xFFFF;
  for (unsigned char c : s) {
    crc ^= static_cast<uint16_t>(c << 8);
    for (int i = 0; i < 8; ++i) crc = (crc & 0x8000) ? static_cast<uint16_t>((crc << 1) ^ 0x1021) : static_cast<uint16_t>(crc << 1);
  }
  return crc;
}

std::string vietqr(const std::string& bin, const std::string& account, int64_t amount, const std::string& note) {
  const std::string ai = tlv("00", "A000000727") + tlv("01", tlv("00", bin) + tlv("01", account)) + tlv("02", "QRIBFTTA");
  std::string p = tlv("00", "01") + tlv("01", "12") + tlv("38", ai) + tlv("53", "704") + tlv("54", std::to_string(amount)) +
                  tlv("58", "VN") + tlv("62", tlv("08", note.substr(0, 25))) + "6304";
  char crc[5];
  std::snprintf(crc, sizeof crc, "%04X", crc16(p));
  return p + crc;
}

std::string hmac_hex(const std::string& key, const std::string& text) {
  unsigned char mac[32];
  unsigned len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(text.data()), text.size(), mac, &len);
  std::string hex;
  char b[3];
  for (unsigned i = 0; i < len; ++i) {
    std::snprintf(b, sizeof b, "%02x", mac[i]);
    hex += b;
  }
  return hex;
}

// payOS: sorted key=value pairs of the data object.
std::string payos_sign(const json& data) {
  std::string text;
  for (auto it = data.begin(); it != data.end(); ++it) {
    const json& v = it.value();
    const std::string value = v.is_null() ? "" : v.is_string() ? v.get<std::string>() : v.is_boolean() ? (v.get<bool>() ? "true" : "false") : v.dump();
    text += (text.empty() ? "" : "&") + it.key() + "=" + value;
  }
  return hmac_hex(kChecksumKey, text);
}

std::string vn_time(int64_t t) {
  const std::time_t tt = static_cast<std::time_t>(t + 7 * 3600);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  return buf;
}

}  // namespace

struct PaymentSim::State {
  json dossiers;
  Answer answer;
  mutable std::mutex mu;
  struct Transfer {
    int64_t amount, at;
    std::string ref;
  };
  struct Payment {
    std::string order_code, dossier, via;  // via: backend | payos
    int64_t amount = 0, expires_at = 0;
    int creates = 0, polls = 0;
    bool cancelled = false;
    std::vector<Transfer> transfers;
    int64_t paid() const {
      int64_t p = 0;
      for (const auto& t : transfers) p += t.amount;
      return p;
    }
    std::string status() const {
      if (paid() >= amount) return "paid";
      if (paid() > 0) return "underpaid";
      if (cancelled) return "cancelled";
      if (now() > expires_at) return "expired";
      return "pending";
    }
  };
  std::map<std::string, Payment> ledger;
  std::map<std::string, json> confirmations;  // by Idempotency-Key
  // none | down | slow | 5xx-once | 429 | bad-signature | wrong-qr | wrong-amount | long-expiry |
  // lie-order | lie-amount | paid-short | paid-no-amount | exists-other
  std::string fault = "none";
  std::set<std::string> failed_once;
  long transfers = 0;
  // A citizen who pays with their phone while the kiosk watches: after the kiosk has asked about
  // a payment `after_polls` times, `amount` (0: what is owed) arrives. Off when after_polls is 0.
  int autopay_after_polls = 0;
  int64_t autopay_amount = 0;

  void transfer(Payment& p, int64_t amount) {
    char ref[32];
    std::snprintf(ref, sizeof ref, "FT%08ld", ++transfers);
    p.transfers.push_back({amount, now(), ref});
  }
  // A status question: the autopaying citizen's money may arrive now. mu held.
  void polled(Payment& p) {
    ++p.polls;
    if (autopay_after_polls > 0 && p.transfers.empty() && p.status() == "pending" && p.polls >= autopay_after_polls)
      transfer(p, autopay_amount > 0 ? autopay_amount : p.amount);
  }

  const json* dossier(const std::string& code) const {
    for (const auto& d : dossiers)
      if (d.value("code", "") == code) return &d;
    return nullptr;
  }
  // The gateway's own faults, before the usual ones.
  bool faulted(const httplib::Request& req, httplib::Response& res) {
    std::string f;
    {
      std::lock_guard lock(mu);
      f = fault;
      // 5xx then success: each request (method and path) fails once, the next one goes through.
      if (f == "5xx-once" && failed_once.insert(req.method + " " + req.path).second) {
        res.status = 502;
        res.set_content("{\"error\":\"bad gateway\"}", "application/json");
        return true;
      }
    }
    // Slow: the answer comes after the kiosk has stopped waiting, but the request is carried
    // out all the same (a create that "timed out" did create).
    if (f == "slow") std::this_thread::sleep_for(std::chrono::seconds(10));
    if (f == "down") {
      res.status = 503;
      res.set_content("{\"error\":\"gateway down\"}", "application/json");
      return true;
    }
    if (f == "429") {
      res.status = 429;
      res.set_content("{\"error\":\"too many requests\"}", "application/json");
      return true;
    }
    return false;
  }
  std::string qr_for(const Payment& p) const {
    const json& fees = dossier(p.dossier)->at("fees_due");
    std::string account = fees["payee"].value("account", "");
    int64_t amount = p.amount;
    if (fault == "wrong-qr") account = "999999999999";  // a tampered answer: the money would go elsewhere
    if (fault == "wrong-amount") amount += 1000;
    return vietqr(fees["payee"].value("bin", ""), account, amount, "TT HS " + p.order_code);
  }
  // A lying gateway (status answers only): about another order, paid for another amount, "paid"
  // for less than owed, or "paid" without saying how much arrived. Its answers stay well formed
  // and, for payOS, correctly signed.
  bool lying() const { return fault == "lie-order" || fault == "lie-amount" || fault == "paid-short" || fault == "paid-no-amount"; }
  json backend_status(const Payment& p) const {
    json j{{"order_code", p.order_code}, {"status", p.status()}, {"amount", p.amount}, {"amount_paid", p.paid()},
           {"amount_remaining", std::max<int64_t>(0, p.amount - p.paid())}};
    if (!p.transfers.empty()) {
      j["bank_ref"] = p.transfers.back().ref;
      j["paid_at"] = p.transfers.back().at;
    }
    if (p.status() == "paid") j["receipt_url"] = "https://dichvucong.example.vn/bien-lai/" + p.order_code;
    if (lying()) lie(j, "order_code", "amount", "amount_paid", "paid", false);
    return j;
  }
  void lie(json& j, const char* order_key, const char* amount_key, const char* paid_key, const char* paid_word, bool order_is_number) const {
    const int64_t owed = j.at(amount_key).get<int64_t>();
    j["status"] = paid_word;
    j[paid_key] = owed;
    j["amount_remaining"] = 0;
    if (fault == "lie-order") {
      const int64_t other = std::stoll(j.at(order_key).is_string() ? j.at(order_key).get<std::string>() : j.at(order_key).dump()) + 1;
      j[order_key] = order_is_number ? json(other) : json(std::to_string(other));
    } else if (fault == "lie-amount") {
      j[amount_key] = 1000;
      j[paid_key] = 1000;
    } else if (fault == "paid-short") {
      j[paid_key] = 1000;
    } else if (fault == "paid-no-amount") {
      j.erase(paid_key);
    }
  }
  json payos_data(const Payment& p) const {
    std::string st = p.status();
    for (auto& c : st) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    json tx = json::array();
    for (const auto& t : p.transfers)
      tx.push_back({{"reference", t.ref}, {"amount", t.amount}, {"accountNumber", "112233445566"}, {"description", "TT HS " + p.order_code},
                    {"transactionDateTime", vn_time(t.at)}, {"virtualAccountName", nullptr}, {"virtualAccountNumber", nullptr},
                    {"counterAccountBankId", nullptr}, {"counterAccountBankName", nullptr}, {"counterAccountName", nullptr},
                    {"counterAccountNumber", nullptr}});
    json d{{"id", "link-" + p.order_code}, {"orderCode", std::stoll(p.order_code)}, {"amount", p.amount},
           {"amountPaid", p.paid()}, {"amountRemaining", std::max<int64_t>(0, p.amount - p.paid())}, {"status", st},
           {"createdAt", vn_time(p.expires_at - 900)}, {"transactions", tx}, {"canceledAt", nullptr}, {"cancellationReason", nullptr}};
    if (lying()) lie(d, "orderCode", "amount", "amountPaid", "PAID", true);
    return d;
  }
  json payos_envelope(const json& data) const {
    std::string sig = payos_sign(data);
    if (fault == "bad-signature") sig[0] = sig[0] == 'a' ? 'b' : 'a';
    return {{"code", "00"}, {"desc", "success"}, {"data", data}, {"signature", sig}};
  }
};

PaymentSim::PaymentSim(const json& dossiers, Answer answer) : s_(std::make_unique<State>()) {
  s_->dossiers = dossiers;
  s_->answer = std::move(answer);
}
PaymentSim::~PaymentSim() = default;

bool PaymentSim::paid(const std::string& dossier_code) const {
  std::lock_guard lock(s_->mu);
  for (const auto& [code, p] : s_->ledger)
    if (p.dossier == dossier_code && p.status() == "paid") return true;
  return false;
}

void PaymentSim::routes(httplib::Server& srv) {
  State& s = *s_;
  // --- the one-stop backend's payment API -------------------------------------------------------
  srv.Post(R"(/dossiers/([^/]+)/payments)", [&s](const httplib::Request& req, httplib::Response& res) {
    if (s.faulted(req, res)) return;
    const std::string key = req.get_header_value("Idempotency-Key");
    const json body = json::parse(req.body, nullptr, false);
    const json* d = s.dossier(req.matches[1]);
    if (key.empty() || !body.is_object()) return s.answer(res, 400, {{"error", "Idempotency-Key and a JSON body are required"}});
    if (!d || !d->contains("fees_due")) return s.answer(res, 404, {{"error", "no fees on this dossier"}});
    const int64_t total = d->at("fees_due").value("total", int64_t{0});
    if (body.value("amount", int64_t{-1}) != total) return s.answer(res, 422, {{"error", "the amount is not the fees' total"}});
    json out;
    {
      std::lock_guard lock(s.mu);
      auto& p = s.ledger[key];
      if (p.creates++ == 0) {
        p.order_code = key;
        p.dossier = req.matches[1];
        p.via = "backend";
        p.amount = total;
        p.expires_at = std::min(body.value("expires_at", now() + 900), now() + 900);
      }
      // long-expiry: the gateway says the code is good for 30 days (the kiosk keeps its own limit).
      const int64_t said_expiry = s.fault == "long-expiry" ? now() + 30 * 86400 : p.expires_at;
      out = {{"order_code", p.order_code}, {"amount", p.amount}, {"qr", s.qr_for(p)}, {"expires_at", said_expiry}, {"status", p.status()}};
    }
    s.answer(res, 201, out);
  });
  srv.Get(R"(/payments/(\d+))", [&s](const httplib::Request& req, httplib::Response& res) {
    if (s.faulted(req, res)) return;
    json out;
    {
      std::lock_guard lock(s.mu);
      auto it = s.ledger.find(req.matches[1]);
      if (it == s.ledger.end()) return s.answer(res, 404, {{"error", "no such payment"}});
      s.polled(it->second);
      out = s.backend_status(it->second);
    }
    s.answer(res, 200, out);
  });
  srv.Post(R"(/payments/(\d+)/cancel)", [&s](const httplib::Request& req, httplib::Response& res) {
    if (s.faulted(req, res)) return;
    json out;
    {
      std::lock_guard lock(s.mu);
      auto it = s.ledger.find(req.matches[1]);
      if (it == s.ledger.end()) return s.answer(res, 404, {{"error", "no such payment"}});
      it->second.cancelled = true;
      out = s.backend_status(it->second);
    }
    s.answer(res, 200, out);
  });
  // Payments confirmed at payOS, reported by the kiosk's outbox; stored once per key.
  srv.Post(R"(/payments/(\d+)/confirmation)", [&s](const httplib::Request& req, httplib::Response& res) {
    if (s.faulted(req, res)) return;
    const std::string key = req.get_header_value("Idempotency-Key");
    const json body = json::parse(req.body, nullptr, false);
    if (key.empty() || !body.is_object()) return s.answer(res, 400, {{"error", "Idempotency-Key and a JSON body are required"}});
    {
      std::lock_guard lock(s.mu);
      s.confirmations.emplace(key, body);
    }
    s.answer(res, 200, {{"ok", true}});
  });
  // --- payOS v2 -------------------------------------------------------------------------------------
  auto payos_auth = [](const httplib::Request& req) {
    return req.get_header_value("x-client-id") == kClientId && req.get_header_value("x-api-key") == kApiKey;
  };
  srv.Post("/v2/payment-requests", [&s, payos_auth](const httplib::Request& req, httplib::Response& res) {
    if (s.faulted(req, res)) return;
    if (!payos_auth(req)) return s.answer(res, 401, {{"code", "401"}, {"desc", "Unauthorized"}, {"data", nullptr}});
    const json body = json::parse(req.body, nullptr, false);
    if (!body.is_object() || !body.contains("orderCode") || !body["orderCode"].is_number_integer())
      return s.answer(res, 200, {{"code", "20"}, {"desc", "invalid request"}, {"data", nullptr}});
    const json fields{{"amount", body.value("amount", 0)}, {"cancelUrl", body.value("cancelUrl", "")},
                      {"description", body.value("description", "")}, {"orderCode", body["orderCode"]},
                      {"returnUrl", body.value("returnUrl", "")}};
    if (payos_sign(fields) != body.value("signature", ""))
      return s.answer(res, 200, {{"code", "20"}, {"desc", "signature mismatch"}, {"data", nullptr}});
    const std::string order = std::to_string(body["orderCode"].get<int64_t>());
    // The first dossier owing this much: payOS itself knows no dossiers.
    std::string dossier;
    for (const auto& d : s.dossiers)
      if (d.contains("fees_due") && d["fees_due"].value("total", int64_t{0}) == body.value("amount", int64_t{0})) dossier = d["code"];
    json data;
    {
      std::lock_guard lock(s.mu);
      if (s.fault == "exists-other") {
        // The order code is taken at payOS by an order of 1.000 ₫, already paid: a kiosk must
        // not adopt it as this fee's payment.
        auto& other = s.ledger[order];
        other = {order, "", "payos", 1000, now() + 900, 1, 0, false, {}};
        s.transfer(other, 1000);
        return s.answer(res, 200, {{"code", "231"}, {"desc", "Đơn thanh toán đã tồn tại"}, {"data", nullptr}});
      }
      auto& p = s.ledger[order];
      if (p.creates++ > 0) return s.answer(res, 200, {{"code", "231"}, {"desc", "Đơn thanh toán đã tồn tại"}, {"data", nullptr}});
      if (dossier.empty()) {
        s.ledger.erase(order);
        return s.answer(res, 200, {{"code", "20"}, {"desc", "no dossier owes this amount"}, {"data", nullptr}});
      }
      p.order_code = order;
      p.dossier = dossier;
      p.via = "payos";
      p.amount = body.value("amount", int64_t{0});
      p.expires_at = std::min(body.value("expiredAt", now() + 900), now() + 900);
      const json& payee = s.dossier(dossier)->at("fees_due")["payee"];
      data = {{"bin", payee.value("bin", "")},   {"accountNumber", payee.value("account", "")},
              {"accountName", payee.value("name", "")}, {"amount", p.amount},
              {"description", body.value("description", "")}, {"orderCode", body["orderCode"]},
              {"currency", "VND"},            {"paymentLinkId", "link-" + order},
              {"status", "PENDING"},          {"expiredAt", s.fault == "long-expiry" ? now() + 30 * 86400 : p.expires_at},
              {"checkoutUrl", "https://pay.payos.vn/web/link-" + order}, {"qrCode", s.qr_for(p)}};
      data = s.payos_envelope(data);
    }
    s.answer(res, 200, data);
  });
  srv.Get(R"(/v2/payment-requests/(\d+))", [&s, payos_auth](const httplib::Request& req, httplib::Response& res) {
    if (s.faulted(req, res)) return;
    if (!payos_auth(req)) return s.answer(res, 401, {{"code", "401"}, {"desc", "Unauthorized"}, {"data", nullptr}});
    json out;
    {
      std::lock_guard lock(s.mu);
      auto it = s.ledger.find(req.matches[1]);
      if (it == s.ledger.end()) return s.answer(res, 200, {{"code", "101"}, {"desc", "Không tìm thấy"}, {"data", nullptr}});
      s.polled(it->second);
      out = s.payos_envelope(s.payos_data(it->second));
    }
    s.answer(res, 200, out);
  });
  srv.Post(R"(/v2/payment-requests/(\d+)/cancel)", [&s, payos_auth](const httplib::Request& req, httplib::Response& res) {
    if (s.faulted(req, res)) return;
    if (!payos_auth(req)) return s.answer(res, 401, {{"code", "401"}, {"desc", "Unauthorized"}, {"data", nullptr}});
    json out;
    {
      std::lock_guard lock(s.mu);
      auto it = s.ledger.find(req.matches[1]);
      if (it == s.ledger.end()) return s.answer(res, 200, {{"code", "101"}, {"desc", "Không tìm thấy"}, {"data", nullptr}});
      it->second.cancelled = true;
      out = s.payos_envelope(s.payos_data(it->second));
    }
    s.answer(res, 200, out);
  });
  // --- control ---------------------------------------------------------------------------------------
  // A citizen's transfer: paying twice, less, more or late is just calling this so.
  srv.Post("/_sim/pay", [&s](const httplib::Request& req, httplib::Response& res) {
    const json body = json::parse(req.body, nullptr, false);
    std::lock_guard lock(s.mu);
    auto it = body.is_object() ? s.ledger.find(body.value("order_code", "")) : s.ledger.end();
    if (it == s.ledger.end()) {
      res.status = 404;
      return res.set_content("{\"error\":\"no such order\"}", "application/json");
    }
    s.transfer(it->second, body.value("amount", it->second.amount));
    res.set_content(s.backend_status(it->second).dump(), "application/json");
  });
  srv.Get("/_sim/ledger", [&s](const httplib::Request&, httplib::Response& res) {
    std::lock_guard lock(s.mu);
    json out = json::array();
    for (const auto& [code, p] : s.ledger)
      out.push_back({{"order_code", code}, {"creates", p.creates}, {"amount", p.amount}, {"paid_amount", p.paid()},
                     {"status", p.status()}, {"dossier", p.dossier}, {"via", p.via}});
    res.set_content(out.dump(), "application/json");
  });
  srv.Get("/_sim/confirmations", [&s](const httplib::Request&, httplib::Response& res) {
    std::lock_guard lock(s.mu);
    json out = json::array();
    for (const auto& [key, body] : s.confirmations) out.push_back({{"key", key}, {"body", body}});
    res.set_content(out.dump(), "application/json");
  });
  srv.Post("/_sim/autopay", [&s](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(s.mu);
    try {
      s.autopay_after_polls = req.has_param("polls") ? std::stoi(req.get_param_value("polls")) : 0;
      s.autopay_amount = req.has_param("amount") ? std::stoll(req.get_param_value("amount")) : 0;
    } catch (const std::exception&) {
      res.status = 400;
      return res.set_content("{\"error\":\"polls and amount are numbers\"}", "application/json");
    }
    res.set_content(json{{"polls", s.autopay_after_polls}, {"amount", s.autopay_amount}}.dump(), "application/json");
  });
  srv.Post("/_sim/payfault", [&s](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(s.mu);
    s.fault = req.has_param("mode") ? req.get_param_value("mode") : "none";
    s.failed_once.clear();
    res.set_content(json{{"mode", s.fault}}.dump(), "application/json");
  });
}

}  // namespace sim

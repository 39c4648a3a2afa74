#include "dossier/adapters.hpp"

#include <cmath>
#include <memory>
#include <nlohmann/json.hpp>

#include "common/text.hpp"

namespace kiosk::dossier {

namespace {

// Memory the parser held an answer in is overwritten when freed: the owner's full name and id
// number must not linger on the heap once checked and masked.
template <typename T>
struct WipingAllocator {
  using value_type = T;
  WipingAllocator() = default;
  template <typename U>
  WipingAllocator(const WipingAllocator<U>&) noexcept {}
  T* allocate(size_t n) { return std::allocator<T>{}.allocate(n); }
  void deallocate(T* p, size_t n) noexcept {
    wipe_bytes(p, n * sizeof(T));
    std::allocator<T>{}.deallocate(p, n);
  }
  template <typename U>
  bool operator==(const WipingAllocator<U>&) const noexcept {
    return true;
  }
};

using wstring = std::basic_string<char, std::char_traits<char>, WipingAllocator<char>>;
using json = nlohmann::basic_json<std::map, std::vector, wstring, bool, std::int64_t, std::uint64_t, double, WipingAllocator>;

json parse(std::string_view body) {
  if (!text::is_valid_utf8(body)) throw AdapterError("backend answer is not UTF-8");
  json j = json::parse(body.begin(), body.end(), nullptr, false);
  if (j.is_discarded()) throw AdapterError("backend answer is not JSON");
  return j;
}

const json* field(const json& j, const char* key) {
  if (!j.is_object()) return nullptr;
  auto it = j.find(key);
  return it == j.end() ? nullptr : &*it;
}

std::string as_text(const json& v) {
  if (!v.is_string()) return {};
  const auto& s = v.get_ref<const wstring&>();
  return text::to_nfc(std::string_view(s.data(), s.size()));
}

// A string value as it stands in the parsed answer, without a copy (names to mask, ids).
std::string_view raw(const json& j, const char* key) {
  const json* v = field(j, key);
  if (!v || !v->is_string()) return {};
  const auto& s = v->get_ref<const wstring&>();
  return std::string_view(s.data(), s.size());
}

std::string str(const json& j, const char* key) {
  const json* v = field(j, key);
  return v ? as_text(*v) : std::string{};
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// An id number: a string in some versions, a JSON number in others. Copied only into a secret.
SecretString id_number(const json& j, const char* key) {
  const json* v = field(j, key);
  if (!v) return {};
  if (v->is_string()) {
    const auto& s = v->get_ref<const wstring&>();
    return SecretString(trimmed(std::string_view(s.data(), s.size())));
  }
  if (v->is_number_unsigned()) return SecretString(std::to_string(v->get<std::uint64_t>()));
  if (v->is_number_integer() && v->get<std::int64_t>() >= 0) return SecretString(std::to_string(v->get<std::int64_t>()));
  return {};
}

const json& obj(const json& j, const char* key) {
  static const json empty = json::object();
  const json* v = field(j, key);
  return v && v->is_object() ? *v : empty;
}

long num(const json& j, const char* key) {
  const json* v = field(j, key);
  if (!v) return 0;
  if (v->is_number_integer()) return static_cast<long>(v->get<std::int64_t>());
  if (v->is_string()) {
    try {
      return std::stol(std::string(v->get_ref<const wstring&>()));
    } catch (const std::exception&) {
    }
  }
  return 0;
}

// iGate writes names per language, as one {languageId, name} object or an array of them, or
// as a plain string. Vietnamese is languageId 228; otherwise the first name given.
std::string name_in_vietnamese(const json* v) {
  if (!v) return {};
  if (v->is_string()) return as_text(*v);
  if (v->is_object()) return str(*v, "name");
  if (!v->is_array()) return {};
  std::string first, vi;
  for (const auto& n : *v) {
    const std::string name = str(n, "name");
    if (first.empty()) first = name;
    if (num(n, "languageId") == 228 && !name.empty()) vi = name;
  }
  return vi.empty() ? first : vi;
}

void add_id(BackendAnswer& a, SecretString id) {
  if (!id.empty()) a.owner_ids.push_back(std::move(id));
}

// Ten thousand billion đồng: more than any fee, and far from where sums of a few could wrap.
constexpr int64_t kMaxDong = 10'000'000'000'000;

int64_t amount_of(const json& j, const char* key, const char* what) {
  const json* v = field(j, key);
  if (!v) throw AdapterError(std::string(what) + " has no amount");
  if (v->is_number_unsigned()) {
    if (v->get<std::uint64_t>() <= static_cast<std::uint64_t>(kMaxDong)) return v->get<std::int64_t>();
  } else if (v->is_number_integer()) {
    const int64_t n = v->get<std::int64_t>();
    if (n >= 0 && n <= kMaxDong) return n;
  } else if (v->is_number_float()) {
    if (auto w = whole_dong(v->get<double>())) return *w;
  }
  throw AdapterError(std::string(what) + "'s amount is not a whole number of đồng from 0 to 10^13");
}

// A sum of fee amounts, refused rather than wrapped.
int64_t add_amounts(int64_t a, int64_t b) {
  int64_t out = 0;
  if (__builtin_add_overflow(a, b, &out) || out > kMaxDong) throw AdapterError("the fees add up to more than 10^13 đồng");
  return out;
}

FeeItem::Kind kind_of(const std::string& kind_or_name) {
  const std::string w = text::lower(kind_or_name);
  return w == "le_phi" || w.rfind("lệ phí", 0) == 0 ? FeeItem::Kind::LePhi : FeeItem::Kind::Phi;
}

// An officer named in an answer: nothing when the answer names nobody.
std::optional<OfficerRef> officer_ref(const json& o, const char* id_key, const char* name_key) {
  OfficerRef r{text::printable(str(o, id_key)), text::printable(str(o, name_key))};
  if (r.name.empty() || r.name.size() > 200) return std::nullopt;  // nobody, or not a name
  if (r.id.size() > 64) r.id.clear();
  return r;
}

}  // namespace

std::optional<int64_t> whole_dong(double v) {
  if (!std::isfinite(v) || v < 0 || v > 1e13 || std::floor(v) != v) return std::nullopt;
  return static_cast<int64_t>(v);
}

BackendAnswer parse_generic(std::string_view body) {
  const json j = parse(body);
  if (!j.is_object()) throw AdapterError("backend answer is not a JSON object");
  BackendAnswer a;
  DossierStatus& d = a.status;
  d.code = str(j, "code");
  if (d.code.empty()) throw AdapterError("backend answer has no dossier code");
  d.procedure_code = str(obj(j, "procedure"), "code");
  d.procedure_name = str(obj(j, "procedure"), "name");
  const json& owner = obj(j, "owner");
  // The API answers the name masked; an older backend's full name is masked here at once.
  d.owner_masked = str(owner, "name_masked");
  if (d.owner_masked.empty()) d.owner_masked = mask_name(raw(owner, "name"));
  a.owner_checked = field(j, "owner_checked") && j["owner_checked"].is_boolean() && j["owner_checked"].get<bool>();
  add_id(a, id_number(owner, "id_number"));
  add_id(a, id_number(obj(j, "delegate"), "id_number"));
  a.secret_code = id_number(j, "secret_code");
  d.received = parse_date(str(j, "received_at"));
  d.appointment = parse_date(str(j, "appointment_at"));
  d.completed = parse_date(str(j, "completed_at"));
  d.status = status_from_id(num(obj(j, "status"), "id"));
  d.status_text = str(obj(j, "status"), "text");
  d.current_unit = str(j, "current_unit");
  d.counter = str(j, "counter");
  d.supplement_note = str(j, "supplement_note");
  if (const json* steps = field(j, "steps"); steps && steps->is_array())
    for (const auto& s : *steps) d.steps.push_back({str(s, "unit"), str(s, "at"), str(s, "action")});
  d.received_by = officer_ref(obj(j, "received_by"), "id", "name");
  d.returned_by = officer_ref(obj(j, "returned_by"), "id", "name");
  if (const json* fees = field(j, "fees_due"); fees && fees->is_object()) {
    FeesDue f;
    if (const json* items = field(*fees, "items"); items && items->is_array())
      for (const auto& it : *items) f.items.push_back({kind_of(str(it, "kind")), str(it, "name"), amount_of(it, "amount", "a fee")});
    f.total = amount_of(*fees, "total", "the fees' total");
    int64_t sum = 0;
    for (const auto& it : f.items) sum = add_amounts(sum, it.amount);
    if (sum != f.total || f.total <= 0) throw AdapterError("the fees' total is not the sum of its items");
    const json& payee = obj(*fees, "payee");
    f.payee = {str(payee, "name"), str(payee, "bin"), str(payee, "account")};
    f.paid = field(*fees, "paid") && (*fees)["paid"].is_boolean() && (*fees)["paid"].get<bool>();
    d.fees_due = std::move(f);
  }
  return a;
}

FeesDue parse_igate_fees(std::string_view body, const Payee& payee) {
  const json j = parse(body);
  if (!j.is_array()) throw AdapterError("iGate's fee list is not an array");
  FeesDue f;
  f.payee = payee;
  int64_t paid = 0;
  for (const auto& fee : j) {
    if (!fee.is_object()) throw AdapterError("an iGate fee is not an object");
    const json& type = obj(obj(fee, "procost"), "type");
    std::string name = name_in_vietnamese(field(type, "name"));
    if (name.empty()) name = name_in_vietnamese(field(obj(fee, "procost"), "description"));
    const int64_t unit = amount_of(fee, "amount", "an iGate fee");
    const int64_t quantity = field(fee, "quantity") && fee["quantity"].is_number() ? amount_of(fee, "quantity", "a quantity") : 1;
    if (field(fee, "required") && fee["required"].is_number() && fee["required"].get<double>() == 0) continue;
    int64_t line = 0;
    if (__builtin_mul_overflow(unit, quantity, &line) || line > kMaxDong) throw AdapterError("an iGate fee's amount times its quantity is too large");
    f.items.push_back({kind_of(name), name, line});
    f.total = add_amounts(f.total, line);
    if (field(fee, "paid") && fee["paid"].is_number()) paid = add_amounts(paid, amount_of(fee, "paid", "an iGate fee's paid amount"));
  }
  f.paid = f.total > 0 && paid >= f.total;
  return f;
}

BackendAnswer parse_igate(std::string_view body) {
  const json j = parse(body);
  const json* content = field(j, "content");
  if (!content || !content->is_array()) throw AdapterError("iGate answer has no content list");
  if (content->empty()) throw AdapterError("iGate found no dossier with this code");
  if (content->size() > 1) throw AdapterError("iGate found more than one dossier with this code");
  const json& c = (*content)[0];
  if (!c.is_object()) throw AdapterError("iGate dossier is not an object");
  BackendAnswer a;
  DossierStatus& d = a.status;
  d.code = str(c, "code");
  if (d.code.empty()) throw AdapterError("iGate dossier has no code");
  a.nation_code = str(c, "nationCode");
  d.appointment = parse_date(str(c, "appointmentDate"));
  d.received = parse_date(str(c, "acceptedDate"));
  if (!d.received) d.received = parse_date(str(c, "appliedDate"));
  d.completed = parse_date(str(c, "completedDate"));
  // iGate's status ids are its own: its words say what the status is.
  d.status_text = str(obj(c, "dossierStatus"), "name");
  d.status = status_from_words(d.status_text);
  d.current_unit = name_in_vietnamese(field(obj(c, "dossierTaskStatus"), "name"));
  const json& proc = obj(c, "procedure");
  d.procedure_code = str(proc, "code");
  d.procedure_name = name_in_vietnamese(field(proc, "translate"));
  const json& applicant = obj(obj(c, "applicant"), "data");
  d.owner_masked = mask_name(!raw(applicant, "fullname").empty() ? raw(applicant, "fullname") : raw(applicant, "ownerFullname"));
  add_id(a, id_number(applicant, "identityNumber"));
  d.backend_id = str(c, "id");
  // iGate names the receiving officer only by name (an assumption for the returner, docs/dossier-api.md).
  d.received_by = officer_ref(obj(c, "accepter"), "id", "fullname");
  d.returned_by = officer_ref(obj(c, "returner"), "id", "fullname");
  return a;
}

}  // namespace kiosk::dossier

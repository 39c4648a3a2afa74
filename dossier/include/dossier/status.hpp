// One internal model of a dossier's status, whatever backend answered, and what a citizen is
// told about it. Backends speak through adapters (adapters.hpp).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::dossier {

// The ten statuses of real one-stop systems (Tan Dan / OpenCPS numbering).
enum class Status {
  Unknown = 0,
  Registered = 1,        // Mới đăng ký
  Accepted = 2,          // Được tiếp nhận
  Refused = 3,           // Không được tiếp nhận
  Processing = 4,        // Đang xử lý
  NeedsDocuments = 5,    // Yêu cầu bổ sung giấy tờ
  NeedsPayment = 6,      // Yêu cầu thực hiện nghĩa vụ tài chính
  Withdrawn = 7,         // Công dân yêu cầu rút hồ sơ
  Stopped = 8,           // Dừng xử lý
  Done = 9,              // Đã xử lý xong
  Returned = 10,         // Đã trả kết quả
};

Status status_from_id(long id);  // out of range: Unknown
const char* status_name(Status s);  // "processing", for logs and JSON

struct Date {
  int year = 0, month = 0, day = 0;
  auto operator<=>(const Date&) const = default;
  std::string text() const;  // dd/mm/yyyy
};
// "2023-01-10", "10/01/2023", or a time stamp — "2023-01-10T17:00:00.000+0700" (iGate writes its
// offsets without a colon), "…+07:00", "…Z" — as the date it is in Vietnam (UTC+7, no daylight
// saving); nullopt for anything else.
std::optional<Date> parse_date(std::string_view s);
Date today_local();
// A date or time stamp as a citizen reads it: "25/11/2026 08:18" (Vietnam time), "25/11/2026";
// text that is neither comes back as it is.
std::string moment_text(std::string_view s);

struct DossierStep {
  std::string unit;    // which unit held it
  std::string when;    // as the backend wrote it
  std::string action;
};

// What is owed on a dossier, as the backend says: phí and lệ phí apart, whole đồng.
struct FeeItem {
  enum class Kind { Phi, LePhi };
  Kind kind = Kind::Phi;
  std::string name;
  int64_t amount = 0;  // VND
  bool operator==(const FeeItem&) const = default;
};
const char* fee_kind_name(FeeItem::Kind k);  // "phi" | "le_phi"

struct Payee {
  std::string name, bin, account;  // who the money goes to: the collecting agency's account
  bool operator==(const Payee&) const = default;
};

struct FeesDue {
  std::vector<FeeItem> items;
  int64_t total = 0;
  Payee payee;
  bool paid = false;
};

// An officer as the backend names them: an id of the center's roster when it has one (the
// generic API), else only a name (iGate's accepter.fullname).
struct OfficerRef {
  std::string id, name;
  bool operator==(const OfficerRef&) const = default;
};

struct DossierStatus {
  std::string code;
  std::string procedure_code;
  std::string procedure_name;
  std::string owner_masked;  // "Nguyễn V*** A***": the only form of the owner's name the kiosk keeps
  std::optional<Date> received;
  std::optional<Date> appointment;
  std::optional<Date> completed;
  Status status = Status::Unknown;
  std::string status_text;  // the backend's own words, kept for staff
  std::string current_unit;
  std::string counter;           // where to collect the result
  std::string supplement_note;   // what to bring when documents are missing
  std::vector<DossierStep> steps;
  std::optional<FeesDue> fees_due;  // fees the backend says are owed (or were paid)
  std::string backend_id;           // the backend's own id of the dossier (iGate's fee lookup)
  std::optional<OfficerRef> received_by;  // who received it at the counter (to be rated)
  std::optional<OfficerRef> returned_by;  // who handed the result over, once returned
};

// Late is not a status: it is an appointment date passed without the result being ready.
bool is_late(const DossierStatus& d, Date today);

// What the citizen should do next, as a kind with its data; the app words it in the citizen's
// language ("Mời ông/bà đến Quầy 5 nhận kết quả").
struct NextStep {
  enum class Kind {
    CollectResult,   // at `where`
    Finished,        // the result was handed over
    BringDocuments,  // `note` says what, at `where`
    Pay,             // fees are due
    AskWhy,          // refused or stopped: ask at `where`
    ComeBackOn,      // on `date`
    InProgress,      // no date known
    AskNewDate,      // past its appointment and not ready: ask at `where` for a new date
  };
  Kind kind = Kind::InProgress;
  std::string where;  // the counter; empty: the one-stop desk
  std::optional<Date> date;
  std::string note;
  bool operator==(const NextStep&) const = default;
};
// Knowing today: a dossier past its appointment is not sent back to that date.
NextStep next_step(const DossierStatus& d, Date today);
const char* next_step_name(NextStep::Kind k);  // for logs and JSON

// "Nguyễn Văn An" -> "Nguyễn V*** A***": the family name and initials only.
std::string mask_name(std::string_view full_name);
// Only the last four characters stay: "001099012345" -> "********2345".
std::string mask_id(std::string_view id);
// Does what the citizen typed match an id: the whole number, or its last `min_digits` or more.
bool owner_matches(std::string_view owner_id, std::string_view typed, size_t min_digits);

// A dossier code as compared, whatever its spelling: upper case, no spaces, no dots
// ("000.00.12.h04-261115-0006" and "0000012H04-261115-0006" are one dossier).
std::string normalize_code(std::string_view code);

// iGate's status ids are its own: the status is read from its words ("Đang xử lý"); words the
// kiosk does not know stay Unknown.
Status status_from_words(std::string_view words);

}  // namespace kiosk::dossier

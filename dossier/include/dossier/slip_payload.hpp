// What the QR code or barcode of an appointment slip (phiếu hẹn trả kết quả) may hold, and the
// one thing the kiosk does with each. Accepted forms: docs/slip-payloads.md.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "common/secret.hpp"
#include "dossier/dossier_code.hpp"

namespace kiosk::dossier {

struct SlipPayload {
  enum class Kind {
    LookupUrl,    // <portal>/...?SGT=<owner id>&MHS=<code> (or MaHoSo=)
    ResolverUrl,  // <portal>/apiqr/qr?id=<GUID>: the server knows which dossier
    BareCode,     // the code alone (QR, CODE128, typed)
  };
  Kind kind;
  std::optional<DossierCode> code;  // LookupUrl and BareCode
  SecretString owner_id;            // from SGT, when the slip carries it
  std::string resolver_id;          // the GUID of a ResolverUrl
  std::string portal;               // scheme://host of a URL
};

struct SlipRefusal {
  enum class Kind {
    NotASlip,  // some other code: a shop's QR, a Wi-Fi code...
    BadCode,   // looks like a dossier code but is not a valid one
  };
  Kind kind;
  std::string reason;  // for the log
};
const char* refusal_name(SlipRefusal::Kind k);

inline constexpr size_t kMaxPayloadBytes = 2048;

// Scanner noise (surrounding spaces, CR/LF, control characters) is ignored.
std::variant<SlipPayload, SlipRefusal> parse_slip(std::string_view scanned);

}  // namespace kiosk::dossier

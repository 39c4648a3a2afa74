// Dossier codes as real one-stop systems print them: <agency id>-<yyMMdd>-<NNNN or NNNNN>,
// e.g. 000.00.12.H04-230101-0001 or H04-230101-00012.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace kiosk::dossier {

struct DossierCode {
  std::string agency;   // "000.00.12.H04" or "H04"
  int year = 0, month = 0, day = 0;  // the filing date (20yy)
  std::string counter;  // "0001"
  std::string text() const;  // the canonical code
};

// nullopt when the text is not a dossier code (wrong shape, impossible date).
std::optional<DossierCode> parse_dossier_code(std::string_view text);

}  // namespace kiosk::dossier

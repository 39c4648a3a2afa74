// The center's dossier figures for a month, as the hall's display shows them: received, settled
// on time and late, and the on-time share per agency. From the one-stop backend's statistics
// (generic API: GET <base>/stats/month?month=YYYY-MM, docs/dossier-api.md), read strictly.
#pragma once
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "dossier/status_client.hpp"

namespace kiosk::dossier {

struct AgencyFigures {
  std::string name;
  long received = 0, on_time = 0, late = 0;  // settled = on_time + late
};

struct MonthStats {
  std::string month;  // "2026-12"
  long received = 0, on_time = 0, late = 0, in_progress = 0;
  std::vector<AgencyFigures> agencies;
  // The share of settled dossiers settled on time, 0–100; nullopt when none was settled.
  static std::optional<int> on_time_percent(long on_time, long late);
};

struct BadStats : std::runtime_error {
  using std::runtime_error::runtime_error;
};
// Throws BadStats for anything not as documented (counts negative or over 10,000,000, a month
// not YYYY-MM, more than 200 agencies). Settled may exceed received: last month's dossiers
// settle this month.
MonthStats parse_month_stats(std::string_view body);

using StatsResult = std::variant<MonthStats, LookupError>;
// Blocking. iGate's statistics are not adapted (Unsupported).
StatsResult fetch_month_stats(const BackendConfig& cfg, const std::string& month);

}  // namespace kiosk::dossier

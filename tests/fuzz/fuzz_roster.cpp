// Any rating.json a pack could carry, any officers list a backend could answer: a roster or a
// clear refusal, never a crash or another exception.
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string>

#include "content/pack.hpp"
#include "content/pack_content.hpp"
#include "content/rating_setup.hpp"
#include "rating/roster.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string body(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] % 2 == 0) {
    const std::vector<kiosk::content::Agency> agencies = {{"A", "Sở Tư pháp", {{"Q11", "Quầy 11", {}}, {"Q12", "Quầy 12", {}}}}};
    try {
      const auto s = kiosk::content::parse_rating_setup(body, agencies);
      // What is accepted names real counters, and survives its own round trip.
      for (const auto& o : s.officers)
        if (o.counter != "Q11" && o.counter != "Q12") std::abort();
      const auto again = kiosk::content::parse_rating_setup(kiosk::content::to_json(s).dump(), agencies);
      if (again.officers.size() != s.officers.size() || again.survey.size() != s.survey.size()) std::abort();
    } catch (const kiosk::content::PackError& e) {
      if (std::string(e.what()).empty()) std::abort();
    }
  } else {
    try {
      for (const auto& o : kiosk::rating::parse_officers_answer(body, "Q1"))
        if (o.id.empty() || o.name.empty() || o.counter != "Q1") std::abort();
    } catch (const std::runtime_error&) {
    }
  }
  return 0;
}

// Any stream of keys, pauses, Enters and flushes through the wedge detector: every character comes
// out exactly once (as typing, or in a scan), what a scan takes back was typed just before it,
// and nothing crashes. Each input byte pair is an action and a time step.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "dossier/scanner_inputs.hpp"

using kiosk::dossier::WedgeDetector;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  WedgeDetector w;
  auto t = WedgeDetector::Clock::time_point{} + std::chrono::hours(1);
  std::string in, out;  // every character fed; what came out, in order, as typing or scans
  const std::string alphabet = "https://dvc.vn/tra-cuu?SGT=001203112233&MHS=000.00.12.H04-261102-0009 hochieu";
  for (size_t i = 0; i + 1 < size; i += 2) {
    t += std::chrono::milliseconds(data[i + 1] % 64 == 63 ? 2000 : data[i + 1] % 64);
    const uint8_t a = data[i];
    if (a < 200) {
      const std::string ch(1, alphabet[a % alphabet.size()]);
      in += ch;
      out += w.key(ch, t);
    } else if (a < 240) {
      const auto r = w.enter(t);
      if (r.reclaimed > out.size()) std::abort();  // never more than what went out as typing
      out.resize(out.size() - r.reclaimed);          // the caller takes it back out of the query
      out += r.typed;
      if (r.scan) out += *r.scan;
      if (r.scan && r.scan->empty()) std::abort();
    } else {
      out += w.flush(t);
    }
  }
  const auto r = w.enter(t + std::chrono::seconds(5));
  out.resize(out.size() - r.reclaimed);
  out += r.typed;
  if (r.scan) out += *r.scan;
  if (out != in) std::abort();  // nothing lost, nothing doubled
  return 0;
}

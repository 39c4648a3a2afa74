#include "search/query.hpp"

#include "search/dictionary.hpp"
#include "search/fold.hpp"

namespace kiosk::search {

ParsedQuery parse_query(std::string_view raw) {
  ParsedQuery q;
  const bool still_typing = !raw.empty() && raw.back() != ' ';
  if (raw.size() > kMaxQueryBytes) raw = raw.substr(0, kMaxQueryBytes);  // fold drops a cut UTF-8 sequence
  q.folded = fold(raw);
  auto ws = words(q.folded);
  if (ws.size() > kMaxQueryWords) ws.resize(kMaxQueryWords);
  for (auto& w : ws) {
    if (w.size() > kMaxWordBytes) w.resize(kMaxWordBytes);
    QueryTerm t;
    t.word = w;
    t.forms.push_back(w);
    for (auto& v : spelling_variants(w)) t.forms.push_back(v);
    q.terms.push_back(std::move(t));
  }
  if (!q.terms.empty()) q.terms.back().prefix = still_typing;
  return q;
}

std::string to_fts(const std::vector<QueryTerm>& terms, bool any) {
  std::string out;
  for (const auto& t : terms) {
    if (!out.empty()) out += any ? " OR " : " AND ";
    out += '(';
    for (size_t i = 0; i < t.forms.size(); ++i) {
      if (i) out += " OR ";
      // Forms are folded letters and digits only; the quotes make even "and" or "near" plain words.
      out += '"' + t.forms[i] + '"';
      if (t.prefix) out += '*';
    }
    out += ')';
  }
  return out;
}

}  // namespace kiosk::search

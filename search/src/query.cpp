#include "search/query.hpp"

#include "search/fold.hpp"

namespace kiosk::search {

namespace {

std::string join(const Phrase& p) {
  std::string out;
  for (const auto& w : p) {
    if (!out.empty()) out += ' ';
    out += w;
  }
  return out;
}

std::vector<QueryTerm> terms_of(const std::vector<std::string>& ws, const PhraseBook& book, bool drop_fillers,
                                const IsWordPair& is_pair) {
  std::vector<QueryTerm> terms;
  size_t asking = 0;  // terms left that follow a word of asking
  for (size_t i = 0; i < ws.size();) {
    auto m = book.longest_at(ws, i);
    const bool in_pair = m.words == 1 && m.filler && is_pair &&
                         ((i > 0 && is_pair(ws[i - 1], ws[i])) || (i + 1 < ws.size() && is_pair(ws[i], ws[i + 1])));
    if (in_pair) m = {};
    if (m.words > 0 && m.filler && drop_fillers) {
      if (m.asks) asking = kAskedTerms;
      i += m.words;
      continue;
    }
    QueryTerm t;
    t.asked = asking > 0;
    if (asking > 0) --asking;
    if (m.words > 0 && !m.filler) {
      t.forms = std::move(m.forms);
      t.text = join(t.forms.front());
      i += m.words;
    } else {
      t.text = ws[i];
      t.forms.push_back({ws[i]});
      for (auto& v : spelling_variants(ws[i])) t.forms.push_back({v});
      ++i;
    }
    terms.push_back(std::move(t));
  }
  return terms;
}

}  // namespace

ParsedQuery parse_query(std::string_view raw, const PhraseBook& book, const IsWordPair& is_pair) {
  ParsedQuery q;
  const bool still_typing = !raw.empty() && raw.back() != ' ';
  // What a story asks comes at its end ("… Nay tôi muốn xin cấp lại …"): a long one keeps its
  // last bytes and words (fold reads a cut UTF-8 sequence as a separator).
  if (raw.size() > kMaxQueryBytes) raw = raw.substr(raw.size() - kMaxQueryBytes);
  q.folded = fold(raw);
  auto ws = words(q.folded);
  if (ws.size() > kMaxQueryWords) ws.erase(ws.begin(), ws.end() - static_cast<std::ptrdiff_t>(kMaxQueryWords));
  for (auto& w : ws)
    if (w.size() > kMaxWordBytes) w.resize(kMaxWordBytes);
  q.terms = terms_of(ws, book, true, is_pair);
  if (q.terms.empty()) q.terms = terms_of(ws, book, false, is_pair);  // "làm" alone is what they want
  if (q.terms.size() > kMaxQueryWords) q.terms.resize(kMaxQueryWords);
  // The last term is being typed only if it covers the last word (a trailing filler is finished).
  if (!q.terms.empty() && still_typing && !ws.empty()) {
    const Phrase& last_form = q.terms.back().forms.front();
    if (!last_form.empty() && last_form.back() == ws.back()) q.terms.back().prefix = true;
  }
  return q;
}

std::string to_fts(const std::vector<QueryTerm>& terms, bool any) {
  std::string out;
  for (const auto& t : terms) {
    if (!out.empty()) out += any ? " OR " : " AND ";
    out += '(';
    for (size_t i = 0; i < t.forms.size(); ++i) {
      if (i) out += " OR ";
      // Forms are folded letters, digits and spaces only; quoting makes "and" or "near" plain words.
      out += '"' + join(t.forms[i]) + '"';
      if (t.prefix) out += '*';
    }
    out += ')';
  }
  return out;
}

void split_words(std::string_view folded, std::vector<std::string_view>& out) {
  out.clear();
  size_t i = 0;
  while (i < folded.size()) {
    while (i < folded.size() && folded[i] == ' ') ++i;
    size_t j = i;
    while (j < folded.size() && folded[j] != ' ') ++j;
    if (j > i) out.push_back(folded.substr(i, j - i));
    i = j;
  }
}

size_t match_length(const std::vector<std::string_view>& text, size_t at, const QueryTerm& term) {
  size_t best = 0;
  const std::string_view first = text[at];
  for (const auto& form : term.forms) {
    if (form.empty() || at + form.size() > text.size() || form.size() <= best) continue;
    if (form[0].empty() || first.empty() || form[0][0] != first[0]) continue;  // cheap reject
    bool ok = true;
    for (size_t k = 0; k < form.size() && ok; ++k) {
      const std::string_view w = text[at + k];
      const bool last = k + 1 == form.size();
      ok = w == form[k] || (last && term.prefix && w.compare(0, form[k].size(), form[k]) == 0);
    }
    if (ok) best = form.size();
  }
  return best;
}

}  // namespace kiosk::search

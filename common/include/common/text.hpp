// UTF-8 text helpers shared by the importer, the catalog and search.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::text {

bool is_valid_utf8(std::string_view s);

// Unicode NFC. ImGui does no shaping, so decomposed input would render as stray marks.
// Invalid UTF-8 yields an empty string; check is_valid_utf8 first where that matters.
std::string to_nfc(std::string_view s);

// Replaces invalid UTF-8 sequences with U+FFFD so untrusted bytes can be shown and stored.
std::string sanitize_utf8(std::string_view s);

// Trims and collapses runs of whitespace (including newlines) to one space.
std::string squash_spaces(std::string_view s);
std::string trim(std::string_view s);

std::vector<std::string> split(std::string_view s, char sep);

}  // namespace kiosk::text

namespace kiosk::text {
// Code point views of UTF-8 (invalid bytes become U+FFFD).
std::u32string to_u32(std::string_view s);
std::string to_utf8(std::u32string_view s);
bool is_upper(char32_t c);
bool is_lower(char32_t c);
std::string lower(std::string_view s);       // Unicode lower case
std::string capitalize(std::string_view s);  // the first letter in upper case ("năm" -> "Năm")
// What untrusted text may show in a log line or on a staff terminal: control characters (escape
// sequences, bells, line breaks) become '?', invalid UTF-8 becomes U+FFFD.
std::string printable(std::string_view s);
// At most `max_chars` characters, cut at a word and ended with "…" when anything was cut.
std::string shorten(std::string_view s, size_t max_chars);
}  // namespace kiosk::text

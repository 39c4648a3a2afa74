// Strict readers of the queue server's JSON fields (internal to queue/): each throws BadAnswer
// for a field that is missing, of the wrong type, out of range or not printable text.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "queue/answers.hpp"

namespace kiosk::queue::fields {

const nlohmann::json& object_at(const nlohmann::json& j, const char* key);
// A text field, printable and bounded; `required` ones may not be empty.
std::string text_at(const nlohmann::json& j, const char* key, size_t max, bool required);
int int_at(const nlohmann::json& j, const char* key, int max);
// 0–64 counters: none when the server names the desk only as it calls the number.
std::vector<std::string> counters_at(const nlohmann::json& j);
// Ids go into paths and the ticket's QR: letters, digits, '-', '_', '.' only.
std::string id_at(const nlohmann::json& j, const char* key, size_t max = 64);
Ticket::State state_from(const std::string& s);
nlohmann::json parse_object(std::string_view body);
nlohmann::json parse_any(std::string_view body);  // an object or an array

}  // namespace kiosk::queue::fields

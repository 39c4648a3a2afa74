// Who can be rated: the pack's roster, the backend's list of officers on duty at a counter
// (GET /counters/<id>/officers, which overrides the pack's when it answers), and matching the
// name a backend gives (iGate's accepter.fullname) to the roster.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/http.hpp"
#include "content/rating_setup.hpp"

namespace kiosk::rating {

// The officers at one counter, in the roster's order.
std::vector<content::Officer> officers_at(const std::vector<content::Officer>& roster, const std::string& counter);

// The roster's officer with this id, or else the one whose name folds to the same words
// (diacritics, case and spacing aside); nullopt when none or several match.
std::optional<content::Officer> match_officer(const std::vector<content::Officer>& roster, const std::string& id,
                                              const std::string& name);

// The backend's answer: {"officers": [{"id", "name", "title", "photo_url"?}]}. Throws
// std::runtime_error when it is not that shape. Officers get `counter` set to the one asked.
std::vector<content::Officer> parse_officers_answer(std::string_view body, const std::string& counter);

// Asks the backend; nullopt when it has no list for this counter (404) or cannot say now (the
// pack's roster serves then), and `why` (when given) says which, for the log.
std::optional<std::vector<content::Officer>> fetch_officers(const std::string& backend, const std::string& counter,
                                                            const std::vector<std::string>& headers, const http::Options& o,
                                                            std::string* why = nullptr);

}  // namespace kiosk::rating

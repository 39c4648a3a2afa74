// The parsed content of a pack's files (a source directory or an extracted pack).
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "content/procedure.hpp"
#include "content/queue_map.hpp"
#include "content/rating_setup.hpp"

namespace kiosk::content {

struct Counter {
  std::string id;
  std::string name;
  std::vector<std::string> fields;  // lĩnh vực served at this counter
};

struct Agency {
  std::string code;
  std::string name;
  std::vector<Counter> counters;
};

struct PackContent {
  nlohmann::json meta;  // pack.json: pack_id, publisher, version, center identity
  std::vector<Agency> agencies;
  std::vector<Procedure> procedures;
  std::vector<std::vector<std::string>> synonyms;  // groups of interchangeable terms
  RatingSetup rating;                               // rating.json, when the pack has one
  QueueMap queue;                                   // queue.json, when the pack has one
};

// Reads and validates pack.json, procedures.jsonl, agencies.json, synonyms.json, rating.json and queue.json under dir.
// Throws PackError naming the file (and line) of the first problem.
PackContent load_pack_content(const std::filesystem::path& dir);

}  // namespace kiosk::content

// Which queue service serves a procedure (queue.json in a pack): the kiosk hands a citizen the
// number for the counter of the procedure just found. Rules name a service of the center's
// queue server and the procedures it takes, by code, by the counter the pack gives them, by field
// (lĩnh vực) or by agency; the first that matches, in that order, wins. `priorities` lists the
// priority categories the center takes (none of them is ever the default).
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "content/procedure.hpp"

namespace kiosk::content {

struct QueueRule {
  std::string service;  // the queue server's service id
  std::vector<std::string> procedures, counters, fields, agencies;
};

struct QueueMap {
  std::string center;  // the queue server's center id this pack is for
  std::vector<std::string> priorities;
  std::vector<QueueRule> rules;
  bool empty() const { return rules.empty(); }
  // The service for a procedure, or nullopt: the pack maps it to none.
  std::optional<std::string> service_for(const Procedure& p) const;
};

// Parses and checks queue.json against the pack's procedures: every code, counter, field and
// agency named is one a procedure has (a typo maps nothing, silently, otherwise), no code,
// counter, field or agency is given to two services, service ids and priorities are known forms.
// Throws PackError naming the problem.
QueueMap parse_queue_map(std::string_view json_text, const std::vector<Procedure>& procedures);
nlohmann::json to_json(const QueueMap& m);

}  // namespace kiosk::content

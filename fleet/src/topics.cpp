#include "fleet/topics.hpp"

#include <cctype>

namespace kiosk::fleet {

bool valid_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) return false;
  return true;
}

std::string topic(std::string_view center, std::string_view kiosk, std::string_view leaf) {
  return "tthc/" + std::string(center) + "/" + std::string(kiosk) + "/" + std::string(leaf);
}

std::optional<TopicParts> split_topic(std::string_view t) {
  constexpr std::string_view prefix = "tthc/";
  if (t.substr(0, prefix.size()) != prefix) return std::nullopt;
  t.remove_prefix(prefix.size());
  TopicParts p;
  for (std::string* part : {&p.center, &p.kiosk}) {
    const auto slash = t.find('/');
    if (slash == std::string_view::npos) return std::nullopt;
    *part = std::string(t.substr(0, slash));
    t.remove_prefix(slash + 1);
  }
  if (t.find('/') != std::string_view::npos || !valid_id(p.center) || !valid_id(p.kiosk) || t.empty()) return std::nullopt;
  p.leaf = std::string(t);
  return p;
}

}  // namespace kiosk::fleet

#include "platform/script.hpp"

#include <cstdio>

#include "common/text.hpp"

namespace kiosk::platform {

namespace {

bool parse_point(const std::string& s, float& x, float& y) {
  return s.size() > 1 && s[0] == '@' && std::sscanf(s.c_str() + 1, "%f,%f", &x, &y) == 2;
}

}  // namespace

std::vector<ScriptStep> parse_script(const std::string& body) {
  std::vector<ScriptStep> steps;
  int line_no = 0;
  for (const auto& raw : text::split(body, '\n')) {
    ++line_no;
    const std::string line = text::trim(raw);
    if (line.empty() || line[0] == '#') continue;
    const auto sp = line.find(' ');
    const std::string verb = line.substr(0, sp);
    const std::string arg = sp == std::string::npos ? "" : text::trim(line.substr(sp + 1));
    ScriptStep st{ScriptStep::Kind::Wait, arg};
    st.line = line_no;
    const std::string where = "script line " + std::to_string(line_no) + ": ";
    auto need_arg = [&] {
      if (arg.empty()) throw ScriptError(where + "'" + verb + "' needs an argument");
    };
    if (verb == "tap") {
      need_arg();
      st.kind = parse_point(arg, st.x, st.y) ? ScriptStep::Kind::TapAt : ScriptStep::Kind::TapText;
    } else if (verb == "drag") {
      auto parts = text::split(arg, ' ');
      if (parts.size() != 2 || !parse_point(parts[0], st.x, st.y) || !parse_point(parts[1], st.x2, st.y2))
        throw ScriptError(where + "drag takes @X,Y @X,Y");
      st.kind = ScriptStep::Kind::Drag;
    } else if (verb == "type") {
      need_arg();
      st.kind = ScriptStep::Kind::Type;
      st.text = sp == std::string::npos ? "" : line.substr(sp + 1);  // keep inner spaces as typed
    } else if (verb == "key") {
      need_arg();
      st.kind = ScriptStep::Kind::Key;
    } else if (verb == "wait" || verb == "idle") {
      need_arg();
      try {
        st.number = std::stoi(arg);
      } catch (const std::exception&) {
        throw ScriptError(where + verb + " takes a number");
      }
      st.kind = verb == "wait" ? ScriptStep::Kind::Wait : ScriptStep::Kind::Idle;
    } else if (verb == "shot") {
      need_arg();
      if (arg.find('/') != std::string::npos || arg.find("..") != std::string::npos)
        throw ScriptError(where + "a shot name is a plain file name");
      st.kind = ScriptStep::Kind::Shot;
    } else if (verb == "expect") {
      need_arg();
      st.kind = ScriptStep::Kind::Expect;
    } else if (verb == "wedge") {
      need_arg();
      st.kind = ScriptStep::Kind::Wedge;
    } else if (verb == "keys") {
      need_arg();
      st.kind = ScriptStep::Kind::Keys;
      st.text = line.substr(sp + 1);
    } else if (verb == "await") {
      need_arg();
      st.kind = ScriptStep::Kind::Await;
    } else if (verb == "check-layout") {
      st.kind = ScriptStep::Kind::CheckLayout;
    } else if (verb == "expect-spoken") {
      need_arg();
      st.kind = ScriptStep::Kind::ExpectSpoken;
    } else if (verb == "expect-spoken-not") {
      need_arg();
      st.kind = ScriptStep::Kind::ExpectNotSpoken;
    } else if (verb == "expect-not") {
      need_arg();
      st.kind = ScriptStep::Kind::ExpectNot;
    } else {
      throw ScriptError(where + "unknown command '" + verb + "'");
    }
    steps.push_back(std::move(st));
  }
  return steps;
}

}  // namespace kiosk::platform

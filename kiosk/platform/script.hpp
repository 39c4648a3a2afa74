// Scripted sessions: a plain-text list of what a citizen does, played by the headless kiosk.
//   tap <text> | tap @X,Y | drag @X,Y @X,Y | type <text> | key <name> | wait <ms> |
//   idle <seconds> | shot <name> | expect <text> | expect-not <text> |
//   await <text>  (expect, after up to 30 s of work done by workers: printing, lookups) |
//   wedge <text>  (a keyboard-wedge scanner's burst: the keys, then Enter) |
//   keys <text>   (a person on a physical keyboard: the keys 150 ms apart, no Enter) |
//   check-layout  (fails when a text or button lies off the window or over another; every
//                  shot checks it too) |
//   expect-spoken <text>  (a sentence read aloud since the session began holds it: headless
//                  kiosks write what they would say to a log, spoken.log beside the shots) |
//   expect-spoken-not <text>  (no sentence read aloud so far holds it)
#pragma once
#include <stdexcept>
#include <string>
#include <vector>

namespace kiosk::platform {

struct ScriptStep {
  enum class Kind { TapText, TapAt, Drag, Type, Key, Wait, Idle, Shot, Expect, ExpectNot, Await, Wedge, Keys, CheckLayout, ExpectSpoken, ExpectNotSpoken };
  Kind kind;
  std::string text;
  float x = 0, y = 0, x2 = 0, y2 = 0;
  int number = 0;
  int line = 0;
};

struct ScriptError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

std::vector<ScriptStep> parse_script(const std::string& body);

}  // namespace kiosk::platform

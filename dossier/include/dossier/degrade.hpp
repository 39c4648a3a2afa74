// Slips as a kiosk camera sees them: crooked, far away, shaky, out of focus, dim, a finger over a
// corner, on a phone in dark mode. Used to measure the decoding pipeline against a plain call.
#pragma once
#include <random>
#include <string>
#include <vector>

#include "dossier/qr_decode.hpp"

namespace kiosk::dossier {

struct Degradation {
  std::string name;    // "rotated-20", "small", "motion-blur", ...
  GreyImage image;
};

// Every degradation of a 1280x720 frame holding `payload`, with sensor noise from `rng`.
std::vector<Degradation> degraded_frames(const std::string& payload, std::mt19937& rng);

}  // namespace kiosk::dossier

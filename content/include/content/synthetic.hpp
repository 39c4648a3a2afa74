// Synthetic pack sources of any size, for benchmarks and tests (never shipped to kiosks).
#pragma once
#include <cstdint>
#include <filesystem>

namespace kiosk::content {

// Writes pack.json and procedures.jsonl with `count` plausible procedures under dir.
void write_synthetic_source(const std::filesystem::path& dir, int count, uint32_t seed = 1,
                            const std::string& version = "1.0.0");

}  // namespace kiosk::content

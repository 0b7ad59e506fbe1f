// Reading a whole input file a person handed us (a scenario, a base it extends, run.json).
// Only regular files of a sane size are read, so that /dev/zero, a FIFO or a huge file,
// named by mistake or by a hostile scenario's "extends", cannot hang socred or exhaust
// its memory.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace socred {

inline constexpr std::uint64_t kMaxInputFileBytes = 64ull << 20;

// Fills `text` and returns nothing, or returns why not: "no such file", "cannot be read",
// "is a directory", "is not a regular file (a device, pipe or socket)", "is too large
// (80.0 MiB; at most 64.0 MiB)".
std::optional<std::string> read_input_file(const std::filesystem::path& path, std::string& text,
                                           std::uint64_t max_bytes = kMaxInputFileBytes);

}  // namespace socred

// What the machine has and what this process uses: resident memory (now and at its peak),
// the memory the kernel could still give us, and free disk space. Runs check these before
// they allocate, so a run that cannot fit is refused at once with a clear message instead
// of being killed half-way; long runs print them to show that memory stays flat.
//
// Linux only (/proc and statvfs); each probe returns nothing when it cannot tell.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace socred {

// Resident set size of this process (VmRSS) and its peak so far (VmHWM), in bytes.
struct ResidentMemory {
  std::uint64_t current = 0;
  std::uint64_t peak = 0;
};
std::optional<ResidentMemory> resident_memory();

// Memory a new allocation can have without swapping: MemAvailable from /proc/meminfo, or
// less when a cgroup (a container, a systemd slice) limits this process.
std::optional<std::uint64_t> available_memory();

// Free bytes for an unprivileged writer on the file system holding `path` (or, when it
// does not exist yet, its nearest existing parent).
std::optional<std::uint64_t> free_disk_space(const std::filesystem::path& path);

// "512 B", "3.4 MiB", "1.21 TiB": binary units, three significant digits.
std::string format_bytes(std::uint64_t bytes);

// "1,234,567"
std::string format_count(std::uint64_t n);

// Parses the value of `key` (e.g. "MemAvailable:") in a /proc file's text of "Key: N kB"
// lines; nothing when absent or malformed. Public for tests.
std::optional<std::uint64_t> proc_kib_field(const std::string& text, const std::string& key);

}  // namespace socred

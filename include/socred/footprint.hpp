// What a run will take, estimated before anything is allocated: memory at its peak (the
// world, plus what building the society and writing outputs hold for a while) and disk for
// its outputs. `socred run` refuses a run that cannot fit with one clear line, instead of
// being killed by the kernel half-way or filling the disk at week 4,000.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "socred/scenario.hpp"

namespace socred {

struct RunFootprint {
  std::uint64_t citizens = 0;
  std::uint64_t ties = 0;
  std::uint64_t weeks = 0;
  std::uint64_t snapshots = 0;
  std::uint64_t world_bytes = 0;  // the World's arrays (estimate_world_bytes)
  std::uint64_t peak_bytes = 0;   // resident memory at the peak, whole process
  std::uint64_t disk_bytes = 0;   // every output file, snapshots and one checkpoint
};

// Ties a generated network will have: citizens * mean_degree / 2.
std::uint64_t planned_ties(const Scenario& s);

// For a generated network (citizens and ties from the scenario) or one read from a file
// (`network_read`: citizens and ties as read; the edge list is then already in memory).
// `snapshot_every` as for the recorder (0: none); `threads` sizes the per-thread scratch.
RunFootprint estimate_footprint(const Scenario& s, std::uint64_t citizens, std::uint64_t ties,
                                bool network_read, std::int64_t snapshot_every, int threads);

// One line saying why the run cannot fit, or nothing when it can (or when the machine's
// figures are unknown). `where` names the output directory in the disk message.
std::optional<std::string> footprint_problem(const RunFootprint& f,
                                             std::optional<std::uint64_t> available_memory,
                                             std::optional<std::uint64_t> free_disk,
                                             const std::string& where);

}  // namespace socred

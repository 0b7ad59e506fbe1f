// Checkpoints: the whole state of a run in one file, so that `socred run --resume DIR`
// continues a killed or interrupted run and produces the same bytes an uninterrupted run
// would have.
//
// A checkpoint holds the World (every array, by name), the scenario as first resolved and
// as now in force (timeline events applied), the Simulation's internals (the next timeline
// event, the metrics collector's carried values, the last metrics row), where the network
// came from, and the recorder's position in its files.
//
// Format (little-endian), version kCheckpointVersion:
//   header  "SOCREDCP" | u32 version | u32 0x01020304 (byte order) | u64 payload bytes |
//           u32 CRC-32 of the payload | u32 CRC-32 of the 28 bytes before it
//   payload sections, each: u16 name length | name | u32 element bytes | u64 count | data
// A checkpoint is written to checkpoint.socred.tmp, flushed to the disk, then renamed over
// checkpoint.socred, so a crash at any moment leaves the previous checkpoint whole.
// Reading checks the header, the length and the checksum before anything else, then every
// size and index against the data, so a damaged or hostile file is refused with one line.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "socred/metrics.hpp"
#include "socred/recorder.hpp"
#include "socred/simulation.hpp"

namespace socred {

inline constexpr const char* kCheckpointFile = "checkpoint.socred";
inline constexpr const char* kCheckpointTempFile = "checkpoint.socred.tmp";
inline constexpr std::uint32_t kCheckpointVersion = 1;

// How the run was started, so that a resumed run carries on the same way.
struct RunSettings {
  std::string command_line;  // of the run that started it, for run.json
  std::string socred_version;
  std::string git_revision;
  std::int64_t snapshot_every = 0;
  std::int64_t checkpoint_every = 0;
  MetricsRow first_row;  // tick 0, for the closing summary
  MetricsRow totals;     // each metric summed over ticks 1..now, for the closing summary
  bool operator==(const RunSettings&) const = default;
};

// Writes `sim` (with the recorder's position and the run's settings) atomically to
// `file` (via `file` + ".tmp"). Throws std::runtime_error on a write error.
void write_checkpoint(const std::filesystem::path& file, const Simulation& sim,
                      const RecorderPosition& position, const RunSettings& settings);

struct Checkpoint {
  Simulation simulation;
  RecorderPosition position;
  RunSettings settings;
};

// Reads a checkpoint. Throws InputError naming the file and what is wrong ("not a socred
// checkpoint", "truncated", "checksum mismatch", "from a newer socred", "inconsistent:
// ...") when it cannot be trusted.
Checkpoint read_checkpoint(const std::filesystem::path& file);
// The same from bytes in memory; `label` names them in errors.
Checkpoint parse_checkpoint(std::string_view bytes, const std::string& label);

}  // namespace socred

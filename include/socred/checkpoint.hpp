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
// Version 2 added the "run.identity" section (RunIdentity as JSON): the run a checkpoint
// belongs to, checked against its own contents and against the run directory's
// identity.json on resume.
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
inline constexpr const char* kIdentityFile = "identity.json";
inline constexpr std::uint32_t kCheckpointVersion = 2;

// Which run a checkpoint or a run directory belongs to: the scenario as first resolved, its
// seed and the edge list read. A run directory keeps it in identity.json while the run is
// under way (it is removed when the run completes), so that `--resume` refuses a checkpoint
// copied from another run.
struct RunIdentity {
  std::string scenario_hash;  // format_content_hash() of scenario_to_json(initial scenario)
  std::uint64_t seed = 0;
  std::string network_hash;   // of the edge list's bytes; empty for a generated network
  bool operator==(const RunIdentity&) const = default;
  // "scenario fnv1a64:..., seed 42, a generated network" (or "network file fnv1a64:...").
  std::string describe() const;
};
RunIdentity run_identity(const Simulation& sim);
std::string run_identity_json(const RunIdentity& identity);
// Throws InputError naming `label` when the text is not what run_identity_json writes.
RunIdentity parse_run_identity(std::string_view text, const std::string& label);

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
// `file` (via `file` + ".tmp", removed again when writing fails, so that the previous
// checkpoint stays whole). Throws OutputError naming the file and the OS error.
void write_checkpoint(const std::filesystem::path& file, const Simulation& sim,
                      const RecorderPosition& position, const RunSettings& settings);

struct Checkpoint {
  Simulation simulation;
  RecorderPosition position;
  RunSettings settings;
};

// Reads a checkpoint. Throws InputError naming the file and what is wrong ("is a
// directory", "not a socred checkpoint", "truncated", "checksum mismatch", "from a newer
// socred", "inconsistent: ...") when it cannot be trusted.
Checkpoint read_checkpoint(const std::filesystem::path& file);
// The same from bytes in memory; `label` names them in errors.
Checkpoint parse_checkpoint(std::string_view bytes, const std::string& label);

}  // namespace socred

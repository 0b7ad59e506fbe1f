// The tick loop of `socred run`, shared by fresh and resumed runs: recording, checkpoints
// every K ticks, stopping cleanly on Ctrl-C or SIGTERM, resident memory every K ticks, and
// the closing summary. Also the checks made before a run allocates anything.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "cli_common.hpp"
#include "socred/checkpoint.hpp"
#include "socred/network.hpp"
#include "socred/recorder.hpp"
#include "socred/simulation.hpp"

namespace socred::cli {

// Flags that govern how a run proceeds, as opposed to what it simulates.
struct RunControl {
  std::int64_t checkpoint_every = 0;  // 0: only when interrupted
  std::int64_t rss_every = 0;         // print resident memory every K ticks (0: never)
  bool no_resource_check = false;
  std::optional<int> threads;
  // Ctrl-C and SIGTERM save a checkpoint and stop cleanly. socred-mpi turns this off: one
  // rank's world is not the whole society, and mpirun ends every rank on a signal anyway.
  bool interruptible = true;
  // Processes on this machine that each hold a whole world (socred-mpi's ranks on a node).
  int worlds_here = 1;
  // Whether this process writes the outputs, so that the disk must have room for them.
  bool writes_outputs = true;
};

// Throws InputError with one line when the run cannot fit in memory or on disk (unless
// control.no_resource_check). `network` is the edge list already read, if any.
void require_room(const Scenario& s, const EdgeListReport* network, std::int64_t snapshot_every,
                  int threads, const std::filesystem::path& out, const RunControl& control);

// Runs the remaining ticks of `sim`, then finishes the outputs and prints the summary.
// Returns kExitOk, or kExitInterrupted after saving a checkpoint when asked to stop.
int drive_run(Simulation& sim, RunRecorder& recorder, RunSettings& settings,
              const RunControl& control, const GlobalOptions& global,
              std::chrono::steady_clock::time_point started);

// `socred run --resume DIR`: continues an interrupted or killed run from its checkpoint.
int resume_run(const std::string& dir, const RunControl& control, const GlobalOptions& global);

}  // namespace socred::cli

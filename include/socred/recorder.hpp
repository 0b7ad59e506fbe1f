// The recorder: the only part of the core that writes run outputs.
//
// Everything is written into `DIR.partial/` and the directory is renamed to `DIR` only when
// the run completes, so a failed or killed run never leaves output that looks complete.
// The recorder holds DIR's lock (output_dir.hpp) while it writes. An existing `DIR` is
// replaced only if it holds a previous socred run (it has run.json) and nothing socred did
// not write (is_run_output); with `force`, socred's own files there are replaced and the
// others kept. Every write is checked: the first failure throws OutputError naming the file
// and the operating system's reason.
//
// Checkpoints (checkpoint.hpp) save the recorder's position, the bytes written so far to
// each streamed file; resuming cuts the files back to it and appends from there, so a
// resumed run's files are byte for byte those of an uninterrupted one.
#pragma once

#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "socred/output_dir.hpp"
#include "socred/simulation.hpp"

namespace socred {
namespace detail {
class OutputFile;
}

// Where the recorder stands: bytes written to each streamed file, and the run's history.
struct RecorderPosition {
  std::uint64_t metrics_bytes = 0;
  std::uint64_t histogram_bytes = 0;
  std::uint64_t events_bytes = 0;
  std::string started;                   // when the run first started (UTC)
  std::vector<std::int64_t> resumed_at;  // weeks at which it was resumed
  bool operator==(const RecorderPosition&) const = default;
};

struct RecorderOptions {
  std::filesystem::path out_dir;
  std::int64_t snapshot_every = 0;  // agents snapshot every K ticks (0: none)
  int threads = 1;
  std::string command_line;
  // Every output file, or only run.json (sweep and compare runs that are not kept: run.json
  // is enough for `socred run --from` to write them all again).
  bool full = true;
  // --force: write into a run directory that also holds files socred did not write,
  // replacing socred's own files there and keeping the others.
  bool force = false;
  // The caller holds a lock that covers out_dir (OutputLock::beside(out_dir), or a sweep's
  // or comparison's directory around it); otherwise the recorder takes out_dir's own.
  bool locked_by_caller = false;
};

class RunRecorder {
 public:
  // Creates DIR.partial and writes the initial state. Throws InputError when DIR exists and
  // is not a socred output, when DIR.partial holds an interrupted run that can be resumed,
  // OutputError when another socred holds DIR or a file cannot be written.
  RunRecorder(RecorderOptions options, const Simulation& sim);
  // Reopens DIR.partial at a checkpoint's position (sim is the restored simulation): the
  // streamed files are cut back to `at`, later snapshots removed. Throws InputError when
  // the directory or a file is missing or shorter than the checkpoint says, or when the
  // directory holds another run than the simulation's (its identity.json).
  RunRecorder(RecorderOptions options, const Simulation& sim, RecorderPosition at);
  ~RunRecorder();
  RunRecorder(const RunRecorder&) = delete;
  RunRecorder& operator=(const RunRecorder&) = delete;

  // Appends the tick's metrics, histogram and events; writes a snapshot when due.
  void record_tick(const Simulation& sim);

  // Flushes the streamed files to the disk and returns the position, for a checkpoint.
  RecorderPosition sync();

  // Writes the final state and run.json, removes any checkpoint, then puts DIR.partial in
  // place as DIR (install_directory).
  void finish(const Simulation& sim, double wall_seconds);
  // After finish: the files socred did not write that DIR kept (with --force, or added
  // during the run), for a warning.
  const std::vector<std::string>& kept_files() const { return kept_; }

  // For a run stopped part-way: flushes what was written and puts a run.json with status
  // "interrupted" in DIR.partial (which keeps its name: the run is not complete).
  void interrupt(const Simulation& sim, double wall_seconds);

  const std::filesystem::path& partial_dir() const { return partial_; }
  const std::filesystem::path& out_dir() const { return options_.out_dir; }

 private:
  void open_streams(const char* mode);
  void write_manifest(const Simulation& sim, double wall_seconds, bool complete);

  RecorderOptions options_;
  std::filesystem::path partial_;
  std::unique_ptr<detail::OutputFile> metrics_, histogram_, events_;
  RecorderPosition history_;  // started and resumed_at; byte counts are read when needed
  std::optional<OutputLock> lock_;
  std::vector<std::string> kept_;
};

// Whether a run writes this path (relative to its directory; see docs/outputs.md): its
// output files, checkpoint and identity files, their temporaries, snapshots/ and the
// snapshots in it.
bool is_run_output(const std::filesystem::path& relative, bool directory);

// Writers used by the recorder, the GUI's export and tests.
void write_agents_csv(const std::filesystem::path& path, const Simulation& sim);
void write_edges_csv(const std::filesystem::path& path, const World& w);
std::string metrics_csv_header();
std::string metrics_csv_row(const MetricsRow& row);

// An output directory as given, without a trailing separator ("runs/x/" -> "runs/x"), so that
// DIR.partial is its sibling, not a hidden directory inside it.
std::filesystem::path output_directory(const std::filesystem::path& dir);

// Throws InputError when a run may not write to DIR: it exists and is not a socred output,
// it holds files socred did not write (unless `force`), or DIR.partial holds an interrupted
// run that can be resumed or files socred did not write. RunRecorder checks it; programs
// that build a large society first can check it before building (holding the lock).
void check_output_directory(const std::filesystem::path& dir, bool force = false);

// Writes `text` to PATH.partial, flushed to the disk, then renames it to PATH: readers never
// see half a file. Throws OutputError naming the file and the OS error; nothing is left
// under either name when it fails.
void write_file_atomically(const std::filesystem::path& path, const std::string& text);

// The current UTC time as ISO 8601.
std::string utc_now();

// Program version and the git revision it was built from.
std::string socred_version();
std::string socred_git_revision();

}  // namespace socred

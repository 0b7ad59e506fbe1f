// The recorder: the only part of the core that writes run outputs.
//
// Everything is written into `DIR.partial/` and the directory is renamed to `DIR` only when
// the run completes, so a failed or killed run never leaves output that looks complete.
// An existing `DIR` is replaced only if it holds a previous socred run (it has run.json).
//
// Checkpoints (checkpoint.hpp) save the recorder's position, the bytes written so far to
// each streamed file; resuming cuts the files back to it and appends from there, so a
// resumed run's files are byte for byte those of an uninterrupted one.
#pragma once

#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

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
};

class RunRecorder {
 public:
  // Creates DIR.partial and writes the initial state. Throws InputError when DIR exists and
  // is not a socred output, when DIR.partial holds an interrupted run that can be resumed,
  // or when it cannot be created.
  RunRecorder(RecorderOptions options, const Simulation& sim);
  // Reopens DIR.partial at a checkpoint's position (sim is the restored simulation): the
  // streamed files are cut back to `at`, later snapshots removed. Throws InputError when
  // the directory or a file is missing or shorter than the checkpoint says.
  RunRecorder(RecorderOptions options, const Simulation& sim, RecorderPosition at);
  ~RunRecorder();
  RunRecorder(const RunRecorder&) = delete;
  RunRecorder& operator=(const RunRecorder&) = delete;

  // Appends the tick's metrics, histogram and events; writes a snapshot when due.
  void record_tick(const Simulation& sim);

  // Flushes the streamed files to the disk and returns the position, for a checkpoint.
  RecorderPosition sync();

  // Writes the final state and run.json, removes any checkpoint, then renames DIR.partial
  // to DIR.
  void finish(const Simulation& sim, double wall_seconds);

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
  bool finished_ = false;
};

// Writers used by the recorder, the GUI's export and tests.
void write_agents_csv(const std::filesystem::path& path, const Simulation& sim);
void write_edges_csv(const std::filesystem::path& path, const World& w);
std::string metrics_csv_header();
std::string metrics_csv_row(const MetricsRow& row);

// An output directory as given, without a trailing separator ("runs/x/" -> "runs/x"), so that
// DIR.partial is its sibling, not a hidden directory inside it.
std::filesystem::path output_directory(const std::filesystem::path& dir);

// Throws InputError when a run may not write to DIR: it exists and is not a socred output, or
// DIR.partial holds an interrupted run that can be resumed. RunRecorder checks it; programs
// that build a large society first can check it before building.
void check_output_directory(const std::filesystem::path& dir);

// Writes `text` to PATH.partial, then renames it to PATH: readers never see half a file.
void write_file_atomically(const std::filesystem::path& path, const std::string& text);

// The current UTC time as ISO 8601.
std::string utc_now();

// Program version and the git revision it was built from.
std::string socred_version();
std::string socred_git_revision();

}  // namespace socred

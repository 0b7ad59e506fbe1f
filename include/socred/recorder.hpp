// The recorder: the only part of the core that writes run outputs.
//
// Everything is written into `DIR.partial/` and the directory is renamed to `DIR` only when
// the run completes, so a failed or killed run never leaves output that looks complete.
// An existing `DIR` is replaced only if it holds a previous socred run (it has run.json).
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
  // is not a socred output, or cannot be created.
  RunRecorder(RecorderOptions options, const Simulation& sim);
  ~RunRecorder();
  RunRecorder(const RunRecorder&) = delete;
  RunRecorder& operator=(const RunRecorder&) = delete;

  // Appends the tick's metrics, histogram and events; writes a snapshot when due.
  void record_tick(const Simulation& sim);

  // Writes the final state and run.json, then renames DIR.partial to DIR.
  void finish(const Simulation& sim, double wall_seconds);

  const std::filesystem::path& partial_dir() const { return partial_; }
  const std::filesystem::path& out_dir() const { return options_.out_dir; }

 private:
  RecorderOptions options_;
  std::filesystem::path partial_;
  std::unique_ptr<detail::OutputFile> metrics_, histogram_, events_;
  std::string started_;
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

// Writes `text` to PATH.partial, then renames it to PATH: readers never see half a file.
void write_file_atomically(const std::filesystem::path& path, const std::string& text);

// What `socred run --from DIR/run.json` needs from a manifest. Throws InputError naming the
// file (and JSON pointer) when it is not a readable socred run.json.
struct RunManifest {
  Scenario scenario;             // the resolved scenario, timeline events included
  std::int64_t snapshot_every = 0;
  std::string socred_version, git_revision;
  std::string network_file;      // empty for a generated network
  std::string network_hash;      // format_content_hash() of the file when it was run
};
RunManifest read_run_manifest(const std::filesystem::path& file);

// The current UTC time as ISO 8601.
std::string utc_now();

// Program version and the git revision it was built from.
std::string socred_version();
std::string socred_git_revision();

}  // namespace socred

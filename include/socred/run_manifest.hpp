// run.json, the manifest in every run directory: what was run (the resolved scenario, seed,
// version, git revision, command), how it went (complete or interrupted, weeks simulated,
// times) and where the network came from. The recorder writes it with run_manifest_json;
// `socred run --from` and other tools read it back with read_run_manifest, which treats the
// file as untrusted input: every error names the file and the JSON pointer.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "socred/scenario.hpp"

namespace socred {

enum class RunStatus { complete, interrupted };
std::string_view to_string(RunStatus status);

struct RunManifest {
  std::string socred_version;
  std::string git_revision;
  RunStatus status = RunStatus::complete;
  std::string command;           // the command line that started the run
  std::uint64_t seed = 0;        // equals scenario.seed
  std::int64_t ticks = 0;        // weeks simulated; fewer than scenario.ticks when interrupted
  std::int64_t threads = 1;
  std::int64_t snapshot_every = 0;  // agents snapshot every K weeks (0: none)
  bool all_outputs = true;          // false: the run kept only run.json (sweeps, compare)
  std::uint64_t citizens = 0;
  std::string network_source;    // "generated (homophilous)" or "file: PATH"
  std::uint64_t self_loops_dropped = 0;
  std::uint64_t duplicates_dropped = 0;
  // An edge list's path as given, its lines, the ties kept and format_content_hash() of its
  // bytes when it was run; empty and 0 for a generated network.
  std::string network_file;
  std::uint64_t network_lines = 0;
  std::uint64_t network_edges_kept = 0;
  std::string network_hash;
  std::string started;           // UTC, ISO 8601
  std::string finished;
  double wall_seconds = 0;
  std::vector<std::pair<std::string, double>> phase_seconds;  // phase name, seconds
  std::vector<std::int64_t> resumed_at;  // weeks at which the run resumed from a checkpoint
  std::uint64_t peak_resident_bytes = 0;  // 0 when unknown
  Scenario scenario;                      // resolved, timeline events included

  bool operator==(const RunManifest&) const = default;
};

// Pretty JSON, keys in a fixed order, ending with a newline.
std::string run_manifest_json(const RunManifest& manifest);

// Parses and checks a manifest. `label` names it in errors ("DIR/run.json: /ticks: expected
// ..."). Unknown keys are ignored (a newer socred may add some); known keys must have the
// right type; the scenario is validated like a scenario file, with its network.file kept
// exactly as written. Throws InputError.
RunManifest parse_run_manifest(std::string_view text, const std::string& label);

// Reads FILE, or DIR/run.json when given a run directory. Throws InputError.
RunManifest read_run_manifest(const std::filesystem::path& path);

}  // namespace socred

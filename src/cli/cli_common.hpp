// Shared pieces of the socred command line: exit codes, logging, scenario loading with the
// flags that override it, and the progress bar.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "socred/scenario.hpp"
#include "socred/simulation.hpp"

namespace socred::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitBadInput = 2;

struct GlobalOptions {
  std::string log_level = "info";
  bool quiet = false;
  std::string command_line;  // recorded in run.json
};

// spdlog to stderr at the chosen level; --quiet keeps warnings and errors only.
void setup_logging(const GlobalOptions& options);

// What a command needs to resolve its scenario: a file (or the built-in default), --set
// overrides, and flags that are shorthands for overrides (--ticks, --agents, --seed,
// --network). Flags win over --set, which wins over the file.
struct ScenarioArgs {
  std::string file;
  std::vector<std::string> sets;
  // As typed: checked like --set values, so errors echo them exactly.
  std::optional<std::string> ticks;
  std::optional<std::string> agents;
  std::optional<std::string> seed;
  std::string network;
  std::string sets_flag = "--set";  // the flag `sets` came from, for errors
};

// Loads and validates; on error prints every error on stderr (one per line) and returns
// nothing (the caller exits with kExitBadInput). A network file is opened to check that it
// is a regular file that can be read; `--agents` (or --set society.agents) beside a network
// file must equal its number of nodes, the size of the society it makes.
std::optional<Scenario> resolve_scenario(const ScenarioArgs& args);

// runs/<the scenario's name, made safe as a file name>: where a run writes by default.
std::string default_run_dir(const std::string& scenario_name);

// Number of threads to use: the flag, else (or for 0) every core; more than the machine's
// cores is capped to them with a warning (results do not depend on the thread count, and
// thousands of threads only cost memory and time).
int choose_threads(std::optional<int> requested, const char* flag = "--threads");

// A progress bar on stderr when it is a terminal (and not --quiet); otherwise a log line
// every ten percent. Shows done/total, the rate per second and the time left; `unit` names
// what is counted ("runs").
class Progress {
 public:
  Progress(std::string label, std::int64_t total, bool quiet, std::string unit = "");
  // Work already done before this session (a resumed sweep): counted as done, left out of
  // the rate.
  void skip(std::int64_t already);
  void update(std::int64_t done);
  void finish();

 private:
  std::string label_;
  std::string unit_;
  std::int64_t total_;
  std::int64_t skipped_ = 0;
  bool enabled_;
  bool terminal_;
  bool drawn_ = false;
  int last_decile_ = 0;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

// "12,345"
std::string thousands(std::uint64_t n);

// The content hash of the scenario's edge list (reading it, so that a bad file is reported
// before anything is written), or "" for a generated network. Throws InputError.
std::string network_content_hash(const Scenario& scenario);

// Logs where the friendship network came from; for an edge list, what was read and what was
// dropped (self-loops, duplicates) and that ids were renumbered.
void log_network_source(const Simulation& sim);

// `socred run --from DIR/run.json`: the run's scenario and settings. Refuses (one line on
// stderr, nothing returned) flags that would change the run; warns when another build of
// socred wrote the manifest.
struct Reproduction {
  Scenario scenario;
  std::int64_t snapshot_every = 0;
  std::string network_hash;  // of the edge list when it was run; empty if generated
};
std::optional<Reproduction> load_reproduction(const std::string& manifest,
                                              const ScenarioArgs& args);

// Throws InputError when the edge list read now is not the one the reproduced run read.
void check_reproduced_network(const Simulation& sim, const Reproduction& reproduction,
                              const std::string& manifest);

}  // namespace socred::cli

// Shared pieces of the socred command line: exit codes, logging, scenario loading with the
// flags that override it, and the progress bar.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "socred/scenario.hpp"

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
  std::optional<std::int64_t> ticks;
  std::optional<std::int64_t> agents;
  std::optional<std::int64_t> seed;
  std::string network;
};

// Loads and validates; on error prints every error on stderr (one per line) and returns
// nothing (the caller exits with kExitBadInput).
std::optional<Scenario> resolve_scenario(const ScenarioArgs& args);

// Number of threads to use: the flag, else every core.
int choose_threads(std::optional<int> requested);

// A progress bar on stderr when it is a terminal (and not --quiet); otherwise a log line
// every ten percent.
class Progress {
 public:
  Progress(std::string label, std::int64_t total, bool quiet);
  void update(std::int64_t done);
  void finish();

 private:
  std::string label_;
  std::int64_t total_;
  bool enabled_;
  bool terminal_;
  bool drawn_ = false;
  int last_decile_ = 0;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

// "12,345"
std::string thousands(std::uint64_t n);

}  // namespace socred::cli

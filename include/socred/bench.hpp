// Benchmarks: the engine's speed per phase, and the machine's own limits measured in the same
// run, so a figure can be read as a share of what the hardware allows.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "socred/partition.hpp"
#include "socred/phases.hpp"
#include "socred/scenario.hpp"

namespace socred {

// Streaming read bandwidth in bytes per second: a sum over an array far larger than the
// caches, with the current OpenMP thread count.
double measure_stream_read(std::size_t bytes, int repeats);

// Random 8-byte gathers per second from an array of `elements` doubles (the size of the score
// array), indices drawn uniformly and read from a sequential index array, as the contagion loop
// reads friends' scores.
double measure_random_gather(std::size_t elements, std::size_t gathers, int repeats);

// The two configurations of `socred bench`.
enum class BenchConfig { degroot, full };
std::string_view bench_config_name(BenchConfig c);

// The scenario a configuration runs: `degroot` is the contagion-only special case; `full` has
// every mechanism and every policy on, adaptation (rewiring) on.
Scenario bench_scenario(BenchConfig config, std::int64_t agents, double degree, bool random_network);

struct Spread {
  double median = 0, min = 0, max = 0;
};
Spread spread_of(std::vector<double> samples);

struct BenchResult {
  BenchConfig config = BenchConfig::degroot;
  bool random_network = false;
  std::int64_t agents = 0;
  double degree = 0;
  int threads = 1;
  std::int64_t ticks = 0;
  double build_seconds = 0;
  std::uint64_t directed_ties = 0;   // at the end
  Spread tick_seconds;               // phases and metrics
  std::vector<Spread> phase_seconds; // by Phase, then metrics last
  double citizen_ticks_per_second = 0;
  double tie_updates_per_second = 0;  // directed ties / median contagion seconds
  std::uint64_t world_bytes = 0;
  std::uint64_t timed_allocations = 0;  // heap allocations during the timed ticks (all of them)
  // The society split by city into R ranges (socred-mpi's layout), after the timed ticks: for
  // R in kBenchSplits, what the split cuts (docs/distributed.md builds its model on these).
  std::vector<std::pair<int, CutStats>> splits;
};
inline constexpr int kBenchSplits[] = {2, 4, 16, 64};

// Runs warm-up ticks, then timed ticks. `allocations` (may be empty) returns a running count of
// heap allocations, so that allocations inside ticks can be reported. `progress` is called
// after each tick.
BenchResult run_bench(BenchConfig config, std::int64_t agents, double degree, bool random_network,
                      std::int64_t warmup, std::int64_t ticks,
                      const std::function<std::uint64_t()>& allocations,
                      const std::function<void(std::int64_t)>& progress,
                      std::int64_t regions = 0);  // cities; 0 keeps the scenario's

}  // namespace socred

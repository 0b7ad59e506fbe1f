// Estimating a run's memory and disk before it starts. The figures per element follow the
// code that allocates them (society.cpp, network_generators.cpp, edge_list.cpp, metrics.cpp,
// recorder.cpp); tests/core/footprint_test.cpp holds them to the real thing.
#include "socred/footprint.hpp"

#include <algorithm>
#include <cmath>

#include "socred/metrics.hpp"
#include "socred/resources.hpp"
#include "socred/society.hpp"

namespace socred {
namespace {

constexpr double kProcessBase = 48.0 * 1024 * 1024;  // code, libraries, thread stacks, buffers
constexpr double kEdgeBytes = 8.0;                    // one (u, v) pair of 32-bit ids

double digits(double x) { return std::floor(std::log10(std::max(1.0, x))) + 1.0; }

// Bytes of edge lists alive while the society is built, beyond the world itself.
double build_transients(const Scenario& s, double n, double ties, bool network_read) {
  const double fill = 4.0 * n;  // Adjacency::from_edges' per-citizen cursor
  if (network_read) {
    // The list as read (its capacity may be up to twice its size after growth) and the
    // original id of each citizen.
    return 2.0 * kEdgeBytes * ties + 8.0 * n + fill;
  }
  switch (s.network.generator) {
    case NetworkGenerator::scale_free:
      return 2.0 * kEdgeBytes * ties + fill;  // the edges, and the list of tie ends
    case NetworkGenerator::random:
    case NetworkGenerator::small_world:
      return kEdgeBytes * ties + fill;
    case NetworkGenerator::homophilous:
    case NetworkGenerator::file:
      break;
  }
  // Up to 1.5 times the planned ties are proposed before duplicates go, plus offsets.
  return 1.5 * kEdgeBytes * ties + 8.0 * n + fill;
}

}  // namespace

std::uint64_t planned_ties(const Scenario& s) {
  const double ties = static_cast<double>(s.society.agents) * s.network.mean_degree / 2.0;
  return ties >= 1.8e19 ? ~0ull : static_cast<std::uint64_t>(std::ceil(ties));
}

RunFootprint estimate_footprint(const Scenario& s, std::uint64_t citizens, std::uint64_t ties,
                                bool network_read, std::int64_t snapshot_every, int threads) {
  RunFootprint f;
  f.citizens = citizens;
  f.ties = ties;
  f.world_bytes = estimate_world_bytes(s, citizens, ties);
  const double n = static_cast<double>(citizens);
  const double t = static_cast<double>(ties);
  const double world = static_cast<double>(f.world_bytes);

  // While running: metrics scratch (union-find over citizens, per-thread histograms) and
  // the sorted edge list the recorder makes to write edges_*.csv.
  const double per_thread = (60000.0 * 8 + 4096.0 * 24) * (std::max(threads, 1) + 1);
  const double running = 4.0 * n + per_thread + kEdgeBytes * t;
  const double peak =
      kProcessBase + world + std::max(build_transients(s, n, t, network_read), running);
  f.peak_bytes = peak >= 1.8e19 ? ~0ull : static_cast<std::uint64_t>(peak);

  // Outputs: a metrics, histogram and events row per tick; agents at the start, at the end
  // and at every snapshot; edges at the start and the end; one checkpoint of the world.
  const double ticks = static_cast<double>(std::max<std::int64_t>(s.ticks, 0));
  const double per_tick = 11.0 * kMetricCount + 160.0 + 200.0;
  const double agent_row = 170.0 + 2.0 * digits(n);
  const double snapshots = snapshot_every > 0 ? std::floor(ticks / snapshot_every) : 0.0;
  const double edge_row = 2.0 * digits(n) + 2.0;
  const double disk = per_tick * (ticks + 1) + agent_row * n * (2 + snapshots) +
                      2.0 * edge_row * t + world;
  f.weeks = static_cast<std::uint64_t>(ticks);
  f.snapshots = static_cast<std::uint64_t>(snapshots);
  f.disk_bytes = disk >= 1.8e19 ? ~0ull : static_cast<std::uint64_t>(disk);
  return f;
}

std::optional<std::string> footprint_problem(const RunFootprint& f,
                                             std::optional<std::uint64_t> available_memory,
                                             std::optional<std::uint64_t> free_disk,
                                             const std::string& where) {
  const std::string size = format_count(f.citizens) + " citizens, " + format_count(f.ties) +
                           " friendship ties";
  if (available_memory && f.peak_bytes > *available_memory) {
    return "not enough memory: this run needs about " + format_bytes(f.peak_bytes) + " (" + size +
           ") but " + format_bytes(*available_memory) +
           " is available; use fewer citizens (--agents) or friends (network.mean_degree), "
           "or --no-resource-check to try anyway";
  }
  if (free_disk && f.disk_bytes > *free_disk) {
    std::string what = format_count(f.weeks) + " weeks, " + format_count(f.citizens) + " citizens";
    if (f.snapshots) what += ", " + format_count(f.snapshots) + " snapshots";
    return "not enough disk space: the outputs need about " + format_bytes(f.disk_bytes) +
           " (" + what + ") but " + format_bytes(*free_disk) +
           " is free for " + where +
           "; use fewer --ticks, a larger --snapshot-every or another --out, or "
           "--no-resource-check to try anyway";
  }
  return std::nullopt;
}

}  // namespace socred
